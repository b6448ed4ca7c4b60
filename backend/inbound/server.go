// Package inbound is Selo's local HTTP listener for webhooks: JivoChat
// events (and, optionally, Clicksign's). It owns the transport rules —
// address, token in the URL, content type, body limit, timeouts — and hands
// the body to the feature package; nothing is parsed or stored before the
// token is accepted.
//
// JivoChat posts from the internet, so in production the office exposes this
// listener through a tunnel or reverse proxy; the listener itself binds to
// 127.0.0.1 by default.
package inbound

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"log"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"selo/backend/crm"
)

// Defaults applied to zero Config fields.
const (
	DefaultHost = "127.0.0.1"
	DefaultPort = 38410
	// DefaultBodyLimit is the largest JivoChat body accepted. JivoChat
	// documents no retry, so a refused chat is lost: the limit is set far
	// above real chats (a long chat_finished repeats its transcript in
	// chat.messages, plain_messages and html_messages) and only stops a body
	// that cannot be a chat. It must stay at 8 MiB or more.
	DefaultBodyLimit = 16 << 20
	// DefaultClicksignBodyLimit bounds Clicksign deliveries, which are small
	// JSON events read before their HMAC is checked.
	DefaultClicksignBodyLimit = 1 << 20
	// DefaultDocuSignBodyLimit bounds DocuSign Connect deliveries: JSON SIM
	// messages with the envelope summary and its recipients, never the
	// documents (Selo does not subscribe to them), read before their HMAC
	// is checked.
	DefaultDocuSignBodyLimit = 1 << 20
	DefaultReadHeaderTimeout = 5 * time.Second
	// The timeouts leave room for a large body coming through the office's
	// tunnel: reading it happens inside the handler's time.
	DefaultReadTimeout    = 60 * time.Second
	DefaultHandlerTimeout = 60 * time.Second
	DefaultWriteTimeout   = 75 * time.Second
	DefaultIdleTimeout    = 60 * time.Second

	// forcedStopGrace bounds how long Shutdown waits for handlers after their
	// connections were closed; a handler that ignores its context must not
	// hang the app's exit.
	forcedStopGrace = 5 * time.Second
)

// Error codes for the listener, following crm's "area.what" pattern.
const (
	// CodeListenFailed: the address could not be bound (data: addr, and
	// reason "in_use" when the port is taken, else "other").
	CodeListenFailed = "inbound.listen_failed"
	// CodeConfig: a required part of Config is missing (field names it).
	CodeConfig = "inbound.config"
)

// WebhookHandler processes a JivoChat body and returns the reply and status.
// *jivochat.Handler implements it.
type WebhookHandler interface {
	Handle(ctx context.Context, body []byte) (reply []byte, status int)
}

// ClicksignHandler receives Clicksign webhooks for one API key. It gets the
// headers because Clicksign signs the body (HMAC header); verification is its
// job, not the listener's.
type ClicksignHandler interface {
	HandleClicksign(ctx context.Context, keyID string, header http.Header, body []byte) (status int, reply []byte)
}

// ClicksignFunc adapts a function to ClicksignHandler.
type ClicksignFunc func(ctx context.Context, keyID string, header http.Header, body []byte) (int, []byte)

// HandleClicksign implements ClicksignHandler.
func (f ClicksignFunc) HandleClicksign(ctx context.Context, keyID string, header http.Header, body []byte) (int, []byte) {
	return f(ctx, keyID, header, body)
}

// DocuSignHandler receives DocuSign Connect deliveries for one key; like
// ClicksignHandler it verifies the HMAC headers itself.
type DocuSignHandler interface {
	HandleDocuSign(ctx context.Context, keyID string, header http.Header, body []byte) (status int, reply []byte)
}

