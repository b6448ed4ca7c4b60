package app

import (
	"os"
	"strings"
	"sync"
)

// jitVariable and jitDefault are the JavaScriptCore option Selo's window
// runs with on Linux (WebKitGTK reads JSC_* variables when its web process
// starts; the WebView2 window on Windows ignores them).
//
// useJIT=false runs the page's JavaScript in JavaScriptCore's interpreter
// only, as Safari's Lockdown Mode does. Selo's screens are forms and lists
// whose code runs briefly; the JIT tiers and the code they make cost the
// window's web process memory it keeps for as long as it is open (an A/B
// probe of its PSS 8 s after start under Xvfb, the same binary with and
// without the variable, 2-3 runs each: 132.3 -> 124.2 MiB on the Painel
// at rest and 149.3 -> 141.0 MiB with 10,000 reservations listed, against
// the interpreter plus baseline JIT that Selo ran before; the optimising
// tiers DFG and FTL had already cost 11-12 MiB more).
// The price is paid by pdf.js, which draws contracts in the same process:
// a 59-page contract drawn page by page at 150% in WebKitGTK 2.50 took
// 7.4 s instead of 4.3 s on its first pass and 2.4 s instead of 2.1 s on
// its second, and opening it 280 ms instead of 175 ms (MiniBrowser, medians
// of 3 and 4 runs), so a preview's first page comes about 0.15 s later.
// JSC_useJIT=true brings the JIT back for one run.
const (
	jitVariable = "JSC_useJIT"
	jitDefault  = "false"
)

// TuneWebEngine puts Selo's JavaScriptCore default (above) into the
// environment that the window's WebKit processes inherit, so it must run
// before the window is created. It leaves the environment alone when it
// already chooses the JIT or any of its tiers (tunesJIT): a user (or a
// test) can still choose otherwise, e.g. JSC_useJIT=true. It returns what
// it set, for the log, and a function that takes it out of the environment
// again: call it once the window's WebKit processes run (the page's DOM is
// ready), so that programs Selo starts later (the browser for a link, Selo
// itself on a relaunch) do not inherit it.
func TuneWebEngine() (set []string, untune func()) {
	if tunesJIT() || os.Setenv(jitVariable, jitDefault) != nil {
		return nil, func() {}
	}
	var once sync.Once
	return []string{jitVariable + "=" + jitDefault}, func() {
		once.Do(func() { _ = os.Unsetenv(jitVariable) })
	}
}

// tunesJIT reports whether the environment already chooses about the JIT:
// the JIT itself (JSC_useJIT) or one of its tiers (JSC_useDFGJIT=true,
// JSC_useBaselineJIT=false, ...). Turning the whole JIT off would overrule
// that choice.
func tunesJIT() bool {
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "JSC_use") && strings.HasSuffix(k, "JIT") {
			return true
		}
	}
	return false
}
