package inbound

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"selo/backend/crm"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"selo/backend/jivochat"
)

const testToken = "tok_8dF2kq93JxLw0pQz7VbN4mYr6TsA1cE5uH2gK9oIwX3"

type fixture struct {
	store  *jivochat.MemoryStore
	tokens *TokenSet
	srv    *Server
	url    string // base URL of a started listener ("" when not started)
	client *http.Client
}

func newFixture(t *testing.T, mutate func(*Config)) *fixture {
	t.Helper()
	store := jivochat.NewMemoryStore()
	h, err := jivochat.NewHandler(jivochat.Config{Store: store, LeadLinkBase: "selo://leads"})
	if err != nil {
		t.Fatal(err)
	}
	tokens := NewTokenSet()
	tokens.Add(testToken, "integration-1")
	cfg := Config{Port: 0, JivoChat: h, Tokens: HashVerifier{Source: tokens}}
	if mutate != nil {
		mutate(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{store: store, tokens: tokens, srv: srv,
		client: &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 16}}}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		f.client.CloseIdleConnections()
	})
	return f
}

func (f *fixture) start(t *testing.T) {
	t.Helper()
	if err := f.srv.Start(); err != nil {
		t.Fatal(err)
	}
	f.url = "http://" + f.srv.Status().Addr
}

func (f *fixture) post(t *testing.T, path, contentType string, body []byte) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, f.url+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func readRef(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("../jivochat/testdata/reference/" + name + ".json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestStatusCodesStoreNothing(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.BodyLimit = 4096 })
	f.start(t)
	good := readRef(t, "chat_finished")
	big := []byte(`{"event_name":"chat_finished","pad":"` + strings.Repeat("x", 5000) + `"}`)
	cases := []struct {
		name, method, path, ct string
		body                   []byte
		chunked                bool
		want                   int
	}{
		{"unknown token", "POST", "/webhooks/jivochat/nope", "application/json", good, false, 401},
		{"token of another case", "POST", "/webhooks/jivochat/" + strings.ToUpper(testToken), "application/json", good, false, 401},
		{"missing token", "POST", "/webhooks/jivochat/", "application/json", good, false, 401},
		{"missing token no slash", "POST", "/webhooks/jivochat", "application/json", good, false, 401},
		{"bad token and bad body", "POST", "/webhooks/jivochat/nope", "text/html", []byte("{"), false, 401},
		{"malformed json", "POST", "/webhooks/jivochat/" + testToken, "application/json", []byte(`{"event_name":`), false, 400},
		{"not an object", "POST", "/webhooks/jivochat/" + testToken, "application/json", []byte(`[1,2]`), false, 400},
		{"no event_name", "POST", "/webhooks/jivochat/" + testToken, "application/json", []byte(`{"chat_id":1}`), false, 400},
		{"form content type", "POST", "/webhooks/jivochat/" + testToken, "application/x-www-form-urlencoded", good, false, 415},
		{"multipart", "POST", "/webhooks/jivochat/" + testToken, "multipart/form-data; boundary=x", good, false, 415},
		{"garbled content type", "POST", "/webhooks/jivochat/" + testToken, "application/json; ==", good, false, 415},
		{"too large (Content-Length)", "POST", "/webhooks/jivochat/" + testToken, "application/json", big, false, 413},
		{"too large (chunked)", "POST", "/webhooks/jivochat/" + testToken, "application/json", big, true, 413},
		{"GET on webhook", "GET", "/webhooks/jivochat/" + testToken, "", nil, false, 405},
		{"PUT on webhook", "PUT", "/webhooks/jivochat/" + testToken, "application/json", good, false, 405},
		{"clicksign not configured", "POST", "/webhooks/clicksign/key-1", "application/json", good, false, 404},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var body io.Reader = bytes.NewReader(c.body)
			if c.chunked {
				body = io.MultiReader(bytes.NewReader(c.body)) // unknown length: sent chunked
			}
			req, _ := http.NewRequest(c.method, f.url+c.path, body)
			if c.ct != "" {
				req.Header.Set("Content-Type", c.ct)
			}
			resp, err := f.client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != c.want {
				t.Errorf("status %d, want %d", resp.StatusCode, c.want)
			}
			if st := f.store.Stats(); st != (jivochat.Stats{}) {
				t.Errorf("store changed: %+v", st)
			}
		})
	}
	if st := f.srv.Status(); st.Events != 0 || !st.LastEventAt.IsZero() || st.Rejected < 12 {
		t.Errorf("status %+v", st)
	}
}