// Config describes the listener. Zero durations and limits take the
// defaults above.
type Config struct {
	// Host defaults to 127.0.0.1. Port 0 picks a free port (tests).
	Host string
	Port int
	// BodyLimit is the largest accepted JivoChat body in bytes (default
	// DefaultBodyLimit); ClicksignBodyLimit the same for Clicksign.
	BodyLimit          int64
	ClicksignBodyLimit int64
	// DocuSignBodyLimit is the same for DocuSign (DefaultDocuSignBodyLimit).
	DocuSignBodyLimit int64
	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration
	// HandlerTimeout bounds one request's processing; past it the client
	// gets 503 and the handler's context is cancelled, so nothing commits.
	HandlerTimeout time.Duration
	WriteTimeout   time.Duration
	IdleTimeout    time.Duration
	// JivoChat and Tokens are required.
	JivoChat WebhookHandler
	Tokens   TokenVerifier
	// Clicksign, when set, enables POST /webhooks/clicksign/{keyID}.
	Clicksign ClicksignHandler
	// DocuSign, when set, enables POST /webhooks/docusign/{keyID}.
	DocuSign DocuSignHandler
	// JivoChatGate and ClicksignGate bound each route's concurrent work
	// (zero: unbounded), so a flood on one route leaves the other its
	// share; the headless server sets them. JivoChat's token is checked
	// before its gate, so requests with a wrong token never queue there.
	JivoChatGate  Gate
	ClicksignGate Gate
	// DocuSignGate bounds the DocuSign route the same way.
	DocuSignGate Gate
	// Health, when set, answers GET /health instead of the plain "ok": the
	// headless server reports its version and database there.
	Health http.Handler
	// Logger is discarded when nil. Tokens appear in it only as last four.
	Logger *slog.Logger
	// Now is the clock for Status; time.Now when nil.
	Now func() time.Time
	// Listener, when set, is served instead of binding Host:Port: the
	// headless server binds its own (all interfaces, port 443). It is
	// served once; a Start after Shutdown needs a new one.
	Listener net.Listener
	// TLS, when set, makes the listener speak HTTPS with it (the headless
	// server's ACME or static certificate); the desktop leaves it nil.
	TLS *tls.Config
}

func (c Config) withDefaults() Config {
	if c.Host == "" {
		c.Host = DefaultHost
	}
	if c.BodyLimit <= 0 {
		c.BodyLimit = DefaultBodyLimit
	}
	if c.ClicksignBodyLimit <= 0 {
		c.ClicksignBodyLimit = DefaultClicksignBodyLimit
	}
	if c.DocuSignBodyLimit <= 0 {
		c.DocuSignBodyLimit = DefaultDocuSignBodyLimit
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&c.ReadHeaderTimeout, DefaultReadHeaderTimeout)
	def(&c.ReadTimeout, DefaultReadTimeout)
	def(&c.HandlerTimeout, DefaultHandlerTimeout)
	def(&c.WriteTimeout, DefaultWriteTimeout)
	def(&c.IdleTimeout, DefaultIdleTimeout)
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}

func (c Config) validate() error {
	if c.JivoChat == nil {
		return crm.E(CodeConfig).OnField("jivoChat")
	}
	if c.Tokens == nil {
		return crm.E(CodeConfig).OnField("tokens")
	}
	if c.Port < 0 || c.Port > 65535 {
		return crm.E(crm.CodeOutOfRange, "min", 0, "max", 65535).OnField("port")
	}
	return nil
}

// Status is what the integrations screen shows about the listener.
type Status struct {
	Running bool
	// Addr is host:port while running (the real port when Port was 0).
	Addr      string
	StartedAt time.Time
	// LastEventAt is when a JivoChat event was last accepted (2xx), kept
	// across restarts; zero if none yet.
	LastEventAt time.Time
	// Events counts accepted JivoChat events; Rejected counts 4xx/5xx
	// answers on webhook routes. Both survive restarts.
	Events   int64
	Rejected int64
	// LastError is the last listener failure, for the log panel.
	LastError string
}

// Server is the listener. Start and Shutdown may be called any number of
// times, in any order, from any goroutine.
type Server struct {
	life sync.Mutex // serialises Start/Shutdown/Reconfigure

	mu        sync.Mutex // guards the fields below; never held while waiting
	cfg       Config
	srv       *http.Server
	served    chan struct{}
	inflight  *sync.WaitGroup
	addr      string
	startedAt time.Time
	lastErr   string

	lastEvent atomic.Int64 // unix nanos
	events    atomic.Int64
	rejected  atomic.Int64

	quiet quietLog // refusal lines, at most one per kind per refusalLogEvery
}

// New checks cfg and returns a stopped Server.
func New(cfg Config) (*Server, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	return &Server{cfg: cfg.withDefaults()}, nil
}

// Start binds the address and serves in the background. It returns nil at
// once when already running.
func (s *Server) Start() error {
	s.life.Lock()
	defer s.life.Unlock()
	return s.start()
}

