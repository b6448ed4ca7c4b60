package app

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"selo/backend/crm"
	"selo/backend/templates"
)

func newUploads(t *testing.T, max int64) (*Uploads, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "uploads")
	return NewUploads(templates.NewInbox(dir, max, slog.New(slog.DiscardHandler)), slog.New(slog.DiscardHandler)), dir
}

func post(u *Uploads, path, secret, origin string, body []byte) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:34115"+path, bytes.NewReader(body))
	if secret != "" {
		r.Header.Set(headerSecret, secret)
	}
	if origin != "" {
		r.Header.Set("Origin", origin)
	}
	r.Header.Set(headerFileName, "Contrato%20de%20Compra%20%C3%A9.pdf")
	w := httptest.NewRecorder()
	u.ServeHTTP(w, r)
	return w
}

func TestUploadRouteStagesAPostWithTheSecret(t *testing.T) {
	u, dir := newUploads(t, 1<<20)
	w := post(u, UploadPath, u.secret, "http://127.0.0.1:34115", []byte("%PDF-1.7 body"))
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	var st templates.Staged
	if err := json.Unmarshal(w.Body.Bytes(), &st); err != nil || st.ID == "" || st.FileName != "Contrato de Compra é.pdf" || st.Size != 13 {
		t.Fatalf("staged = %+v, %v", st, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("files in the upload folder: %d", len(entries))
	}
	got, _ := os.ReadFile(filepath.Join(dir, entries[0].Name()))
	if string(got) != "%PDF-1.7 body" {
		t.Errorf("stored %q", got)
	}
}

func TestUploadRouteRefusesStrangers(t *testing.T) {
	u, dir := newUploads(t, 1<<20)
	cases := []struct {
		name, path, secret, origin string
		want                       int
	}{
		{"no secret", UploadPath, "", "", http.StatusForbidden},
		{"wrong secret", UploadPath, "0123", "", http.StatusForbidden},
		{"another site", UploadPath, u.secret, "http://evil.example", http.StatusForbidden},
		{"another port", UploadPath, u.secret, "http://127.0.0.1:9999", http.StatusForbidden},
		{"another path", "/selo/other", u.secret, "", http.StatusNotFound},
	}
	for _, c := range cases {
		if w := post(u, c.path, c.secret, c.origin, []byte("%PDF")); w.Code != c.want {
			t.Errorf("%s: status %d, want %d", c.name, w.Code, c.want)
		}
	}
	r := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:34115"+UploadPath, nil)
	r.Header.Set(headerSecret, u.secret)
	w := httptest.NewRecorder()
	u.ServeHTTP(w, r)
	if w.Code != http.StatusMethodNotAllowed {
		t.Errorf("GET: status %d", w.Code)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a refused request left %d files", len(entries))
	}
}

func TestUploadRouteAnswersTooLargeWithSizes(t *testing.T) {
	u, dir := newUploads(t, 1<<20)
	w := post(u, UploadPath, u.secret, "", make([]byte, 3<<20))
	if w.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d", w.Code)
	}
	var p ErrorPayload
	if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
		t.Fatal(err)
	}
	if p.Code != crm.CodeTemplateTooLarge || p.Field != "file" || p.Data["sizeMB"] != float64(3) || p.Data["maxMB"] != float64(1) {
		t.Fatalf("payload = %+v", p)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a refused upload left %d files", len(entries))
	}
}

