// Package simulator is an http.Handler that behaves like the DocuSign
// eSignature REST API v2.1 for the calls Selo's client makes: envelope
// create-and-send, listStatusChanges, envelope and recipient reads, void,
// resend and the downloads. It keeps the state machine (routing order,
// recipient and envelope statuses, expiry), validates requests with
// DocuSign-shaped errors, enforces the hourly and burst limits, watches the
// 15-minute polling rule, and can deliver Connect (JSON SIM) messages signed
// with HMAC. A control API makes recipients sign or decline and envelopes
// expire. Tests use it, and so can the "Simulador local" training desk.
package simulator

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Options configures a Simulator.
type Options struct {
	// AccountID is the only account id the API accepts; empty means a fixed GUID.
	AccountID string
	// Token is the only bearer token accepted; empty means any non-empty token.
	Token string
	// Now is the clock; nil means time.Now. Tests share a fake one with the client.
	Now func() time.Time
	// HourlyLimit and BurstLimit are the account allowances; zero means the defaults.
	HourlyLimit, BurstLimit int
	// StrictPolling answers a second status read within PollInterval with an
	// error instead of only recording it.
	StrictPolling bool
	// ConnectSecret signs Connect deliveries (X-DocuSign-Signature-1); empty sends none.
	ConnectSecret string
	// ConnectClient carries Connect deliveries; nil means a client with a timeout.
	ConnectClient *http.Client
	// NoIdentityWorkflows makes the account offer no identity verification
	// workflow (phone authentication and ID Verification not enabled).
	NoIdentityWorkflows bool
}

// DefaultAccountID is the account id when Options.AccountID is empty.
const DefaultAccountID = "9a3c1e4b-5d6f-4a7b-8c9d-0e1f2a3b4c5d"

// Violation is one status read of an envelope within PollInterval of the previous one.
type Violation struct {
	// EnvelopeID is the envelope read too often.
	EnvelopeID string
	// Previous and At are the two reads.
	Previous, At time.Time
}

// Fault is an injected failure for the next matching API requests.
type Fault struct {
	// Method and Path select requests: Method "" matches any; Path is matched
	// as a suffix of the URL path ("" matches any; "/envelopes" the create and
	// listStatusChanges).
	Method, Path string
	// Status, when set, answers with that status and an error body, without
	// processing the request (5xx: CodeServer; 429: CodeBurst; 401: CodeBadToken).
	Status int
	// DropAnswer processes the request, then closes the connection without an
	// answer (a lost answer).
	DropAnswer bool
	// EmptyList answers a listStatusChanges (GET .../envelopes) with no
	// envelope, as DocuSign's search does for a while after a create:
	// a look-up that lags behind the envelope.
	EmptyList bool
	// Times is how many requests it applies to; 0 means 1.
	Times int
}

// Delivery is one Connect message the simulator tried to deliver.
type Delivery struct {
	// URL is where it went.
	URL string
	// Event is e.g. "recipient-completed".
	Event string
	// EnvelopeID is the envelope it is about.
	EnvelopeID string
	// Body is the exact JSON posted; Signature the X-DocuSign-Signature-1 header.
	Body      []byte
	Signature string
	// Status is the receiver's HTTP status (0 when it could not be reached).
	Status int
}

// Simulator is the fake DocuSign. Create it with New; it is an http.Handler.
type Simulator struct {
	opt Options
	mux *http.ServeMux

	mu         sync.Mutex
	envs       map[string]*envelope
	order      []string // envelope ids in creation order
	hour       time.Time
	hourCount  int
	burst      []time.Time
	reads      map[string]time.Time
	violations []Violation
	faults     []*Fault
	requests   map[string]int
	refusals   int        // requests refused by the hourly or burst limit
	outbox     []Delivery // Connect messages made under the lock, sent after it
	deliveries []Delivery // every delivery attempt
	pending    []Delivery // failed deliveries waiting for RetryConnect
}