func (s *Server) start() error {
	s.mu.Lock()
	cfg := s.cfg
	if s.srv != nil {
		select {
		case <-s.served:
			s.srv = nil // died on its own (error recorded); start afresh
		default:
			s.mu.Unlock()
			return nil
		}
	}
	s.mu.Unlock()

	addr := net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port))
	ln, err := cfg.Listener, error(nil)
	if ln == nil {
		ln, err = net.Listen("tcp", addr)
	}
	if err != nil {
		s.mu.Lock()
		s.lastErr = err.Error()
		s.mu.Unlock()
		// The reason lets the screen say "in use by another program" only
		// when it is true (not for a permission or a missing address).
		reason := "other"
		if errors.Is(err, syscall.EADDRINUSE) {
			reason = "in_use"
		}
		return crm.E(CodeListenFailed, "addr", addr, "reason", reason).Wrap(err)
	}
	inflight := &sync.WaitGroup{}
	srv := &http.Server{
		Handler:           s.handler(cfg, inflight),
		ReadHeaderTimeout: cfg.ReadHeaderTimeout,
		ReadTimeout:       cfg.ReadTimeout,
		WriteTimeout:      cfg.WriteTimeout,
		IdleTimeout:       cfg.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          log.New(serverErrors{cfg.Logger}, "", 0),
		TLSConfig:         cfg.TLS,
	}
	served := make(chan struct{})
	s.mu.Lock()
	s.srv, s.served, s.inflight = srv, served, inflight
	s.addr = ln.Addr().String()
	s.startedAt = cfg.Now().UTC()
	s.lastErr = ""
	s.mu.Unlock()
	cfg.Logger.Info("inbound listener started", "addr", ln.Addr().String())
	go func() {
		defer close(served)
		serve := srv.Serve
		if cfg.TLS != nil {
			// The certificate comes from TLSConfig (GetCertificate), not files.
			serve = func(ln net.Listener) error { return srv.ServeTLS(ln, "", "") }
		}
		if err := serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			cfg.Logger.Error("inbound listener stopped", "error", err)
			s.mu.Lock()
			s.lastErr = err.Error()
			s.mu.Unlock()
		}
	}()
	return nil
}

// Shutdown stops accepting connections and waits for requests in flight to
// finish, or for ctx to end, after which the remaining connections are
// closed (their handlers' contexts are cancelled, so nothing half-done
// commits). Calling it when stopped does nothing.
func (s *Server) Shutdown(ctx context.Context) error {
	s.life.Lock()
	defer s.life.Unlock()
	return s.shutdown(ctx)
}

func (s *Server) shutdown(ctx context.Context) error {
	s.mu.Lock()
	srv, served, inflight := s.srv, s.served, s.inflight
	s.mu.Unlock()
	if srv == nil {
		return nil
	}
	err := srv.Shutdown(ctx)
	if err != nil {
		_ = srv.Close()
	}
	<-served
	// Closing connections cancels their handlers' contexts but does not wait
	// for the handlers; wait (bounded) so that none is still writing to the
	// store when the app closes the database after us.
	waited := make(chan struct{})
	go func() { inflight.Wait(); close(waited) }()
	select {
	case <-waited:
	case <-time.After(forcedStopGrace):
		s.cfg.Logger.Warn("inbound listener stopped with handlers still running")
	}
	s.mu.Lock()
	s.srv, s.served, s.inflight, s.addr = nil, nil, nil, ""
	s.mu.Unlock()
	s.cfg.Logger.Info("inbound listener stopped")
	return err
}

// Reconfigure replaces the configuration (new port, handler, verifier...),
// restarting the listener if it was running.
func (s *Server) Reconfigure(ctx context.Context, cfg Config) error {
	if err := cfg.validate(); err != nil {
		return err
	}
	s.life.Lock()
	defer s.life.Unlock()
	s.mu.Lock()
	running := s.srv != nil
	s.mu.Unlock()
	if err := s.shutdown(ctx); err != nil {
		return err
	}
	s.mu.Lock()
	s.cfg = cfg.withDefaults()
	s.mu.Unlock()
	if running {
		return s.start()
	}
	return nil
}

// Status reports the listener's state without waiting on Start/Shutdown.
func (s *Server) Status() Status {
	s.mu.Lock()
	st := Status{Addr: s.addr, StartedAt: s.startedAt, LastError: s.lastErr}
	if s.srv != nil {
		select {
		case <-s.served:
		default:
			st.Running = true
		}
	}
	s.mu.Unlock()
	if !st.Running {
		st.Addr, st.StartedAt = "", time.Time{}
	}
	if n := s.lastEvent.Load(); n != 0 {
		st.LastEventAt = time.Unix(0, n).UTC()
	}
	st.Events = s.events.Load()
	st.Rejected = s.rejected.Load()
	return st
}

