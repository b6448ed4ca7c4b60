// Package simulator is an http.Handler that behaves like Clicksign API v3 closely
// enough for Selo's tests and for the "Simulador local" environment: JSON:API
// bodies, the envelope state machine, validation with pt-BR messages, rate limits,
// document events, webhooks signed with HMAC, and a control surface (Go methods and
// /_sim/ routes) to make signers sign or refuse, move the clock and inject faults.
package simulator

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Options configure a Simulator. The zero value is a usable in-memory simulator
// that accepts any non-empty token.
type Options struct {
	// Tokens are the accepted access tokens; empty accepts any non-empty token.
	Tokens []string
	// Now is the base clock (default time.Now); Advance adds an offset to it.
	Now func() time.Time
	// RateLimit requests per RateWindow per token (defaults 50 / 10 s, the
	// production figure; Sandbox's is 20). A negative RateLimit disables rate
	// limiting.
	RateLimit  int
	RateWindow time.Duration
	// MaxFileSize and MaxEnvelopeSize default to 10 MB and 100 MB.
	MaxFileSize     int64
	MaxEnvelopeSize int64
	// DBPath is a SQLite file where state survives restarts; "" keeps it in memory.
	DBPath string
	// WebhookURL receives event deliveries signed with WebhookSecret.
	WebhookURL    string
	WebhookSecret string
	// WebhookEvents limits deliveries to these event names (empty: all).
	WebhookEvents []string
	// WebhookClient delivers webhooks (default: a client with a 10 s timeout).
	WebhookClient *http.Client
	// PublicURL is the scheme://host used in links when no request is at hand
	// (webhooks fired by control calls); by default the last request's host.
	PublicURL string
	// Latency is added to every API request.
	Latency time.Duration
	// EnvelopeAPIDisabled makes every API route answer 503 service_unavailable,
	// like an account created before the envelope API existed.
	EnvelopeAPIDisabled bool
	// AccountKey is reported in events; a fixed UUID by default.
	AccountKey string
}

// Simulator is the fake Clicksign. Create it with New; it is safe for concurrent use.
type Simulator struct {
	opts Options
	mux  *http.ServeMux
	db   *sql.DB

	mu          sync.Mutex
	st          *state
	files       map[string][]byte // document contents when there is no DB
	faults      []*Fault
	counts      map[string]int
	windows     map[string]*rateWindow
	latency     time.Duration
	apiDisabled bool
	publicURL   string

	hooks *webhookQueue
}

type rateWindow struct {
	start time.Time
	count int
}

// state is everything that survives a restart; it is stored as one JSON snapshot.
type state struct {
	ClockOffset   time.Duration           `json:"clock_offset"`
	Seq           int64                   `json:"seq"`
	Envelopes     map[string]*envelope    `json:"envelopes"`
	Documents     map[string]*document    `json:"documents"`
	Signers       map[string]*signer      `json:"signers"`
	Requirements  map[string]*requirement `json:"requirements"`
	Events        []*event                `json:"events"`
	Notifications []Notification          `json:"notifications"`
	LastNotify    map[string]time.Time    `json:"last_notify"`
	// Webhooks are the registrations made through POST /api/v3/webhooks.
	Webhooks map[string]*webhook `json:"webhooks,omitempty"`
}

func newState() *state {
	return &state{
		Envelopes:    map[string]*envelope{},
		Documents:    map[string]*document{},
		Signers:      map[string]*signer{},
		Requirements: map[string]*requirement{},
		LastNotify:   map[string]time.Time{},
		Webhooks:     map[string]*webhook{},
	}
}

type envelope struct {
	ID                string    `json:"id"`
	Seq               int64     `json:"seq"`
	Name              string    `json:"name"`
	Status            string    `json:"status"`
	Locale            string    `json:"locale"`
	AutoClose         bool      `json:"auto_close"`
	RemindInterval    *int      `json:"remind_interval"`
	BlockAfterRefusal bool      `json:"block_after_refusal"`
	DeadlineAt        time.Time `json:"deadline_at"`
	DefaultSubject    *string   `json:"default_subject"`
	DefaultMessage    *string   `json:"default_message"`
	PartialAction     *string   `json:"partial_action"`
	FolderID          string    `json:"folder_id,omitempty"`
	Created           time.Time `json:"created"`
	Modified          time.Time `json:"modified"`
}

