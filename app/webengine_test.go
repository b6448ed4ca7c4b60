package app

import (
	"os"
	"slices"
	"testing"
)

func TestTuneWebEngineSetsDefaultsTheWindowInherits(t *testing.T) {
	t.Setenv("JSC_useDFGJIT", "")
	os.Unsetenv("JSC_useDFGJIT")
	set, untune := TuneWebEngine()
	if !slices.Contains(set, "JSC_useDFGJIT=false") {
		t.Fatalf("set %v, want JSC_useDFGJIT=false among them", set)
	}
	if got := os.Getenv("JSC_useDFGJIT"); got != "false" {
		t.Fatalf("JSC_useDFGJIT = %q in the environment, want false", got)
	}
	// Once the window runs, a browser opened for a link must not inherit it.
	untune()
	untune()
	if v, ok := os.LookupEnv("JSC_useDFGJIT"); ok {
		t.Fatalf("JSC_useDFGJIT = %q left in the environment after untune", v)
	}
}

func TestTuneWebEngineKeepsTheUsersChoice(t *testing.T) {
	t.Setenv("JSC_useDFGJIT", "true")
	set, untune := TuneWebEngine()
	if slices.Contains(set, "JSC_useDFGJIT=false") {
		t.Fatalf("set %v over the user's JSC_useDFGJIT=true", set)
	}
	untune()
	if got := os.Getenv("JSC_useDFGJIT"); got != "true" {
		t.Fatalf("JSC_useDFGJIT = %q, want the user's true kept", got)
	}
}