func TestAcceptedContentTypes(t *testing.T) {
	f := newFixture(t, nil)
	f.start(t)
	for i, ct := range []string{"application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8",
		"text/plain", "text/plain; charset=utf-8", "application/vnd.api+json", ""} {
		body := []byte(fmt.Sprintf(`{"event_name":"offline_message","offline_message_id":%d,
			"visitor":{"email":"c%d@exemplo.com.br"},"message":"oi"}`, i, i))
		if status, reply := f.post(t, "/webhooks/jivochat/"+testToken, ct, body); status != 200 || reply != `{"result":"ok"}` {
			t.Errorf("%q: %d %s", ct, status, reply)
		}
	}
	if st := f.store.Stats(); st.Leads != 7 || st.Messages != 7 {
		t.Errorf("stats %+v", st)
	}
}

func TestJivoChatRoundTrip(t *testing.T) {
	var now atomic.Int64
	now.Store(time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC).UnixNano())
	f := newFixture(t, func(c *Config) { c.Now = func() time.Time { return time.Unix(0, now.Load()) } })
	f.start(t)
	status, reply := f.post(t, "/webhooks/jivochat/"+testToken, "application/json", readRef(t, "chat_accepted"))
	if status != 200 {
		t.Fatalf("%d %s", status, reply)
	}
	var r struct {
		Result  string `json:"result"`
		CRMLink string `json:"crm_link"`
	}
	if err := json.Unmarshal([]byte(reply), &r); err != nil || r.Result != "ok" || !strings.HasPrefix(r.CRMLink, "selo://leads/") {
		t.Errorf("reply %s", reply)
	}
	st := f.srv.Status()
	if !st.Running || st.Events != 1 || !st.LastEventAt.Equal(time.Unix(0, now.Load())) {
		t.Errorf("status %+v", st)
	}
	resp, err := f.client.Get(f.url + "/health")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(b) != "ok" {
		t.Errorf("health %d %q", resp.StatusCode, b)
	}
}

func TestRevocationIsImmediate(t *testing.T) {
	f := newFixture(t, nil)
	f.start(t)
	second := "tok_second_0000000000000000000000000000000abcd"
	f.tokens.Add(second, "integration-2")
	body := func(i int) []byte {
		return []byte(fmt.Sprintf(`{"event_name":"offline_message","offline_message_id":%d,"visitor":{"phone":"1199999%04d"},"message":"oi"}`, i, i))
	}
	if s, _ := f.post(t, "/webhooks/jivochat/"+testToken, "application/json", body(1)); s != 200 {
		t.Fatalf("before revocation: %d", s)
	}
	f.tokens.Revoke(testToken)
	before := f.store.Stats()
	if s, _ := f.post(t, "/webhooks/jivochat/"+testToken, "application/json", body(2)); s != 401 {
		t.Errorf("revoked token: %d", s)
	}
	if f.store.Stats() != before {
		t.Error("revoked token stored something")
	}
	if s, _ := f.post(t, "/webhooks/jivochat/"+second, "application/json", body(3)); s != 200 {
		t.Errorf("other token after revocation: %d", s)
	}
}

// slowHandler blocks until released, to hold a request in flight.
type slowHandler struct {
	entered chan struct{}
	release chan struct{}
	inner   WebhookHandler
}

func (s *slowHandler) Handle(ctx context.Context, body []byte) ([]byte, int) {
	s.entered <- struct{}{}
	<-s.release
	return s.inner.Handle(ctx, body)
}

