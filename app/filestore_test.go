package app

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"selo/backend/sqlstore"
	"selo/backend/templates"
)

// TestTemplatePreviewReadsTheOfficeFileStore: in office mode a template
// uploaded on PC A is previewed on PC B through the page's file route; PC B
// has no copy in its own data folder, the bytes come from the database.
func TestTemplatePreviewReadsTheOfficeFileStore(t *testing.T) {
	ctx := context.Background()
	log := slog.New(slog.DiscardHandler)
	dir := t.TempDir()
	dbA, err := sqlstore.Open(ctx, filepath.Join(dir, "selo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dbA.Close() })
	pdf, err := os.ReadFile(filepath.Join("..", "backend", "pdfs", "testdata", "contract.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := templates.New(dbA.Templates(), dbA.Files(), log).Upload(ctx, "Promessa", "promessa.pdf", pdf, false)
	if err != nil {
		t.Fatal(err)
	}

	dbB, err := sqlstore.Open(ctx, filepath.Join(dir, "selo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dbB.Close() })
	uploadsB, _ := newUploads(t, 1<<20)
	NewTemplates(New(log), templates.New(dbB.Templates(), dbB.Files(), log), uploadsB)
	w := httptest.NewRecorder()
	uploadsB.ServeHTTP(w, httptest.NewRequest(http.MethodGet,
		fmt.Sprintf("http://127.0.0.1:34115%s%d.pdf?s=%s", TemplateFilePath, tpl.ID, uploadsB.secret), nil))
	if w.Code != http.StatusOK || !bytes.Equal(w.Body.Bytes(), pdf) {
		t.Fatalf("PC B's preview: status %d, %d bytes (want %d)", w.Code, w.Body.Len(), len(pdf))
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "files")); len(entries) != 0 {
		t.Errorf("office mode wrote to the local files folder: %v", entries)
	}
}
