package datahome

import (
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"

	"selo/backend/crm"
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

// TestOpenReportsAReadOnlyFolder: a data folder on a read-only file system
// (a real read-only mount, so it holds for root too) fails with the code the
// start-up screen explains, naming the folder and the reason.
func TestOpenReportsAReadOnlyFolder(t *testing.T) {
	if runtime.GOOS != "linux" || os.Geteuid() != 0 {
		t.Skip("mounting a read-only tmpfs needs root on Linux")
	}
	mnt := t.TempDir()
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", syscall.MS_RDONLY, "size=1m"); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(mnt, 0) })

	for name, dir := range map[string]string{"new folder": filepath.Join(mnt, "Selo"), "existing folder": mnt} {
		t.Run(name, func(t *testing.T) {
			h, err := Open(dir)
			e := crm.AsError(err)
			if err == nil || e.Code != crm.CodeDataDirUnwritable {
				t.Fatalf("Open(%s) = %v, want %s", dir, err, crm.CodeDataDirUnwritable)
			}
			if e.Data["path"] != dir || e.Data["reason"] != ReasonReadOnly {
				t.Fatalf("data = %v, want path %s and reason %s", e.Data, dir, ReasonReadOnly)
			}
			if h == nil || h.Dir != dir {
				t.Fatalf("home = %+v, want its paths for the error screen", h)
			}
		})
	}
}

// TestOpenReportsAFolderThatCannotBeCreated: the data folder's parent is a
// file, which no user (root included) can create a folder in.
func TestOpenReportsAFolderThatCannotBeCreated(t *testing.T) {
	parent := filepath.Join(t.TempDir(), "not-a-folder")
	if err := os.WriteFile(parent, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(filepath.Join(parent, "Selo"))
	if e := crm.AsError(err); e.Code != crm.CodeDataDirUnwritable || e.Data["reason"] != ReasonOther {
		t.Fatalf("Open = %v, want %s with reason other", err, crm.CodeDataDirUnwritable)
	}
}

// TestOpenReportsPermissionDenied: a folder the user may not write in. Root
// ignores permission bits, so this one only runs as an ordinary user.
func TestOpenReportsPermissionDenied(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		t.Skip("permission bits do not stop root (the read-only mount test covers root)")
	}
	parent := t.TempDir()
	if err := os.Chmod(parent, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(parent, 0o700) })
	_, err := Open(filepath.Join(parent, "Selo"))
	if e := crm.AsError(err); e.Code != crm.CodeDataDirUnwritable || e.Data["reason"] != ReasonPermission {
		t.Fatalf("Open = %v, want %s with reason permission", err, crm.CodeDataDirUnwritable)
	}
}