type document struct {
	ID         string          `json:"id"`
	Seq        int64           `json:"seq"`
	EnvelopeID string          `json:"envelope_id"`
	Filename   string          `json:"filename"`
	MIME       string          `json:"mime"`
	Size       int64           `json:"size"`
	Status     string          `json:"status"`
	Metadata   json.RawMessage `json:"metadata,omitempty"`
	Created    time.Time       `json:"created"`
	Modified   time.Time       `json:"modified"`
	FinishedAt time.Time       `json:"finished_at"`
}

type commEvents struct {
	SignatureRequest  string `json:"signature_request"`
	SignatureReminder string `json:"signature_reminder"`
	DocumentSigned    string `json:"document_signed"`
}

type signer struct {
	ID               string               `json:"id"`
	Seq              int64                `json:"seq"`
	EnvelopeID       string               `json:"envelope_id"`
	Name             string               `json:"name"`
	Email            *string              `json:"email"`
	Phone            *string              `json:"phone"`
	Birthday         *string              `json:"birthday"`
	Documentation    *string              `json:"documentation"`
	HasDocumentation bool                 `json:"has_documentation"`
	Refusable        bool                 `json:"refusable"`
	LocationRequired bool                 `json:"location_required"`
	Group            int                  `json:"group"`
	Comm             commEvents           `json:"comm"`
	Created          time.Time            `json:"created"`
	Modified         time.Time            `json:"modified"`
	Signed           map[string]time.Time `json:"signed"` // document id -> when
	Refused          bool                 `json:"refused"`
	RefusalReason    string               `json:"refusal_reason,omitempty"`
}

type requirement struct {
	ID          string    `json:"id"`
	Seq         int64     `json:"seq"`
	EnvelopeID  string    `json:"envelope_id"`
	DocumentID  string    `json:"document_id"`
	SignerID    string    `json:"signer_id"`
	Action      string    `json:"action"`
	Role        string    `json:"role,omitempty"`
	Auth        string    `json:"auth,omitempty"`
	Pages       string    `json:"pages,omitempty"`
	Kind        string    `json:"kind,omitempty"`
	RubricField string    `json:"rubric_field,omitempty"`
	Created     time.Time `json:"created"`
	Modified    time.Time `json:"modified"`
}

type event struct {
	ID         string          `json:"id"`
	Seq        int64           `json:"seq"`
	EnvelopeID string          `json:"envelope_id"`
	DocumentID string          `json:"document_id"`
	Name       string          `json:"name"`
	Data       json.RawMessage `json:"data"`
	Created    time.Time       `json:"created"`
}

// Notification is a signature request the simulator "sent".
type Notification struct {
	ID         string    `json:"id"`
	EnvelopeID string    `json:"envelope_id"`
	SignerID   string    `json:"signer_id"`
	Channel    string    `json:"channel"`
	Message    string    `json:"message"`
	At         time.Time `json:"at"`
}

// New builds a simulator; with Options.DBPath it loads the previous state.
func New(opts Options) (*Simulator, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.RateLimit == 0 {
		opts.RateLimit = defaultRateLimit
	}
	if opts.RateWindow <= 0 {
		opts.RateWindow = defaultRateWindow
	}
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = defaultMaxFileSize
	}
	if opts.MaxEnvelopeSize <= 0 {
		opts.MaxEnvelopeSize = defaultMaxEnvelopeSize
	}
	if opts.AccountKey == "" {
		opts.AccountKey = "5b2f3c7a-0e1d-4c6b-9a8f-2d4e6f8a0b1c"
	}
	if opts.WebhookClient == nil {
		opts.WebhookClient = &http.Client{Timeout: 10 * time.Second}
	}
	s := &Simulator{
		opts:        opts,
		st:          newState(),
		files:       map[string][]byte{},
		counts:      map[string]int{},
		windows:     map[string]*rateWindow{},
		latency:     opts.Latency,
		apiDisabled: opts.EnvelopeAPIDisabled,
		publicURL:   strings.TrimRight(opts.PublicURL, "/"),
	}
	if opts.DBPath != "" {
		if err := s.openDB(opts.DBPath); err != nil {
			return nil, err
		}
	}
	s.hooks = newWebhookQueue(opts.WebhookClient)
	s.routes()
	return s, nil
}

