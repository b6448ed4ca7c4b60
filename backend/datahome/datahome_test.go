package datahome

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestResolveHonoursOverride(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(EnvOverride, dir)
	got, err := Resolve()
	if err != nil {
		t.Fatal(err)
	}
	if got != dir {
		t.Fatalf("Resolve() = %q, want the override %q", got, dir)
	}
}

func TestResolveDefaultsToConfigDir(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the config folder variable is XDG_CONFIG_HOME on Linux only")
	}
	t.Setenv(EnvOverride, "")
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	got, err := Resolve()
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(cfg, "Selo"); got != want {
		t.Fatalf("Resolve() = %q, want %q", got, want)
	}
}

func TestOpenCreatesPrivateFolders(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("POSIX permission bits do not apply on Windows")
	}
	dir := filepath.Join(t.TempDir(), "home")
	// A folder left world-readable by an earlier tool must be tightened.
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	h, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{h.Dir, h.LogsDir(), h.FilesDir()} {
		st, err := os.Stat(d)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o700 {
			t.Errorf("%s has mode %v, want 0700", d, st.Mode().Perm())
		}
	}
	if filepath.Dir(h.DatabasePath()) != dir || filepath.Base(h.DatabasePath()) != "selo.db" {
		t.Errorf("database path %q is not selo.db in the home", h.DatabasePath())
	}
}
