package templates

import (
	"context"
	"errors"
	"log/slog"
	"testing"

	"selo/backend/crm"
)

// TestTemplatesInTheDatabaseFileStore is office mode: the PDF goes to the
// database with its row, a failed row takes it away again, Delete removes
// it, and a row whose file is gone reads as "file missing".
func TestTemplatesInTheDatabaseFileStore(t *testing.T) {
	e := setup(t)
	e.svc = New(e.db.Templates(), e.db.Files(), slog.New(slog.DiscardHandler))
	ctx := context.Background()
	files := func() int {
		var n int
		if err := e.db.QueryRow(`SELECT COUNT(*) FROM files WHERE kind = 'templates'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}

	real := e.svc.store
	e.svc.store = failingInsert{real}
	if _, err := e.svc.Upload(ctx, "Contrato", "contract.pdf", fixture(t, "contract.pdf"), false); err == nil {
		t.Fatal("upload with a failing insert succeeded")
	}
	if n := files(); n != 0 {
		t.Fatalf("%d files left in the database after a failed insert", n)
	}
	e.svc.store = real

	tpl, err := e.svc.Upload(ctx, "Contrato", "contract.pdf", fixture(t, "contract.pdf"), false)
	if err != nil {
		t.Fatal(err)
	}
	if n := files(); n != 1 {
		t.Fatalf("files in the database = %d, want 1", n)
	}
	if data, err := e.svc.File(ctx, tpl.ID); err != nil || string(data) != string(fixture(t, "contract.pdf")) {
		t.Fatalf("File = %d bytes, %v", len(data), err)
	}
	if storedFiles(t, e) != nil {
		t.Errorf("office mode wrote to the local folder: %v", storedFiles(t, e))
	}

	if err := e.db.Files().Delete(ctx, crm.FileTemplate, tpl.SHA256); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.File(ctx, tpl.ID); !errors.Is(err, crm.E(crm.CodeTemplateFileMissing)) {
		t.Fatalf("File without file = %v", err)
	}
	other, err := e.svc.Upload(ctx, "Carta", "letter.pdf", fixture(t, "letter.pdf"), false)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Delete(ctx, other.ID); err != nil {
		t.Fatal(err)
	}
	if n := files(); n != 0 {
		t.Fatalf("files in the database after Delete = %d, want 0", n)
	}
}