// Close stops webhook delivery and closes the database.
func (s *Simulator) Close() error {
	s.hooks.close()
	if s.db != nil {
		return s.db.Close()
	}
	return nil
}

// ServeHTTP implements http.Handler.
func (s *Simulator) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// now is the simulated clock; callers hold s.mu.
func (s *Simulator) now() time.Time {
	return s.opts.Now().Add(s.st.ClockOffset).Truncate(time.Millisecond)
}

// Now returns the simulated time.
func (s *Simulator) Now() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.now()
}

func (s *Simulator) nextSeq() int64 { s.st.Seq++; return s.st.Seq }

func newID() string { return uuid.NewString() }

var brt = time.FixedZone("-03", -3*3600)

func fmtTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.In(brt).Format(timeLayout)
}

// ---------------------------------------------------------------------------
// Request pipeline: count, latency, faults, auth, rate limit, 503, then the
// handler under the state lock.

type reply struct {
	status int
	body   any
	header map[string]string
}

type apiHandler func(r *http.Request, in *input) reply

// input carries what the pipeline learned about the request.
type input struct {
	base string // scheme://host/api/v3
}

func (s *Simulator) handle(pattern string, h apiHandler) {
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) { s.serveAPI(pattern, h, w, r) })
}

func (s *Simulator) serveAPI(pattern string, h apiHandler, w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.counts[pattern]++
	latency := s.latency
	fault := s.takeFault(pattern, r)
	s.mu.Unlock()

	if latency > 0 {
		t := time.NewTimer(latency)
		select {
		case <-r.Context().Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
	if fault != nil && !fault.AfterProcessing {
		s.writeFault(w, fault)
		return
	}

	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	in := &input{base: scheme + "://" + r.Host + "/api/v3"}

	rep := s.gate(r)
	if rep.status == 0 {
		s.mu.Lock()
		if s.opts.PublicURL == "" {
			s.publicURL = scheme + "://" + r.Host
		}
		// Deadlines are applied lazily, so real time passing works without a timer;
		// a GET that ends an envelope must persist that too.
		changed := s.applyDeadlines()
		rep2 := h(r, in)
		if r.Method != http.MethodGet || changed {
			if err := s.persist(); err != nil {
				rep2 = internalError(err)
			}
		}
		s.mu.Unlock()
		for k, v := range rep.header {
			rep2.header = setHeader(rep2.header, k, v)
		}
		rep = rep2
	}
	if fault != nil {
		s.writeFault(w, fault)
		return
	}
	writeReply(w, rep)
}

func setHeader(h map[string]string, k, v string) map[string]string {
	if h == nil {
		h = map[string]string{}
	}
	h[k] = v
	return h
}

// gate applies auth, rate limiting and the 503 switch. A zero status means
// "go on"; its headers are still added to the final answer.
func (s *Simulator) gate(r *http.Request) reply {
	token := r.Header.Get("Authorization")
	if t, ok := strings.CutPrefix(token, "Bearer "); ok {
		token = t
	}
	if token == "" {
		token = r.URL.Query().Get("access_token")
	}
	token = strings.TrimSpace(token)
	if !s.tokenOK(token) {
		return errReply(http.StatusUnauthorized, errObj{Code: "unauthorized", Status: 401, Title: "Não autorizado", Detail: "Access Token inválido"})
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var hdr map[string]string
	if s.opts.RateLimit > 0 {
		// Wall time, not the training clock: "Avançar dias" moves deadlines,
		// not the budget, and a reset days ahead would make a client give up
		// instead of waiting the seconds the window really has left.
		now := s.opts.Now()
		win := s.windows[token]
		if win == nil || !now.Before(win.start.Add(s.opts.RateWindow)) {
			win = &rateWindow{start: now}
			s.windows[token] = win
		}
		win.count++
		reset := win.start.Add(s.opts.RateWindow)
		remaining := s.opts.RateLimit - win.count
		if remaining < 0 {
			remaining = 0
		}
		hdr = map[string]string{
			"X-Rate-Limit":           strconv.Itoa(s.opts.RateLimit),
			"X-Rate-Limit-Remaining": strconv.Itoa(remaining),
			"X-Rate-Limit-Reset":     strconv.FormatInt(ceilUnix(reset), 10),
		}
		if win.count > s.opts.RateLimit {
			rep := errReply(http.StatusTooManyRequests, errObj{Code: rateLimitCode, Status: 429, Title: rateLimitTitle, Detail: rateLimitDetail})
			rep.header = hdr
			rep.header["Retry-After"] = strconv.Itoa(int(math.Ceil(reset.Sub(now).Seconds())))
			return rep
		}
	}
	if s.apiDisabled {
		rep := errReply(http.StatusServiceUnavailable, errObj{Code: "service_unavailable", Status: 503, Title: "Verificação", Detail: "Serviço indisponível"})
		rep.header = hdr
		return rep
	}
	return reply{header: hdr}
}

func ceilUnix(t time.Time) int64 {
	sec := t.Unix()
	if t.Nanosecond() > 0 {
		sec++
	}
	return sec
}

func (s *Simulator) tokenOK(token string) bool {
	if token == "" {
		return false
	}
	if len(s.opts.Tokens) == 0 {
		return true
	}
	for _, t := range s.opts.Tokens {
		if t == token {
			return true
		}
	}
	return false
}

func writeReply(w http.ResponseWriter, rep reply) {
	for k, v := range rep.header {
		w.Header().Set(k, v)
	}
	if rep.status == http.StatusNoContent || rep.body == nil {
		if rep.status == 0 {
			rep.status = http.StatusNoContent
		}
		w.WriteHeader(rep.status)
		return
	}
	b, err := json.Marshal(rep.body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.api+json; charset=utf-8")
	w.WriteHeader(rep.status)
	_, _ = w.Write(b)
}

// ---------------------------------------------------------------------------
// Errors in Clicksign's two JSON:API styles: 404 and 422 carry status and code as
// strings, the other codes as an integer status.

type errObj struct {
	Code    string
	Status  int
	Title   string
	Detail  string
	Pointer string
}

func (e errObj) render() map[string]any {
	m := map[string]any{"code": e.Code}
	if e.Status == 404 || e.Status == 422 {
		m["status"] = strconv.Itoa(e.Status)
	} else {
		m["status"] = e.Status
	}
	if e.Title != "" {
		m["title"] = e.Title
	}
	if e.Detail != "" {
		m["detail"] = e.Detail
	}
	if e.Pointer != "" {
		m["source"] = map[string]any{"pointer": e.Pointer}
	}
	return m
}

func errReply(status int, objs ...errObj) reply {
	list := make([]any, len(objs))
	for i, o := range objs {
		list[i] = o.render()
	}
	return reply{status: status, body: map[string]any{"errors": list}}
}

// apiErr is an error that already knows its HTTP rendering; validation code
// returns it so handlers can bubble it up.
type apiErr struct{ rep reply }

// Error implements error; the HTTP rendering is what matters.
func (e *apiErr) Error() string { return fmt.Sprintf("HTTP %d", e.rep.status) }

func badRequest(attr, detail string) *apiErr {
	p := ""
	if attr != "" {
		p = "/data/attributes/" + attr
	}
	return &apiErr{errReply(400, errObj{Code: "bad_request", Status: 400, Pointer: p, Detail: detail})}
}

func invalid(attr, msg string) *apiErr {
	return invalidAt("/data/attributes/"+attr, attr, msg)
}

func invalidAt(pointer, attr, msg string) *apiErr {
	return &apiErr{errReply(422, errObj{Code: "100", Status: 422, Title: msg, Detail: attr + " - " + msg, Pointer: pointer})}
}

func invalidDetail(detail string) *apiErr {
	title := detail
	if i := strings.Index(detail, " - "); i >= 0 {
		title = detail[i+3:]
	}
	return &apiErr{errReply(422, errObj{Code: "100", Status: 422, Title: title, Detail: detail, Pointer: "/data/attributes/status"})}
}

func notFound(id string) *apiErr {
	return &apiErr{errReply(404, errObj{Code: "404", Status: 404, Title: "Registro não encontrado",
		Detail: fmt.Sprintf("O registro identificado por %s não pôde ser encontrado", id)})}
}

func forbidden(detail string) *apiErr {
	return &apiErr{errReply(403, errObj{Code: "forbidden", Status: 403, Title: "Verificação", Detail: detail})}
}

func internalError(err error) reply {
	return errReply(500, errObj{Code: "internal_server_error", Status: 500, Title: "Erro interno", Detail: "Erro interno do servidor"})
}

func fail(err error) reply {
	var ae *apiErr
	if errors.As(err, &ae) {
		return ae.rep
	}
	return internalError(err)
}

// ---------------------------------------------------------------------------
// Faults and counters.

// FaultKind selects what an injected fault does.
type FaultKind string

// Fault kinds.
const (
	// FaultStatus answers with Fault.Status (500, 502, 503, 429...) and a JSON body.
	FaultStatus FaultKind = "status"
	// FaultCloseConnection drops the connection without an answer.
	FaultCloseConnection FaultKind = "close"
)

// Fault makes the next Times matching requests fail.
type Fault struct {
	Kind   FaultKind `json:"kind"`
	Status int       `json:"status,omitempty"`
	// Times defaults to 1.
	Times int `json:"times,omitempty"`
	// Method and Route narrow the match; Route is a route pattern such as
	// "POST /api/v3/envelopes" or a substring of the path.
	Method string `json:"method,omitempty"`
	Route  string `json:"route,omitempty"`
	// AfterProcessing lets the request take effect and then loses or replaces
	// the answer: the "did my POST go through?" case.
	AfterProcessing bool `json:"after_processing,omitempty"`
}

// InjectFault queues a fault.
func (s *Simulator) InjectFault(f Fault) {
	if f.Times <= 0 {
		f.Times = 1
	}
	if f.Kind == "" {
		f.Kind = FaultStatus
	}
	if f.Kind == FaultStatus && f.Status == 0 {
		f.Status = http.StatusInternalServerError
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &f)
}

// ClearFaults drops every pending fault.
func (s *Simulator) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

func (s *Simulator) takeFault(pattern string, r *http.Request) *Fault {
	for i, f := range s.faults {
		if f.Method != "" && !strings.EqualFold(f.Method, r.Method) {
			continue
		}
		if f.Route != "" && f.Route != pattern && !strings.Contains(r.URL.Path, f.Route) {
			continue
		}
		f.Times--
		if f.Times <= 0 {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
		}
		c := *f
		return &c
	}
	return nil
}

func (s *Simulator) writeFault(w http.ResponseWriter, f *Fault) {
	if f.Kind == FaultCloseConnection {
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler)
	}
	var rep reply
	switch f.Status {
	case http.StatusTooManyRequests:
		reset := s.opts.Now().Add(time.Second)
		rep = errReply(429, errObj{Code: rateLimitCode, Status: 429, Title: rateLimitTitle, Detail: rateLimitDetail})
		rep.header = map[string]string{
			"X-Rate-Limit":           strconv.Itoa(max(s.opts.RateLimit, 0)),
			"X-Rate-Limit-Remaining": "0",
			"X-Rate-Limit-Reset":     strconv.FormatInt(ceilUnix(reset), 10),
			"Retry-After":            "1",
		}
	case http.StatusServiceUnavailable:
		rep = errReply(503, errObj{Code: "service_unavailable", Status: 503, Title: "Verificação", Detail: "Serviço indisponível"})
	default:
		rep = errReply(f.Status, errObj{Code: "internal_server_error", Status: f.Status, Title: "Erro interno", Detail: "Falha simulada"})
	}
	writeReply(w, rep)
}

// RequestCount returns how many requests hit route (a pattern such as
// "POST /api/v3/envelopes").
func (s *Simulator) RequestCount(route string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.counts[route]
}

// RequestCounts returns a copy of the per-route counters.
func (s *Simulator) RequestCounts() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int, len(s.counts))
	for k, v := range s.counts {
		out[k] = v
	}
	return out
}

// TotalRequests sums every route counter.
func (s *Simulator) TotalRequests() int {
	n := 0
	for _, v := range s.RequestCounts() {
		n += v
	}
	return n
}

// ResetRequestCounts zeroes the counters.
func (s *Simulator) ResetRequestCounts() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.counts = map[string]int{}
}