// New returns a simulator with no envelopes.
func New(opt Options) *Simulator {
	if opt.AccountID == "" {
		opt.AccountID = DefaultAccountID
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.HourlyLimit <= 0 {
		opt.HourlyLimit = DefaultHourlyLimit
	}
	if opt.BurstLimit <= 0 {
		opt.BurstLimit = DefaultBurstLimit
	}
	if opt.ConnectClient == nil {
		opt.ConnectClient = &http.Client{Timeout: connectTimeout}
	}
	s := &Simulator{opt: opt, mux: http.NewServeMux(), envs: map[string]*envelope{},
		reads: map[string]time.Time{}, requests: map[string]int{}}
	const p = "/restapi/v2.1/accounts/{account}/envelopes"
	s.api("POST "+p, s.createEnvelope)
	s.api("GET "+p, s.listStatusChanges)
	s.api("GET /restapi/v2.1/accounts/{account}/identity_verification", s.identityVerification)
	s.api("GET "+p+"/{id}", s.getEnvelope)
	s.api("PUT "+p+"/{id}", s.putEnvelope)
	s.api("GET "+p+"/{id}/recipients", s.getRecipients)
	s.api("PUT "+p+"/{id}/recipients", s.putRecipients)
	s.api("GET "+p+"/{id}/documents/{doc}", s.getDocument)
	s.control()
	return s
}

// AccountID is the account the API serves.
func (s *Simulator) AccountID() string { return s.opt.AccountID }

// ServeHTTP implements http.Handler.
func (s *Simulator) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// apiError is DocuSign's error body (errorDetails).
type apiError struct {
	status  int
	code    string
	message string
}

func errf(status int, code, format string, a ...any) *apiError {
	return &apiError{status: status, code: code, message: fmt.Sprintf(format, a...)}
}

// handler answers with a JSON value (or raw bytes for []byte) and a status.
type handler func(r *http.Request, body []byte) (int, any, *apiError)

// api registers an API route behind auth, faults, limits and the headers.
func (s *Simulator) api(pattern string, h handler) {
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		drop := s.serveAPI(rec, r, pattern, h)
		if drop {
			if hj, ok := w.(http.Hijacker); ok {
				if conn, _, err := hj.Hijack(); err == nil {
					conn.Close()
					return
				}
			}
			panic(http.ErrAbortHandler) // closes the connection without an answer
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	})
}