func TestTemplateFileRouteServesThePDFOnlyWithTheSecret(t *testing.T) {
	u, _ := newUploads(t, 1<<20)
	get := func(path string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		u.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "http://127.0.0.1:34115"+path, nil))
		return w
	}
	if w := get(TemplateFilePath + "7.pdf?s=" + u.secret); w.Code != http.StatusNotFound {
		t.Errorf("before the database is open: status %d", w.Code)
	}
	u.file = func(_ context.Context, id int64) ([]byte, error) {
		if id == 7 {
			return []byte("%PDF-1.7 seven"), nil
		}
		return nil, crm.E(crm.CodeTemplateFileMissing, "name", "Outro")
	}
	w := get(TemplateFilePath + "7.pdf?s=" + u.secret)
	if w.Code != http.StatusOK || w.Body.String() != "%PDF-1.7 seven" || w.Header().Get("Content-Type") != "application/pdf" {
		t.Fatalf("status %d, type %q, body %q", w.Code, w.Header().Get("Content-Type"), w.Body)
	}
	if w := get(TemplateFilePath + "7.pdf"); w.Code != http.StatusForbidden {
		t.Errorf("without the secret: status %d", w.Code)
	}
	if w := get(TemplateFilePath + "7.pdf?s=wrong"); w.Code != http.StatusForbidden {
		t.Errorf("wrong secret: status %d", w.Code)
	}
	w = get(TemplateFilePath + "8.pdf?s=" + u.secret)
	var p ErrorPayload
	if w.Code != http.StatusNotFound || json.Unmarshal(w.Body.Bytes(), &p) != nil || p.Code != crm.CodeTemplateFileMissing {
		t.Errorf("missing file: status %d, payload %+v", w.Code, p)
	}
}

// The reservation's contract preview reads from its own route, under the
// same secret, and never serves a template's file (or the reverse).
func TestContractFileRouteServesTheContractOnlyWithTheSecret(t *testing.T) {
	u, _ := newUploads(t, 1<<20)
	get := func(path string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		r := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:34115"+path, nil)
		r.Header.Set("Origin", "http://127.0.0.1:34115")
		u.ServeHTTP(w, r)
		return w
	}
	if w := get(ContractFilePath + "3.pdf?s=" + u.secret); w.Code != http.StatusNotFound {
		t.Errorf("before the database is open: status %d", w.Code)
	}
	u.file = func(context.Context, int64) ([]byte, error) { return []byte("%PDF template"), nil }
	b := &Contracts{uploads: u}
	u.contractFile = func(_ context.Context, id int64) ([]byte, error) {
		if id == 3 {
			return []byte("%PDF-1.7 contract three"), nil
		}
		return nil, crm.E(crm.CodeNotFound)
	}
	target := b.UploadTarget()
	if target.URL != UploadPath || target.FilesURL != ContractFilePath || target.Secret != u.secret || target.MaxBytes != 1<<20 {
		t.Fatalf("target %+v", target)
	}
	w := get(target.FilesURL + "3.pdf?s=" + target.Secret)
	if w.Code != http.StatusOK || w.Body.String() != "%PDF-1.7 contract three" || w.Header().Get("Content-Type") != "application/pdf" {
		t.Fatalf("status %d, type %q, body %q", w.Code, w.Header().Get("Content-Type"), w.Body)
	}
	if w := get(TemplateFilePath + "3.pdf?s=" + u.secret); w.Body.String() != "%PDF template" {
		t.Errorf("the template route served %q", w.Body)
	}
	for _, path := range []string{ContractFilePath + "3.pdf", ContractFilePath + "3.pdf?s=wrong"} {
		if w := get(path); w.Code != http.StatusForbidden {
			t.Errorf("%s: status %d", path, w.Code)
		}
	}
	w = httptest.NewRecorder()
	r := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:34115"+ContractFilePath+"3.pdf?s="+u.secret, nil)
	r.Header.Set("Origin", "http://evil.example")
	u.ServeHTTP(w, r)
	if w.Code != http.StatusForbidden {
		t.Errorf("another site: status %d", w.Code)
	}
	var p ErrorPayload
	if w := get(ContractFilePath + "4.pdf?s=" + u.secret); w.Code != http.StatusNotFound || json.Unmarshal(w.Body.Bytes(), &p) != nil || p.Code != crm.CodeNotFound {
		t.Errorf("unknown contract: status %d, payload %+v", w.Code, p)
	}
}

