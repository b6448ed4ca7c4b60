package sqlstore

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"testing"

	"selo/backend/crm"
)

// TestFilesStore runs on the engine under test: what one PC puts, another
// reads from the same database (a second handle stands for the second PC).
func TestFilesStore(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	f := db.Files()

	if _, err := f.Get(ctx, crm.FileTemplate, "abc"); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("missing file: %v, want fs.ErrNotExist", err)
	}
	if ok, err := f.Exists(ctx, crm.FileTemplate, "abc"); ok || err != nil {
		t.Fatalf("Exists on missing = %v, %v", ok, err)
	}
	created, err := f.Put(ctx, crm.FileTemplate, "abc", []byte("%PDF-1.7 one"))
	if err != nil || !created {
		t.Fatalf("first Put = %v, %v", created, err)
	}
	// Same name under another kind is another file.
	if _, err := f.Get(ctx, crm.FileContract, "abc"); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("other kind: %v", err)
	}
	created, err = f.Put(ctx, crm.FileTemplate, "abc", []byte("%PDF-1.7 two"))
	if err != nil || created {
		t.Fatalf("second Put = %v, %v; want replaced, not created", created, err)
	}

	other, err := reopenTestDB(t, db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	got, err := other.Files().Get(ctx, crm.FileTemplate, "abc")
	if err != nil || string(got) != "%PDF-1.7 two" {
		t.Fatalf("other PC reads %q, %v", got, err)
	}
	if err := other.Files().Delete(ctx, crm.FileTemplate, "abc"); err != nil {
		t.Fatal(err)
	}
	if ok, err := f.Exists(ctx, crm.FileTemplate, "abc"); ok || err != nil {
		t.Fatalf("after delete on the other PC Exists = %v, %v", ok, err)
	}
	if err := f.Delete(ctx, crm.FileTemplate, "abc"); err != nil {
		t.Fatalf("deleting a file already gone: %v", err)
	}
}

func TestFilesStoreLargeFile(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	f := db.Files()
	big := make([]byte, 20<<20)
	for i := range big {
		big[i] = byte(i*7 + i>>11)
	}
	if _, err := f.Put(ctx, crm.FileSigned, "env-big", big); err != nil {
		t.Fatal(err)
	}
	got, err := f.Get(ctx, crm.FileSigned, "env-big")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, big) {
		t.Fatalf("20 MB round trip: got %d bytes, different content", len(got))
	}
	if err := f.Delete(ctx, crm.FileSigned, "env-big"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Get(ctx, crm.FileSigned, "env-big"); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("after delete: %v", err)
	}
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM files`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("rows left = %d, %v", n, err)
	}
}