func TestGracefulShutdownFinishesInFlight(t *testing.T) {
	slow := &slowHandler{entered: make(chan struct{}, 1), release: make(chan struct{})}
	f := newFixture(t, nil)
	slow.inner = f.srv.cfg.JivoChat
	cfg := f.srv.cfg
	cfg.JivoChat = slow
	if err := f.srv.Reconfigure(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	f.start(t)
	done := make(chan int, 1)
	go func() {
		s, _ := f.post(t, "/webhooks/jivochat/"+testToken, "application/json", readRef(t, "offline_message"))
		done <- s
	}()
	<-slow.entered
	shut := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		shut <- f.srv.Shutdown(ctx)
	}()
	// New connections are refused once Shutdown has closed the listener.
	deadline := time.Now().Add(5 * time.Second)
	for {
		c := &http.Client{Timeout: time.Second}
		resp, err := c.Get(f.url + "/health")
		if err != nil {
			break
		}
		resp.Body.Close()
		if time.Now().After(deadline) {
			t.Fatal("listener still accepting during shutdown")
		}
		time.Sleep(10 * time.Millisecond)
	}
	close(slow.release)
	if s := <-done; s != 200 {
		t.Errorf("in-flight request got %d", s)
	}
	if err := <-shut; err != nil {
		t.Errorf("shutdown: %v", err)
	}
	if st := f.store.Stats(); st.Leads != 1 || st.Messages != 1 {
		t.Errorf("in-flight event lost: %+v", st)
	}
	if f.srv.Status().Running {
		t.Error("still running")
	}
}

func TestShutdownDeadlineCancelsHandler(t *testing.T) {
	slow := &slowHandler{entered: make(chan struct{}, 1), release: make(chan struct{})}
	f := newFixture(t, nil)
	slow.inner = f.srv.cfg.JivoChat
	cfg := f.srv.cfg
	cfg.JivoChat = slow
	_ = f.srv.Reconfigure(context.Background(), cfg)
	f.start(t)
	go func() {
		req, _ := http.NewRequest("POST", f.url+"/webhooks/jivochat/"+testToken, bytes.NewReader(readRef(t, "offline_message")))
		if resp, err := f.client.Do(req); err == nil {
			resp.Body.Close()
		}
	}()
	<-slow.entered
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	errc := make(chan error, 1)
	go func() { errc <- f.srv.Shutdown(ctx) }()
	select {
	case err := <-errc:
		t.Fatalf("Shutdown returned %v while a handler was blocked", err)
	case <-time.After(300 * time.Millisecond):
	}
	close(slow.release) // the handler resumes with a cancelled context
	if err := <-errc; err == nil {
		t.Error("expected the deadline error")
	}
	if st := f.store.Stats(); st != (jivochat.Stats{}) {
		t.Errorf("a cancelled request committed: %+v", st)
	}
}

func TestStartStopRepeatedly(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	if err := f.srv.Shutdown(ctx); err != nil {
		t.Fatal("shutdown when stopped:", err)
	}
	for i := range 3 {
		f.start(t)
		if err := f.srv.Start(); err != nil {
			t.Fatal("second Start:", err)
		}
		if s, _ := f.post(t, "/webhooks/jivochat/"+testToken, "application/json",
			[]byte(fmt.Sprintf(`{"event_name":"client_updated","client_id":"%d","visitor":{"email":"r%d@exemplo.com.br"}}`, i, i))); s != 200 {
			t.Fatalf("round %d: %d", i, s)
		}
		if err := f.srv.Shutdown(ctx); err != nil {
			t.Fatal(err)
		}
		if err := f.srv.Shutdown(ctx); err != nil {
			t.Fatal(err)
		}
		if st := f.srv.Status(); st.Running || st.Addr != "" || st.Events != int64(i+1) || st.LastEventAt.IsZero() {
			t.Fatalf("status after stop %+v", st)
		}
	}
	// A port in use is reported, and the server can still start elsewhere.
	f.start(t)
	taken := f.srv.Status().Addr
	other, _ := New(Config{Host: "127.0.0.1", Port: portOf(t, taken), JivoChat: f.srv.cfg.JivoChat, Tokens: f.srv.cfg.Tokens})
	err := other.Start()
	if err == nil || !strings.Contains(err.Error(), CodeListenFailed) {
		t.Errorf("port in use: %v", err)
	} else if got := crm.AsError(err).Data["reason"]; got != "in_use" {
		// The start-up notice says "in use by another program" only then.
		t.Errorf("reason = %v, want in_use", got)
	}
	if other.Status().Running || other.Status().LastError == "" {
		t.Errorf("status %+v", other.Status())
	}
}

