package app

import (
	"os"
	"slices"
	"testing"
)

func TestTuneWebEngineSetsDefaultsTheWindowInherits(t *testing.T) {
	t.Setenv("JSC_useDFGJIT", "")
	os.Unsetenv("JSC_useDFGJIT")
	set := TuneWebEngine()
	if !slices.Contains(set, "JSC_useDFGJIT=false") {
		t.Fatalf("set %v, want JSC_useDFGJIT=false among them", set)
	}
	if got := os.Getenv("JSC_useDFGJIT"); got != "false" {
		t.Fatalf("JSC_useDFGJIT = %q in the environment, want false", got)
	}
}

func TestTuneWebEngineKeepsTheUsersChoice(t *testing.T) {
	t.Setenv("JSC_useDFGJIT", "true")
	if set := TuneWebEngine(); slices.Contains(set, "JSC_useDFGJIT=false") {
		t.Fatalf("set %v over the user's JSC_useDFGJIT=true", set)
	}
	if got := os.Getenv("JSC_useDFGJIT"); got != "true" {
		t.Fatalf("JSC_useDFGJIT = %q, want the user's true kept", got)
	}
}