// postAs posts body under the id the page chose, as api/upload.ts does.
func postAs(u *Uploads, id string, body io.Reader) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:34115"+UploadPath, body)
	r.Header.Set(headerSecret, u.secret)
	r.Header.Set("Origin", "http://127.0.0.1:34115")
	r.Header.Set(headerFileName, "memorial.pdf")
	r.Header.Set(headerID, id)
	w := httptest.NewRecorder()
	u.ServeHTTP(w, r)
	return w
}

func uploadFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

const pageID = "0123456789abcdef0123456789abcdef"

// Cancelar while the bytes are still arriving: the page has no answer, so
// it discards by the id it chose, and the file is dropped as it lands
// instead of staying in the data folder until a later launch.
func TestUploadCanceledWhileArrivingLeavesNoFile(t *testing.T) {
	u, dir := newUploads(t, 1<<20)
	pr, pw := io.Pipe()
	answered := make(chan *httptest.ResponseRecorder, 1)
	go func() { answered <- postAs(u, pageID, pr) }()
	if _, err := pw.Write([]byte("%PDF-1.7 first half ")); err != nil {
		t.Fatal(err)
	}
	if got := uploadFiles(t, dir); len(got) != 1 {
		t.Fatalf("while arriving, the upload folder holds %v", got)
	}
	u.inbox.Discard(pageID) // Templates.Discard / Contracts.Discard, from Cancelar
	if _, err := pw.Write([]byte("second half")); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	w := <-answered
	if w.Code != http.StatusConflict {
		t.Fatalf("a post discarded on its way: status %d, want 409: %s", w.Code, w.Body)
	}
	if got := uploadFiles(t, dir); len(got) != 0 {
		t.Fatalf("the cancelled upload left %v", got)
	}
	// Nothing under that id can be used now.
	if _, name, data, done, err := u.inbox.Open(context.Background(), pageID); err != nil || name != "" || data != nil {
		t.Fatalf("the discarded id opens as %q, %d bytes, %v", name, len(data), err)
	} else {
		done()
	}
}

// A Cancelar that reaches Go before the post itself: the post is refused
// without reading its body.
func TestUploadDiscardedBeforeItArrivesIsRefused(t *testing.T) {
	u, dir := newUploads(t, 1<<20)
	u.inbox.Discard(pageID)
	body := &countingReader{r: bytes.NewReader([]byte("%PDF-1.7 body"))}
	if w := postAs(u, pageID, body); w.Code != http.StatusConflict {
		t.Fatalf("status %d, want 409", w.Code)
	}
	if body.n != 0 || len(uploadFiles(t, dir)) != 0 {
		t.Fatalf("read %d bytes, left %v", body.n, uploadFiles(t, dir))
	}
}

// The page's id names the staged file; a second post under it, or an id
// the page could not have made, is refused, and the first file is kept.
func TestUploadUnderThePagesID(t *testing.T) {
	u, dir := newUploads(t, 1<<20)
	w := postAs(u, pageID, bytes.NewReader([]byte("%PDF-1.7 body")))
	var st templates.Staged
	if err := json.Unmarshal(w.Body.Bytes(), &st); w.Code != http.StatusOK || err != nil || st.ID != pageID {
		t.Fatalf("status %d, staged %+v, %v", w.Code, st, err)
	}
	if w := postAs(u, pageID, bytes.NewReader([]byte("%PDF-1.7 other"))); w.Code == http.StatusOK {
		t.Fatalf("a second post under one id was staged")
	}
	for _, bad := range []string{"../../etc", "short", pageID + "00", "0123456789ABCDEF0123456789abcdeg"} {
		if w := postAs(u, bad, bytes.NewReader([]byte("%PDF-1.7 body"))); w.Code != http.StatusBadRequest {
			t.Errorf("id %q: status %d, want 400", bad, w.Code)
		}
	}
	if got := uploadFiles(t, dir); len(got) != 1 {
		t.Fatalf("upload folder %v, want the first file only", got)
	}
	_, _, data, done, err := u.inbox.Open(context.Background(), pageID)
	if err != nil || string(data) != "%PDF-1.7 body" {
		t.Fatalf("the first file reads %q, %v", data, err)
	}
	done()
}

type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}
