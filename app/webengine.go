package app

import (
	"os"
	"sort"
	"sync"
)

// webEngineDefaults are the JavaScriptCore options Selo's window runs
// with on Linux (WebKitGTK reads JSC_* variables when its web process
// starts; the WebView2 window on Windows ignores them).
//
// useDFGJIT=false keeps the interpreter and the baseline JIT and leaves
// out the optimising tiers (DFG, and FTL, which needs DFG). Selo's
// screens are forms and lists whose code runs briefly; the optimising
// compilers cost the window about 11 MiB of PSS at rest on the Painel
// (build/scripts/bench-window.sh, 86.2 -> 74.2 MiB over the bare window)
// and pay back only in long hot loops. Turning every JIT off saved 8 MiB
// more but would slow pdf.js, which draws contracts in the same process.
var webEngineDefaults = map[string]string{
	"JSC_useDFGJIT": "false",
}

// TuneWebEngine puts Selo's JavaScriptCore defaults into the environment
// that the window's WebKit processes inherit, so it must run before the
// window is created. A variable already set is left as it is, so a user
// (or a test) can still choose otherwise, e.g. JSC_useDFGJIT=true. It
// returns the names it set, for the log, and a function that takes them
// out of the environment again: call it once the window's WebKit processes
// run (the page's DOM is ready), so that programs Selo starts later (the
// browser for a link, Selo itself on a relaunch) do not inherit them.
func TuneWebEngine() (set []string, untune func()) {
	var mine []string
	for k, v := range webEngineDefaults {
		if _, ok := os.LookupEnv(k); ok {
			continue
		}
		if os.Setenv(k, v) == nil {
			mine = append(mine, k)
			set = append(set, k+"="+v)
		}
	}
	sort.Strings(set)
	var once sync.Once
	return set, func() {
		once.Do(func() {
			for _, k := range mine {
				_ = os.Unsetenv(k)
			}
		})
	}
}
