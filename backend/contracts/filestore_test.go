package contracts

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"selo/backend/crm"
	"selo/backend/sqlstore"
	"selo/backend/templates"
)

// TestContractsInTheDatabaseFileStore is office mode: contract and template
// PDFs are kept in the database, so another PC (a second handle on the same
// database, with no files folder of its own) previews them, and a file two
// contracts share stays until the last of them is deleted.
func TestContractsInTheDatabaseFileStore(t *testing.T) {
	f := newFixtureOn(t, func(db *sqlstore.DB, _ string) crm.FileStore { return db.Files() })
	ctx := context.Background()
	list, err := f.svc.Generate(ctx, f.resID)
	if err != nil {
		t.Fatal(err)
	}
	letter, err := os.ReadFile("../pdfs/testdata/letter.pdf")
	if err != nil {
		t.Fatal(err)
	}
	a, err := f.svc.Attach(ctx, f.resID, "Memorial descritivo", "memorial.pdf", letter)
	if err != nil {
		t.Fatal(err)
	}
	b, err := f.svc.Attach(ctx, f.resID, "Memorial (cópia)", "memorial.pdf", letter)
	if err != nil {
		t.Fatal(err)
	}
	if a.SHA256 != b.SHA256 {
		t.Fatalf("same bytes, different files: %s %s", a.SHA256, b.SHA256)
	}
	if _, err := os.Stat(filepath.Join(f.dir, "contracts")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("office mode wrote to the local files folder: %v", err)
	}

	other, err := sqlstore.Open(ctx, f.db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	log := slog.New(slog.DiscardHandler)
	tplsB := templates.New(other.Templates(), other.Files(), log)
	pcB := New(Deps{Store: other.Contracts(), Templates: tplsB, Files: other.Files(), Log: log})
	got, err := pcB.File(ctx, list[0].ID)
	if err != nil || len(got) == 0 || string(got[:5]) != "%PDF-" {
		t.Fatalf("PC B reads the generated contract: %d bytes, %v", len(got), err)
	}
	if got, err := pcB.File(ctx, a.ID); err != nil || string(got) != string(letter) {
		t.Fatalf("PC B reads the attachment: %d bytes, %v", len(got), err)
	}
	tpls, err := tplsB.List(ctx)
	if err != nil || len(tpls) != 1 {
		t.Fatalf("templates on PC B: %v %v", tpls, err)
	}
	if pdf, err := tplsB.File(ctx, tpls[0].ID); err != nil || string(pdf[:5]) != "%PDF-" {
		t.Fatalf("PC B previews the template: %v", err)
	}

	if err := pcB.Delete(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if ok, err := f.db.Files().Exists(ctx, crm.FileContract, a.SHA256); !ok || err != nil {
		t.Fatalf("file still used by %q was deleted (%v)", b.Name, err)
	}
	if err := f.svc.Delete(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	if ok, err := other.Files().Exists(ctx, crm.FileContract, a.SHA256); ok || err != nil {
		t.Fatalf("file of the last deleted contract left in the database (%v)", err)
	}
	if _, err := pcB.File(ctx, a.ID); err == nil {
		t.Fatal("deleted contract still readable")
	}
}
