package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestDatabaseFilesArePrivate: selo.db, selo.db-wal and selo.db-shm are all
// 0600 after a write, also when an older Selo left the three 0644.
func TestDatabaseFilesArePrivate(t *testing.T) {
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