// SetLatency changes the delay added to every API request.
func (s *Simulator) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// SetEnvelopeAPIEnabled toggles the 503 service_unavailable mode.
func (s *Simulator) SetEnvelopeAPIEnabled(enabled bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.apiDisabled = !enabled
}

// ResetRateLimits forgets every token's window.
func (s *Simulator) ResetRateLimits() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.windows = map[string]*rateWindow{}
}

// ---------------------------------------------------------------------------
// Persistence: a JSON snapshot of state plus one row per uploaded file.

func (s *Simulator) openDB(path string) error {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return fmt.Errorf("simulator: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	stmts := []string{
		`PRAGMA busy_timeout = 5000`,
		`PRAGMA journal_mode = WAL`,
		`CREATE TABLE IF NOT EXISTS snapshot (id INTEGER PRIMARY KEY CHECK (id = 1), data BLOB NOT NULL)`,
		`CREATE TABLE IF NOT EXISTS files (id TEXT PRIMARY KEY, data BLOB NOT NULL)`,
	}
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			db.Close()
			return fmt.Errorf("simulator: init %s: %w", path, err)
		}
	}
	var data []byte
	err = db.QueryRow(`SELECT data FROM snapshot WHERE id = 1`).Scan(&data)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		db.Close()
		return fmt.Errorf("simulator: load %s: %w", path, err)
	default:
		st := newState()
		if err := json.Unmarshal(data, st); err != nil {
			db.Close()
			return fmt.Errorf("simulator: decode snapshot: %w", err)
		}
		if st.LastNotify == nil {
			st.LastNotify = map[string]time.Time{}
		}
		if st.Webhooks == nil {
			st.Webhooks = map[string]*webhook{}
		}
		s.st = st
	}
	s.db = db
	return nil
}

