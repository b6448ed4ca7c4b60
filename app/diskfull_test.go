package app

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"

	"selo/backend/crm"
	"selo/backend/developments"
	"selo/backend/filestore"
	"selo/backend/sqlstore"
	"selo/backend/templates"
)

// mountTinyDisk mounts a small tmpfs for the test: a real file system that
// really fills up. It needs root (CI runs as root); elsewhere it skips.
func mountTinyDisk(t *testing.T, size string) string {
	t.Helper()
	if runtime.GOOS != "linux" || os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root on Linux")
	}
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size+",mode=0700"); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, 0); err != nil {
			t.Errorf("unmounting %s: %v", dir, err)
		}
	})
	return dir
}

// fillDisk writes a filler file until the file system refuses with ENOSPC.
func fillDisk(t *testing.T, dir string) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 4096)
	for {
		if _, err := f.Write(buf); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("filling the disk: %v", err)
			}
			return
		}
	}
}

// TestFullDiskHasItsOwnCode saves through two screens' bound methods on a
// disk that is really full: a development (a database write) and a contract
// template (a file write). Both must reach the screen as disk.full, not as
// the generic "internal".
func TestFullDiskHasItsOwnCode(t *testing.T) {
	dir := mountTinyDisk(t, "8m")
	log := slog.New(slog.DiscardHandler)
	db, err := sqlstore.Open(context.Background(), filepath.Join(dir, "selo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	devs := NewDevelopments(developments.New(db.Developments(), log))
	uploads := NewUploads(templates.NewInbox(filepath.Join(dir, "uploads"), crm.MaxTemplateBytes, log), log)
	tpls := NewTemplates(New(log), templates.New(db.Templates(), filestore.New(filepath.Join(dir, "files")), log), uploads)
	pdf, err := os.ReadFile(filepath.Join("..", "backend", "pdfs", "testdata", "contract.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	// The same calls work while there is room, so a failure below is the
	// full disk and nothing else.
	if _, err := devs.Save(crm.DevelopmentInput{Name: "Residencial Aurora", City: "Campinas", State: "SP"}); err != nil {
		t.Fatalf("save with room: %v", err)
	}
	fillDisk(t, dir)

	format := ErrorFormatter(log)
	_, err = devs.Save(crm.DevelopmentInput{Name: "Residencial Boa Vista", City: "Campinas", State: "SP"})
	if err == nil {
		t.Fatal("a development was saved on a full disk")
	}
	if got := decodePayload(t, format(err)); got.Code != crm.CodeDiskFull {
		t.Fatalf("database write on a full disk: code %q (%v), want %q", got.Code, err, crm.CodeDiskFull)
	}

	_, err = tpls.Upload("Contrato de compra e venda", "contrato.pdf", base64.StdEncoding.EncodeToString(pdf))
	if err == nil {
		t.Fatal("a template was stored on a full disk")
	}
	if got := decodePayload(t, format(err)); got.Code != crm.CodeDiskFull {
		t.Fatalf("file write on a full disk: code %q (%v), want %q", got.Code, err, crm.CodeDiskFull)
	}
	// The screen's way: the page posts the file to the upload route, which
	// stages it on the same full disk and must answer disk.full too.
	w := post(uploads, UploadPath, uploads.secret, "", pdf)
	var p ErrorPayload
	if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil || p.Code != crm.CodeDiskFull || w.Code != http.StatusInsufficientStorage {
		t.Fatalf("upload route on a full disk: status %d, body %q, want code %q", w.Code, w.Body.String(), crm.CodeDiskFull)
	}
	// Nothing half-written is left behind under the final name.
	entries, _ := os.ReadDir(filepath.Join(dir, "files", "templates"))
	for _, e := range entries {
		t.Errorf("left in the templates folder: %s", e.Name())
	}
}

// TestDiskFullFoundAnywhereInTheChain: the mapping looks through wrapping,
// joined errors and a domain error that is only "internal".
func TestDiskFullFoundAnywhereInTheChain(t *testing.T) {
	format := ErrorFormatter(slog.New(slog.DiscardHandler))
	pathErr := &os.PathError{Op: "write", Path: "/x/selo.db-wal", Err: syscall.ENOSPC}
	cases := map[string]error{
		"wrapped":        errors.Join(io.EOF, pathErr),
		"sqlite full":    sqliteCode(13),
		"sqlite ext":     sqliteCode(13 | 3<<8),
		"under internal": crm.E(crm.CodeInternal).Wrap(pathErr),
	}
	for name, err := range cases {
		if got := decodePayload(t, format(err)); got.Code != crm.CodeDiskFull {
			t.Errorf("%s: code %q, want %q", name, got.Code, crm.CodeDiskFull)
		}
	}
	// A user's own mistake stays what it is even if a write also failed.
	dup := crm.E(crm.CodeDuplicate, "value", "x").Wrap(pathErr)
	if got := decodePayload(t, format(dup)); got.Code != crm.CodeDuplicate {
		t.Errorf("domain code replaced: %q", got.Code)
	}
	if got := decodePayload(t, format(sqliteCode(5))); got.Code != crm.CodeInternal {
		t.Errorf("SQLITE_BUSY became %q", got.Code)
	}
}

// sqliteCode stands for the driver's error type, which has a Code method.
type sqliteCode int

func (c sqliteCode) Error() string { return "sqlite error" }
func (c sqliteCode) Code() int     { return int(c) }
