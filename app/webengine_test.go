package app

import (
	"os"
	"slices"
	"testing"
)

func TestTuneWebEngineSetsDefaultsTheWindowInherits(t *testing.T) {
	t.Setenv("JSC_useJIT", "")
	os.Unsetenv("JSC_useJIT")
	set, untune := TuneWebEngine()
	if !slices.Contains(set, "JSC_useJIT=false") {
		t.Fatalf("set %v, want JSC_useJIT=false among them", set)
	}
	if got := os.Getenv("JSC_useJIT"); got != "false" {
		t.Fatalf("JSC_useJIT = %q in the environment, want false", got)
	}
	// Once the window runs, a browser opened for a link must not inherit it.
	untune()
	untune()
	if v, ok := os.LookupEnv("JSC_useJIT"); ok {
		t.Fatalf("JSC_useJIT = %q left in the environment after untune", v)
	}
}

func TestTuneWebEngineKeepsTheUsersChoice(t *testing.T) {
	t.Setenv("JSC_useJIT", "true")
	set, untune := TuneWebEngine()
	if slices.Contains(set, "JSC_useJIT=false") {
		t.Fatalf("set %v over the user's JSC_useJIT=true", set)
	}
	untune()
	if got := os.Getenv("JSC_useJIT"); got != "true" {
		t.Fatalf("JSC_useJIT = %q, want the user's true kept", got)
	}
}

func TestTuneWebEngineLeavesTheJITToAUserWhoTunesItsTiers(t *testing.T) {
	t.Setenv("JSC_useJIT", "")
	os.Unsetenv("JSC_useJIT")
	t.Setenv("JSC_useDFGJIT", "true")
	set, untune := TuneWebEngine()
	defer untune()
	if slices.Contains(set, "JSC_useJIT=false") {
		t.Fatalf("set %v although the user chose JSC_useDFGJIT=true", set)
	}
	if v, ok := os.LookupEnv("JSC_useJIT"); ok {
		t.Fatalf("JSC_useJIT = %q, want it left unset", v)
	}
}
