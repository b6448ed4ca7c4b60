package demo

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"selo/backend/crm"
	"selo/backend/templates"
)

// TestSampleInTheDatabaseFileStore is office mode: the sample's template
// files go to the database (not the local folder), load does not wait on
// its own transaction, a failed load leaves no file behind, and remove
// takes the template and generated contract files out of the database.
func TestSampleInTheDatabaseFileStore(t *testing.T) {
	e := newEnv(t)
	e.svc = New(e.db.Demo(), e.sec, e.db.Files(), e.log)
	ctx, cancel := context.WithTimeout(context.Background(), 20e9)
	defer cancel()

	e.sec.FailSet = errors.New("keyring locked")
	if err := e.svc.Load(ctx); err == nil {
		t.Fatal("Load succeeded with a failing keyring")
	}
	if n := count(t, e.db, `SELECT COUNT(*) FROM files`); n != 0 {
		t.Fatalf("%d files left in the database after a failed load", n)
	}
	e.sec.FailSet = nil

	if err := e.svc.Load(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(t, e.db, `SELECT COUNT(*) FROM files WHERE kind = 'templates'`); n != 2 {
		t.Fatalf("template files in the database = %d, want 2", n)
	}
	if _, err := os.Stat(filepath.Join(e.files, "templates")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("office mode wrote the sample to the local folder: %v", err)
	}
	tpls := templates.New(e.db.Templates(), e.db.Files(), e.log)
	list, err := tpls.List(ctx)
	if err != nil || len(list) != 2 {
		t.Fatalf("templates = %v, %v", list, err)
	}
	for _, tp := range list {
		if pdf, err := tpls.File(ctx, tp.ID); err != nil || !strings.HasPrefix(string(pdf), "%PDF-") {
			t.Errorf("file of %s: %v", tp.Name, err)
		}
	}

	var resID int64
	e.db.QueryRowContext(ctx, `SELECT id FROM reservations ORDER BY id LIMIT 1`).Scan(&resID)
	sum := strings.Repeat("cd", 32)
	if _, err := e.db.Files().Put(ctx, crm.FileContract, sum, []byte("%PDF-1.7")); err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.ExecContext(ctx, `INSERT INTO reservation_contracts (reservation_id, kind, name, pages, size_bytes, sha256, position, created_at)
		VALUES (?, 'generated', 'Promessa', 2, 8, ?, 0, '2026-11-27T00:00:00Z')`, resID, sum); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Remove(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(t, e.db, `SELECT COUNT(*) FROM files`); n != 0 {
		t.Errorf("%d sample files left in the database after remove", n)
	}
}
