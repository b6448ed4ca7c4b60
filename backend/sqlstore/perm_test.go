package sqlstore

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"

	"selo/backend/crm"
)

// TestDatabaseFilesArePrivate: selo.db, selo.db-wal and selo.db-shm are all
// 0600 after a write, also when an older Selo left the three 0644.
func TestDatabaseFilesArePrivate(t *testing.T) {
	skipOnPostgres(t, "permissions of selo.db and its -wal/-shm files")
	if runtime.GOOS == "windows" {
		t.Skip("POSIX permission bits do not apply on Windows")
	}
	p := filepath.Join(t.TempDir(), "selo.db")
	files := []string{p, p + "-wal", p + "-shm"}
	db, err := Open(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		for _, f := range files {
			st, err := os.Stat(f)
			if err != nil {
				t.Fatalf("%s: %s: %v", when, filepath.Base(f), err)
			}
			if st.Mode().Perm() != 0o600 {
				t.Errorf("%s: %s has mode %v, want 0600", when, filepath.Base(f), st.Mode().Perm())
			}
		}
	}
	if _, err := db.Exec(`CREATE TABLE perm_probe (x)`); err != nil {
		t.Fatal(err)
	}
	check("new database")

	// Loosen all three while a connection keeps -wal and -shm alive, as a
	// copy or an older version could have left them, then reopen.
	for _, f := range files {
		if err := os.Chmod(f, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db2, err := Open(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	db.Close()
	if _, err := db2.Exec(`INSERT INTO perm_probe VALUES (1)`); err != nil {
		t.Fatal(err)
	}
	check("reopened database")
}

// TestOpenNamesADatabaseItCannotWrite: a selo.db on a read-only disk (a real
// read-only mount, so it holds for root) fails with the start-up screen's
// code, naming the file, instead of an "internal" error.
func TestOpenNamesADatabaseItCannotWrite(t *testing.T) {
	skipOnPostgres(t, "a selo.db on a read-only disk")
	if runtime.GOOS != "linux" || os.Geteuid() != 0 {
		t.Skip("mounting a read-only tmpfs needs root on Linux")
	}
	mnt := t.TempDir()
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", 0, "size=2m"); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(mnt, 0) })
	p := filepath.Join(mnt, "selo.db")
	if err := os.WriteFile(p, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("", mnt, "", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), p)
	e := crm.AsError(err)
	if e.Code != crm.CodeDataDirUnwritable || e.Data["path"] != p || e.Data["reason"] != crm.ReasonReadOnly {
		t.Fatalf("Open on a read-only disk = %v, want %s naming %s (read_only)", err, crm.CodeDataDirUnwritable, p)
	}
}