// Handler returns the routes with the current configuration, for tests that
// use httptest instead of Start.
func (s *Server) Handler() http.Handler {
	s.mu.Lock()
	cfg := s.cfg
	s.mu.Unlock()
	return s.handler(cfg, &sync.WaitGroup{})
}

func (s *Server) handler(cfg Config, inflight *sync.WaitGroup) http.Handler {
	mux := http.NewServeMux()
	track := func(h http.HandlerFunc) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			inflight.Add(1)
			defer inflight.Done()
			h(w, r)
		}
	}
	if cfg.Health != nil {
		mux.Handle("GET /health", cfg.Health)
	} else {
		mux.HandleFunc("GET /health", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			_, _ = io.WriteString(w, "ok")
		})
	}
	jivoGate, csGate := newGate(cfg.JivoChatGate), newGate(cfg.ClicksignGate)
	jivo := track(func(w http.ResponseWriter, r *http.Request) { s.serveJivoChat(cfg, jivoGate, w, r) })
	mux.HandleFunc("POST /webhooks/jivochat/{token}", jivo)
	// Without these a missing token would be a 404, which reads like a wrong
	// URL rather than an unauthorised call.
	mux.HandleFunc("POST /webhooks/jivochat", jivo)
	mux.HandleFunc("POST /webhooks/jivochat/{$}", jivo)
	if cfg.Clicksign != nil {
		mux.HandleFunc("POST /webhooks/clicksign/{keyID}", track(func(w http.ResponseWriter, r *http.Request) {
			s.serveClicksign(cfg, csGate, w, r)
		}))
	}
	if cfg.DocuSign != nil {
		dsGate := newGate(cfg.DocuSignGate)
		mux.HandleFunc("POST /webhooks/docusign/{keyID}", track(func(w http.ResponseWriter, r *http.Request) {
			s.serveSigned(cfg, dsGate, "docusign", cfg.DocuSignBodyLimit, cfg.DocuSign.HandleDocuSign, w, r)
		}))
	}
	return http.TimeoutHandler(mux, cfg.HandlerTimeout, `{"result":"error","error":"timeout"}`)
}

func (s *Server) serveJivoChat(cfg Config, g *gate, w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	ok, owner := false, ""
	if token != "" {
		ok, owner = cfg.Tokens.Verify(r.Context(), token)
	}
	if !ok {
		// The path holds the token, so neither it nor the URL is logged.
		if ok, held := s.quiet.allow("jivochat_token", cfg.Now()); ok {
			cfg.Logger.Warn("jivochat webhook refused: unknown or revoked token", "token_last4", LastFour(token),
				"remote", r.RemoteAddr, "more_not_logged", held)
		}
		s.reject(w, http.StatusUnauthorized, "unauthorized")
		return
	}
	if !AcceptedContentType(r.Header.Get("Content-Type")) {
		s.reject(w, http.StatusUnsupportedMediaType, "unsupported_media_type")
		return
	}
	leave := g.enter(r.Context())
	if leave == nil {
		if ok, held := s.quiet.allow("jivochat_busy", cfg.Now()); ok {
			cfg.Logger.Warn("jivochat webhook refused: route busy", "owner", owner, "more_not_logged", held)
		}
		s.busy(w, g)
		return
	}
	defer leave()
	if cfg.ReadTimeout > 0 {
		// The read deadline ran from the request's arrival: time spent
		// waiting for a slot must not cut a large chat short (JivoChat
		// does not retry).
		_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(cfg.ReadTimeout))
	}
	body, status := readBody(w, r, cfg.BodyLimit)
	if status == http.StatusRequestEntityTooLarge {
		// Said plainly on both sides: JivoChat shows the reply in its
		// webhook log, and the office reads ours.
		cfg.Logger.Warn("jivochat webhook refused: body larger than the limit", "limit_bytes", cfg.BodyLimit,
			"content_length", r.ContentLength, "owner", owner)
		s.rejected.Add(1)
		writeJSON(w, status, tooLargeReply(cfg.BodyLimit))
		return
	}
	if status != 0 {
		s.reject(w, status, http.StatusText(status))
		return
	}
	reply, status := cfg.JivoChat.Handle(r.Context(), body)
	if status >= 200 && status < 300 {
		s.events.Add(1)
		s.lastEvent.Store(cfg.Now().UnixNano())
	} else {
		s.rejected.Add(1)
		cfg.Logger.Warn("jivochat webhook not accepted", "status", status, "owner", owner)
	}
	writeJSON(w, status, reply)
}