func (s *Simulator) serveAPI(w http.ResponseWriter, r *http.Request, pattern string, h handler) (drop bool) {
	body, err := readBody(r)
	var sends []Delivery
	defer func() { s.deliver(sends) }()
	s.mu.Lock()
	s.headersLocked(w.Header())
	if err != nil {
		s.mu.Unlock()
		writeError(w, errf(http.StatusBadRequest, CodeInvalidBody, "%v", err))
		return false
	}
	auth := r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok || tok == "" || (s.opt.Token != "" && tok != s.opt.Token) {
		s.mu.Unlock()
		writeError(w, errf(http.StatusUnauthorized, CodeBadToken, "The access token provided is expired, revoked or malformed."))
		return false
	}
	if r.PathValue("account") != s.opt.AccountID {
		s.mu.Unlock()
		writeError(w, errf(http.StatusBadRequest, CodeWrongAccount, "This user lacks sufficient permissions to access this resource."))
		return false
	}
	if f := s.faultLocked(r); f != nil && f.Status != 0 {
		s.mu.Unlock()
		code := CodeServer
		switch f.Status {
		case http.StatusTooManyRequests:
			code = CodeBurst
		case http.StatusUnauthorized:
			code = CodeBadToken
		}
		writeError(w, errf(f.Status, code, "injected fault"))
		return false
	} else if f != nil && f.DropAnswer {
		drop = true
	} else if f != nil && f.EmptyList && r.Method == http.MethodGet {
		s.requests[pattern]++
		s.headersLocked(w.Header())
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"resultSetSize":"0","totalSetSize":"0","startPosition":"0","endPosition":"0","envelopes":[]}`))
		return false
	}
	if e := s.limitLocked(); e != nil {
		s.refusals++
		s.headersLocked(w.Header())
		s.mu.Unlock()
		writeError(w, e)
		return false
	}
	s.requests[pattern]++
	s.expireLocked()
	status, out, e := h(r, body)
	sends = s.outbox
	s.outbox = nil
	s.headersLocked(w.Header())
	s.mu.Unlock()
	if e != nil {
		writeError(w, e)
		return drop
	}
	if b, ok := out.([]byte); ok {
		w.Header().Set("Content-Type", "application/pdf")
		w.WriteHeader(status)
		_, _ = w.Write(b)
		return drop
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(out)
	return drop
}

func readBody(r *http.Request) ([]byte, error) {
	if r.Body == nil {
		return nil, nil
	}
	var b bytes.Buffer
	n, err := b.ReadFrom(http.MaxBytesReader(nil, r.Body, maxBody))
	if err != nil {
		return nil, fmt.Errorf("request body unreadable or above %d bytes", maxBody)
	}
	_ = n
	return b.Bytes(), nil
}

func writeError(w http.ResponseWriter, e *apiError) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(e.status)
	_ = json.NewEncoder(w).Encode(map[string]string{"errorCode": e.code, "message": e.message})
}

// faultLocked takes the first injected fault matching r.
func (s *Simulator) faultLocked(r *http.Request) *Fault {
	for i, f := range s.faults {
		if (f.Method == "" || f.Method == r.Method) && strings.HasSuffix(r.URL.Path, f.Path) {
			f.Times--
			if f.Times <= 0 {
				s.faults = append(s.faults[:i], s.faults[i+1:]...)
			}
			return f
		}
	}
	return nil
}

// limitLocked counts the request against the hourly and burst allowances.
func (s *Simulator) limitLocked() *apiError {
	now := s.opt.Now()
	s.pruneLocked(now)
	if s.hourCount >= s.opt.HourlyLimit {
		return errf(statusHourly, CodeHourly, "The maximum number of hourly API invocations has been exceeded. Hourly limit is %d.", s.opt.HourlyLimit)
	}
	if len(s.burst) >= s.opt.BurstLimit {
		return errf(statusBurst, CodeBurst, "The maximum number of burst API invocations has been exceeded. Burst limit is %d.", s.opt.BurstLimit)
	}
	s.hourCount++
	s.burst = append(s.burst, now)
	return nil
}

func (s *Simulator) pruneLocked(now time.Time) {
	if h := now.Truncate(time.Hour); !h.Equal(s.hour) {
		s.hour, s.hourCount = h, 0
	}
	cut := now.Add(-BurstWindow)
	i := 0
	for i < len(s.burst) && !s.burst[i].After(cut) {
		i++
	}
	s.burst = s.burst[i:]
}

func (s *Simulator) headersLocked(h http.Header) {
	now := s.opt.Now()
	s.pruneLocked(now)
	h.Set("X-RateLimit-Limit", strconv.Itoa(s.opt.HourlyLimit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(max(0, s.opt.HourlyLimit-s.hourCount)))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(s.hour.Add(time.Hour).Unix(), 10))
	h.Set("X-BurstLimit-Limit", strconv.Itoa(s.opt.BurstLimit))
	h.Set("X-BurstLimit-Remaining", strconv.Itoa(max(0, s.opt.BurstLimit-len(s.burst))))
}

// statusReadLocked records a status read of an envelope and reports a
// violation of the polling rule.
func (s *Simulator) statusReadLocked(id string) bool {
	now := s.opt.Now()
	prev, seen := s.reads[id]
	s.reads[id] = now
	if seen && now.Sub(prev) < PollInterval {
		s.violations = append(s.violations, Violation{EnvelopeID: id, Previous: prev, At: now})
		return true
	}
	return false
}

// Inject adds a fault for the next matching requests.
func (s *Simulator) Inject(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f.Times <= 0 {
		f.Times = 1
	}
	s.faults = append(s.faults, &f)
}

// Violations lists every polling-rule violation so far.
func (s *Simulator) Violations() []Violation {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Violation(nil), s.violations...)
}

// Requests is how many API requests were processed (limits passed, faults
// excluded), by route pattern such as "POST /restapi/v2.1/accounts/{account}/envelopes".
func (s *Simulator) Requests() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int, len(s.requests))
	for k, v := range s.requests {
		out[k] = v
	}
	return out
}

// LimitRefusals is how many requests the hourly or burst limit refused.
func (s *Simulator) LimitRefusals() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refusals
}

// TotalRequests is the sum of Requests.
func (s *Simulator) TotalRequests() int {
	n := 0
	for _, v := range s.Requests() {
		n += v
	}
	return n
}

// EnvelopeCount is how many envelopes exist.
func (s *Simulator) EnvelopeCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.envs)
}

// EnvelopeIDs lists the envelopes in creation order.
func (s *Simulator) EnvelopeIDs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.order...)
}

func newGUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// stamp writes a time as DocuSign does: UTC with 7 fraction digits.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05.0000000Z")
}

func sortedIDs(m map[string]*envelope) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}