// persist writes the snapshot; callers hold s.mu. Writing the whole state after
// each mutation is simple and, for the handful of envelopes a test or a desktop
// user creates, cheap.
func (s *Simulator) persist() error {
	if s.db == nil {
		return nil
	}
	data, err := json.Marshal(s.st)
	if err != nil {
		return err
	}
	_, err = s.db.Exec(`INSERT INTO snapshot (id, data) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data`, data)
	return err
}

func (s *Simulator) putFile(id string, data []byte) error {
	if s.db == nil {
		s.files[id] = data
		return nil
	}
	_, err := s.db.Exec(`INSERT OR REPLACE INTO files (id, data) VALUES (?, ?)`, id, data)
	return err
}

func (s *Simulator) getFile(id string) ([]byte, bool) {
	if s.db == nil {
		b, ok := s.files[id]
		return b, ok
	}
	var b []byte
	if err := s.db.QueryRow(`SELECT data FROM files WHERE id = ?`, id).Scan(&b); err != nil {
		return nil, false
	}
	return b, true
}

func (s *Simulator) deleteFile(id string) {
	if s.db == nil {
		delete(s.files, id)
		return
	}
	_, _ = s.db.Exec(`DELETE FROM files WHERE id = ?`, id)
}

// waitCtx is a small helper for control routes that wait on webhooks.
func waitCtx(r *http.Request) (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.Context(), 10*time.Second)
}