func (s *Server) serveClicksign(cfg Config, g *gate, w http.ResponseWriter, r *http.Request) {
	s.serveSigned(cfg, g, "clicksign", cfg.ClicksignBodyLimit, cfg.Clicksign.HandleClicksign, w, r)
}

// serveSigned serves a provider's signed deliveries (Clicksign, DocuSign):
// the same body limit, gate and busy answer; the handler checks the HMAC.
func (s *Server) serveSigned(cfg Config, g *gate, provider string, limit int64,
	handle func(ctx context.Context, keyID string, header http.Header, body []byte) (int, []byte), w http.ResponseWriter, r *http.Request) {
	// The body (1 MiB at most) is read before a slot is taken: anyone can
	// reach this route, and four connections trickling their bodies must
	// not hold every slot; the slots bound the checks and database work.
	body, status := readBody(w, r, limit)
	if status != 0 {
		s.reject(w, status, http.StatusText(status))
		return
	}
	leave := g.enter(r.Context())
	if leave == nil {
		if ok, held := s.quiet.allow(provider+"_busy", cfg.Now()); ok {
			cfg.Logger.Warn(provider+" webhook refused: route busy", "more_not_logged", held)
		}
		s.busy(w, g)
		return
	}
	defer leave()
	status, reply := handle(r.Context(), r.PathValue("keyID"), r.Header.Clone(), body)
	if status < 200 || status >= 300 {
		s.rejected.Add(1)
	}
	writeJSON(w, status, reply)
}

// AcceptedContentType is the one place that decides which Content-Type the
// JivoChat route takes. The reference leaves the header UNCONFIRMED (public
// receivers read the raw body; a Flask one uses get_json(), which requires
// application/json), so we accept application/json with any parameters, the
// JSON-ish aliases text/json, application/*+json and text/plain, and a
// missing header; the body is checked as JSON either way. Anything else —
// forms, multipart, HTML — is refused with 415 because it cannot be a
// JivoChat event.
func AcceptedContentType(v string) bool {
	if strings.TrimSpace(v) == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(v)
	if err != nil {
		return false
	}
	switch mt {
	case "application/json", "text/json", "text/plain":
		return true
	}
	return strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json")
}

// readBody reads at most limit bytes; status is 0 on success, 413 when the
// body is larger, 400 when the client stopped sending.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, int) {
	if r.ContentLength > limit {
		return nil, http.StatusRequestEntityTooLarge
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, http.StatusRequestEntityTooLarge
		}
		return nil, http.StatusBadRequest
	}
	return body, 0
}

// tooLargeReply is the 413 body: the code, the limit and a sentence, so
// whoever reads JivoChat's log knows what to change.
func tooLargeReply(limit int64) []byte {
	return []byte(`{"result":"error","error":"body_too_large","limit_bytes":` + strconv.FormatInt(limit, 10) +
		`,"message":"Body larger than the limit of ` + strconv.FormatInt(limit, 10) + ` bytes; Selo refused it."}`)
}

func (s *Server) reject(w http.ResponseWriter, status int, code string) {
	s.rejected.Add(1)
	writeJSON(w, status, []byte(`{"result":"error","error":"`+jsonSafe(code)+`"}`))
}

// jsonSafe keeps only characters that need no escaping; the codes are ours.
func jsonSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '"' || r == '\\' || r < 0x20 {
			return -1
		}
		return r
	}, strings.ToLower(strings.ReplaceAll(s, " ", "_")))
}

func writeJSON(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// serverErrors is net/http's error log. On a public port every scanner's
// failed handshake (no server name, another name, plain HTTP to 443) is
// logged by net/http; those go to Debug so the journal keeps what an
// operator can act on.
type serverErrors struct{ log *slog.Logger }

func (e serverErrors) Write(p []byte) (int, error) {
	msg := strings.TrimSpace(string(p))
	if strings.HasPrefix(msg, "http: TLS handshake error") {
		e.log.Debug(msg)
	} else {
		e.log.Warn(msg)
	}
	return len(p), nil
}
