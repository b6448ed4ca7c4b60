package filestore

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"selo/backend/crm"
)

func TestDiskKeepsTodaysFoldersAndPermissions(t *testing.T) {
	dir := t.TempDir()
	d := New(dir)
	ctx := context.Background()
	created, err := d.Put(ctx, crm.FileContract, "abc", []byte("%PDF-1.7"))
	if err != nil || !created {
		t.Fatalf("Put = %v, %v", created, err)
	}
	path := filepath.Join(dir, "contracts", "abc.pdf")
	st, err := os.Stat(path)
	if err != nil {
		t.Fatalf("file not at today's place %s: %v", path, err)
	}
	if runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, want 0600", st.Mode().Perm())
	}
	if created, err := d.Put(ctx, crm.FileContract, "abc", []byte("%PDF-1.7")); err != nil || created {
		t.Fatalf("second Put = %v, %v", created, err)
	}
	if ok, _ := d.Exists(ctx, crm.FileContract, "abc"); !ok {
		t.Fatal("Exists = false")
	}
	if err := d.Delete(ctx, crm.FileContract, "abc"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Get(ctx, crm.FileContract, "abc"); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Get after Delete: %v", err)
	}
	if err := d.Delete(ctx, crm.FileContract, "abc"); err != nil {
		t.Fatalf("Delete of a missing file: %v", err)
	}
}

func TestDiskRefusesNamesLeavingTheFolder(t *testing.T) {
	d := New(t.TempDir())
	for _, name := range []string{"", "..", "../x", `a\b`, "a/b"} {
		if _, err := d.Put(context.Background(), crm.FileSigned, name, []byte("x")); err == nil {
			t.Errorf("Put(%q) accepted", name)
		}
		if _, err := d.Get(context.Background(), crm.FileSigned, name); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Get(%q) = %v, want not found", name, err)
		}
	}
}