func TestReconfigureChangesPort(t *testing.T) {
	f := newFixture(t, nil)
	f.start(t)
	cfg := f.srv.cfg
	cfg.Port = 0
	cfg.BodyLimit = 100
	if err := f.srv.Reconfigure(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	st := f.srv.Status()
	if !st.Running || st.Addr == "" {
		t.Fatalf("%+v", st)
	}
	f.url = "http://" + st.Addr
	if s, _ := f.post(t, "/webhooks/jivochat/"+testToken, "application/json", readRef(t, "chat_finished")); s != 413 {
		t.Errorf("new limit not applied: %d", s)
	}
	if _, err := New(Config{Tokens: f.srv.cfg.Tokens}); err == nil {
		t.Error("config without JivoChat accepted")
	}
}

func TestClicksignPlumbing(t *testing.T) {
	var gotKey, gotSig string
	var gotBody []byte
	f := newFixture(t, func(c *Config) {
		c.Clicksign = ClicksignFunc(func(_ context.Context, keyID string, h http.Header, body []byte) (int, []byte) {
			gotKey, gotSig, gotBody = keyID, h.Get("Content-Hmac"), body
			return http.StatusOK, []byte(`{}`)
		})
	})
	srv := httptest.NewServer(f.srv.Handler())
	defer srv.Close()
	f.url = srv.URL
	req, _ := http.NewRequest("POST", srv.URL+"/webhooks/clicksign/key-42", strings.NewReader(`{"event":{"name":"sign"}}`))
	req.Header.Set("Content-Hmac", "sha256=abc")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || gotKey != "key-42" || gotSig != "sha256=abc" || string(gotBody) != `{"event":{"name":"sign"}}` {
		t.Errorf("%d %q %q %q", resp.StatusCode, gotKey, gotSig, gotBody)
	}
}

func TestHandlerTimeout(t *testing.T) {
	slow := &slowHandler{entered: make(chan struct{}, 1), release: make(chan struct{})}
	f := newFixture(t, func(c *Config) { c.HandlerTimeout = 50 * time.Millisecond })
	slow.inner = f.srv.cfg.JivoChat
	cfg := f.srv.cfg
	cfg.JivoChat = slow
	_ = f.srv.Reconfigure(context.Background(), cfg)
	f.start(t)
	go func() {
		<-slow.entered
		time.Sleep(150 * time.Millisecond)
		close(slow.release)
	}()
	if s, _ := f.post(t, "/webhooks/jivochat/"+testToken, "application/json", readRef(t, "offline_message")); s != 503 {
		t.Errorf("status %d", s)
	}
	// The handler finishes after the timeout with a cancelled context.
	time.Sleep(200 * time.Millisecond)
	if st := f.store.Stats(); st != (jivochat.Stats{}) {
		t.Errorf("timed-out request committed: %+v", st)
	}
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestLogsHoldNoTokenOrContactData(t *testing.T) {
	var logs syncBuffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	f := newFixture(t, func(c *Config) { c.Logger = logger })
	h, _ := jivochat.NewHandler(jivochat.Config{Store: f.store, Logger: logger})
	cfg := f.srv.cfg
	cfg.JivoChat = h
	_ = f.srv.Reconfigure(context.Background(), cfg)
	f.start(t)
	wrong := "wrong-token-that-must-not-be-logged-9f8e"
	f.post(t, "/webhooks/jivochat/"+wrong, "application/json", readRef(t, "chat_finished"))
	f.post(t, "/webhooks/jivochat/"+testToken, "application/json", readRef(t, "chat_finished"))
	f.post(t, "/webhooks/jivochat/"+testToken, "application/json", []byte(`{"event_name":`))
	out := logs.String()
	for _, secret := range []string{testToken, testToken[:len(testToken)-4], wrong, wrong[:len(wrong)-4],
		"maria@exemplo.com.br", "988887777", "Maria Souza"} {
		if strings.Contains(out, secret) {
			t.Errorf("log contains %q:\n%s", secret, out)
		}
	}
	if !strings.Contains(out, "token_last4=9f8e") || !strings.Contains(out, "outcome=lead_created") {
		t.Errorf("expected log lines missing:\n%s", out)
	}
}
