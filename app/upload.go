package app

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"selo/backend/crm"
	"selo/backend/templates"
)

// UploadPath is where the page posts a dropped or chosen PDF. The asset
// server (the webview's own scheme in the window, the dev server's port in
// a browser) sends non-GET requests to Uploads.
const UploadPath = "/selo/upload"

// TemplateFilePath is where the page reads a template's PDF for its preview
// (TemplateFilePath + "<id>.pdf?s=<secret>"), so a large file does not
// come back through the bridge as base64 either. The secret travels in the
// query because an <iframe> or a plain fetch of a URL cannot add headers.
const TemplateFilePath = "/selo/template/"

// ContractFilePath is TemplateFilePath for a reservation's contract
// (Reserva → Contratos' preview): ContractFilePath + "<id>.pdf?s=<secret>".
const ContractFilePath = "/selo/contract/"

// Upload request headers: the per-run secret, the file's name (URL-encoded,
// as headers carry ASCII) and the id the page chose for the staged file, so
// its Cancelar can discard a file whose answer it will never read.
const (
	headerSecret   = "X-Selo-Upload-Secret"
	headerFileName = "X-Selo-File-Name"
	headerID       = "X-Selo-Upload-Id"
)

// Uploads is the asset-server route that takes a PDF's bytes from the page
// and stages them in the templates inbox. Big files never cross the Wails
// bridge as base64 this way. The route answers only requests carrying the
// secret the page gets from Templates.UploadTarget: in the window the
// scheme is private to the webview anyway, but the dev server listens on a
// local port where any process could post. A request from another origin
// is refused too, and no CORS header is ever sent, so a web page cannot
// even send the secret's header (the preflight fails).
type Uploads struct {
	inbox  *templates.Inbox
	secret string
	log    *slog.Logger
	// file reads a template's PDF; set by NewTemplates once the database
	// is open, nil (404) before.
	file func(ctx context.Context, id int64) ([]byte, error)
	// contractFile reads a contract's PDF; set by NewContracts, nil before.
	contractFile func(ctx context.Context, id int64) ([]byte, error)
}

// NewUploads returns the route over inbox with a fresh secret.
func NewUploads(inbox *templates.Inbox, log *slog.Logger) *Uploads {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on the systems Selo runs on
	}
	return &Uploads{inbox: inbox, secret: hex.EncodeToString(b[:]), log: log}
}

// Close deletes posted files still waiting; for the app's shutdown.
func (u *Uploads) Close() { u.inbox.Close() }

// ServeHTTP takes POST UploadPath with the raw PDF as the body and answers
// the staged file as JSON, or an ErrorPayload with a 4xx/5xx status.
func (u *Uploads) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, TemplateFilePath) {
		u.serveFile(w, r, TemplateFilePath, u.file)
		return
	}
	if strings.HasPrefix(r.URL.Path, ContractFilePath) {
		u.serveFile(w, r, ContractFilePath, u.contractFile)
		return
	}
	if r.URL.Path != UploadPath {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if !sameOrigin(r) || subtle.ConstantTimeCompare([]byte(r.Header.Get(headerSecret)), []byte(u.secret)) != 1 {
		u.log.Warn("upload refused: wrong origin or secret", "origin", r.Header.Get("Origin"))
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	name, err := url.PathUnescape(r.Header.Get(headerFileName))
	if err != nil {
		name = ""
	}
	size := r.ContentLength
	if v := r.Header.Get("Content-Length"); size <= 0 && v != "" {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			size = n
		}
	}
	staged, err := u.inbox.ReceiveAs(r.Header.Get(headerID), name, size, r.Body)
	if err != nil {
		p := toPayload(err)
		status := http.StatusBadRequest
		switch {
		case p.Code == crm.CodeTemplateTooLarge:
			status = http.StatusRequestEntityTooLarge
		case p.Code == crm.CodeDiskFull:
			status = http.StatusInsufficientStorage
		case p.Code == crm.CodeCanceled:
			// Discarded on the page while its bytes were arriving.
			status = http.StatusConflict
		case p.Code == crm.CodeInternal:
			status = http.StatusInternalServerError
			u.log.Error("storing an upload", "err", err)
		}
		writeJSON(w, status, p)
		return
	}
	u.log.Info("upload staged", "size", staged.Size)
	writeJSON(w, http.StatusOK, staged)
}

// serveFile answers GET prefix<id>.pdf?s=<secret> with the PDF that read
// returns for id (a template's or a contract's).
func (u *Uploads) serveFile(w http.ResponseWriter, r *http.Request, prefix string, read func(context.Context, int64) ([]byte, error)) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", http.MethodGet)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if !sameOrigin(r) || subtle.ConstantTimeCompare([]byte(r.URL.Query().Get("s")), []byte(u.secret)) != 1 {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	id, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, prefix), ".pdf"), 10, 64)
	if err != nil || read == nil {
		http.NotFound(w, r)
		return
	}
	data, err := read(r.Context(), id)
	if err != nil {
		p := toPayload(err)
		status := http.StatusNotFound
		if p.Code == crm.CodeInternal {
			status = http.StatusInternalServerError
			u.log.Error("reading a PDF for its preview", "path", prefix, "err", err)
		}
		writeJSON(w, status, p)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(data)
}

// sameOrigin accepts a request without an Origin (not from a web page), an
// opaque one (custom schemes may send "null"; the secret still applies), or
// one naming the host the request was sent to.
func sameOrigin(r *http.Request) bool {
	o := r.Header.Get("Origin")
	if o == "" || o == "null" {
		return true
	}
	ou, err := url.Parse(o)
	return err == nil && (r.Host == "" || ou.Host == r.Host)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// UploadTarget tells the page where and how to post a file.
type UploadTarget struct {
	URL string `json:"url"`
	// FilesURL prefixes "<id>.pdf?s=<secret>" to read a template's PDF
	// (Templates.UploadTarget) or a contract's (Contracts.UploadTarget).
	FilesURL string `json:"filesUrl"`
	Secret   string `json:"secret"`
	// MaxBytes lets the page refuse a file over the limit before sending it.
	MaxBytes int64 `json:"maxBytes"`
}
