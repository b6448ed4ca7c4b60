package leads_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/inbound"
	"selo/backend/jivochat"
	"selo/backend/leads"
	"selo/backend/secrets"
	"selo/backend/sqlstore"
	"selo/backend/users"
)

type notice struct{ id, name string }

type fixture struct {
	db      *sqlstore.DB
	sec     *secrets.Memory
	users   *users.Service
	svc     *leads.Service
	gestor  crm.User
	token   users.GeneratedToken
	mu      sync.Mutex
	notices []notice
	client  *http.Client
}

// testClock advances one second per reading, so every test event has its
// own chat id (SampleChatFinished uses the second as chat id).
func testClock() func() time.Time {
	base := time.Now().UTC().Truncate(time.Second)
	var n atomic.Int64
	return func() time.Time { return base.Add(time.Duration(n.Add(1)) * time.Second) }
}

func newFixture(t *testing.T, store func(*sqlstore.DB) leads.Store) *fixture {
	t.Helper()
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, filepath.Join(t.TempDir(), "selo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f := &fixture{db: db, sec: secrets.NewMemory(),
		client: &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{Proxy: nil}}}
	t.Cleanup(f.client.CloseIdleConnections)
	f.users = users.New(db.Users(), f.sec, nil)
	if f.gestor, err = f.users.CreateUser(ctx, crm.UserInput{Name: "Gestora Ana", Email: "ana@imob.com.br", Role: crm.RoleGestor}); err != nil {
		t.Fatal(err)
	}
	if f.token, err = f.users.GenerateToken(ctx, f.gestor.ID, "JivoChat"); err != nil {
		t.Fatal(err)
	}
	var st leads.Store = db.Leads()
	if store != nil {
		st = store(db)
	}
	f.svc = f.newService(t, st)
	return f
}

func (f *fixture) newService(t *testing.T, st leads.Store) *leads.Service {
	t.Helper()
	svc, err := leads.New(leads.Options{Store: st, Settings: f.db, Users: f.users, Now: testClock(),
		OnNewLead: func(id, name string) {
			f.mu.Lock()
			f.notices = append(f.notices, notice{id, name})
			f.mu.Unlock()
		}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = svc.Stop(ctx)
	})
	return svc
}

func (f *fixture) seenNotices() []notice {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.notices)
}

// freePort asks the OS for a port nobody listens on right now.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func (f *fixture) config(port int) leads.IntegrationConfig {
	return leads.IntegrationConfig{UserID: f.gestor.ID, TokenID: f.token.Token.ID,
		PublicBaseURL: "https://crm.imobiliaria.com.br/", ListenPort: port}
}

func (f *fixture) post(t *testing.T, url string) int {
	t.Helper()
	resp, err := f.client.Post(url, "application/json", bytes.NewReader(jivochat.SampleChatFinished(time.Now())))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode
}

func problems(err error) []string {
	var inv *crm.Invalid
	if !errors.As(err, &inv) {
		return []string{"not invalid: " + crm.AsError(err).Code}
	}
	var out []string
	for _, p := range inv.Problems {
		s := p.Field + ":" + p.Code
		if r, ok := p.Data["reason"]; ok {
			s += "/" + r.(string)
		}
		out = append(out, s)
	}
	return out
}

func TestConfigureValidation(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	corretor, _ := f.users.CreateUser(ctx, crm.UserInput{Name: "Corretor Bruno", Email: "bruno@imob.com.br", Role: crm.RoleCorretor})
	corretorTok, _ := f.users.GenerateToken(ctx, corretor.ID, "JivoChat")
	inactive, _ := f.users.CreateUser(ctx, crm.UserInput{Name: "Gestor Carlos", Email: "carlos@imob.com.br", Role: crm.RoleGestor})
	if _, err := f.users.Deactivate(ctx, inactive.ID); err != nil {
		t.Fatal(err)
	}
	revoked, _ := f.users.GenerateToken(ctx, f.gestor.ID, "Antigo")
	if _, err := f.users.RevokeToken(ctx, revoked.Token.ID); err != nil {
		t.Fatal(err)
	}
	lost, _ := f.users.GenerateToken(ctx, f.gestor.ID, "Perdido")
	_ = f.sec.Delete(ctx, users.SecretKey(lost.Token.ID))

	good := f.config(0)
	with := func(mut func(*leads.IntegrationConfig)) leads.IntegrationConfig {
		c := good
		mut(&c)
		return c
	}
	cases := []struct {
		name string
		in   leads.IntegrationConfig
		want []string
	}{
		{"empty", leads.IntegrationConfig{}, []string{"userId:field.required", "tokenId:field.required", "publicBaseUrl:field.required"}},
		{"missing user and token", with(func(c *leads.IntegrationConfig) { c.UserID, c.TokenID = 999, 999 }),
			[]string{"userId:not_found", "tokenId:not_found"}},
		{"corretor", with(func(c *leads.IntegrationConfig) { c.UserID, c.TokenID = corretor.ID, corretorTok.Token.ID }),
			[]string{"userId:jivochat.user_not_gestor"}},
		{"inactive gestor", with(func(c *leads.IntegrationConfig) { c.UserID = inactive.ID }),
			[]string{"userId:jivochat.user_inactive", "tokenId:jivochat.token_not_owned"}},
		{"someone else's token", with(func(c *leads.IntegrationConfig) { c.TokenID = corretorTok.Token.ID }),
			[]string{"tokenId:jivochat.token_not_owned"}},
		{"revoked token", with(func(c *leads.IntegrationConfig) { c.TokenID = revoked.Token.ID }),
			[]string{"tokenId:jivochat.token_revoked"}},
		{"token lost by the keyring", with(func(c *leads.IntegrationConfig) { c.TokenID = lost.Token.ID }),
			[]string{"tokenId:token.secret_missing"}},
		{"ftp", with(func(c *leads.IntegrationConfig) { c.PublicBaseURL = "ftp://x.com.br" }), []string{"publicBaseUrl:jivochat.public_url_invalid/scheme"}},
		{"no scheme", with(func(c *leads.IntegrationConfig) { c.PublicBaseURL = "crm.imobiliaria.com.br" }), []string{"publicBaseUrl:jivochat.public_url_invalid/scheme"}},
		{"query", with(func(c *leads.IntegrationConfig) { c.PublicBaseURL = "https://x.com.br/?a=1" }), []string{"publicBaseUrl:jivochat.public_url_invalid/query"}},
		{"fragment", with(func(c *leads.IntegrationConfig) { c.PublicBaseURL = "https://x.com.br/#a" }), []string{"publicBaseUrl:jivochat.public_url_invalid/fragment"}},
		{"credentials", with(func(c *leads.IntegrationConfig) { c.PublicBaseURL = "https://u:p@x.com.br" }), []string{"publicBaseUrl:jivochat.public_url_invalid/credentials"}},
		{"no host", with(func(c *leads.IntegrationConfig) { c.PublicBaseURL = "https:///path" }), []string{"publicBaseUrl:jivochat.public_url_invalid/host"}},
		{"host and port", with(func(c *leads.IntegrationConfig) { c.ListenHost, c.ListenPort = "localhost", 70000 }),
			[]string{"listenHost:jivochat.listen_host_invalid", "listenPort:field.out_of_range"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := f.svc.Configure(ctx, c.in)
			if got := problems(err); !slices.Equal(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
	if c, _ := f.svc.Config(ctx); c.Configured {
		t.Fatal("an invalid configuration was saved")
	}
	if _, err := f.svc.IntegrationURL(ctx); !errors.Is(err, crm.E(leads.CodeNotConfigured)) {
		t.Errorf("IntegrationURL before configuring: %v", err)
	}

	c, err := f.svc.Configure(ctx, with(func(c *leads.IntegrationConfig) {
		c.PublicBaseURL, c.ListenHost = " HTTPS://Tunel.Exemplo.com:8443/selo/ ", "0.0.0.0"
	}))
	if err != nil {
		t.Fatal(err)
	}
	if !c.Configured || c.PublicBaseURL != "https://tunel.exemplo.com:8443/selo" || c.ListenHost != "0.0.0.0" ||
		c.ListenPort != inbound.DefaultPort {
		t.Fatalf("saved %+v", c)
	}
	if again, _ := f.svc.Config(ctx); again != c {
		t.Fatalf("read back %+v, want %+v", again, c)
	}
	u, err := f.svc.IntegrationURL(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if u.PublicURL != "https://tunel.exemplo.com:8443/selo/webhooks/jivochat/"+f.token.Plain ||
		u.LocalURL != "http://127.0.0.1:"+strconv.Itoa(inbound.DefaultPort)+"/webhooks/jivochat/"+f.token.Plain ||
		u.UserName != "Gestora Ana" || u.TokenName != "JivoChat" || u.TokenLast4 != f.token.Token.Last4 {
		t.Errorf("urls %+v", u)
	}
	// The office deactivates the gestor: the URL is refused with the reason.
	if _, err := f.users.Deactivate(ctx, f.gestor.ID); err != nil {
		t.Fatal(err)
	}
	if got := problems(func() error { _, err := f.svc.IntegrationURL(ctx); return err }()); !slices.Equal(got, []string{"userId:jivochat.user_inactive"}) {
		t.Errorf("IntegrationURL of an inactive gestor: %v", got)
	}
	st, err := f.svc.Status(ctx)
	if err != nil || st.Problem != leads.CodeUserInactive || st.Running {
		t.Errorf("status %+v %v", st, err)
	}
}

// TestEndToEnd configures the integration, runs the listener on loopback and
// drives it like the app and JivoChat would.
func TestEndToEnd(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	if err := f.svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if st, _ := f.svc.Status(ctx); st.Running || st.Configured {
		t.Fatalf("running before configuration: %+v", st)
	}
	if _, err := f.svc.SendTestEvent(ctx); !errors.Is(err, crm.E(leads.CodeNotConfigured)) {
		t.Errorf("test event before configuration: %v", err)
	}
	port := freePort(t)
	if _, err := f.svc.Configure(ctx, f.config(port)); err != nil {
		t.Fatal(err)
	}
	st, err := f.svc.Status(ctx)
	if err != nil || !st.Running || st.Address != "127.0.0.1:"+strconv.Itoa(port) || st.StartedAt == nil || st.Problem != "" {
		t.Fatalf("status after configuring: %+v %v", st, err)
	}

	id, err := f.svc.SendTestEvent(ctx)
	if err != nil {
		t.Fatal(err)
	}
	d, err := f.svc.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if d.Name != "Mariana Albuquerque" || len(d.Messages) != 8 || d.Attribution.UTMSource != "instagram" ||
		d.Messages[0].Author != crm.AuthorSystem || d.Messages[7].Text != "Perfeito, obrigada!" {
		t.Errorf("lead %+v", d)
	}
	if n := f.seenNotices(); len(n) != 1 || n[0] != (notice{id, "Mariana Albuquerque"}) {
		t.Errorf("notices %+v", n)
	}
	// A second press is a new chat of the same visitor: same lead, no new
	// notice, the transcript grows.
	id2, err := f.svc.SendTestEvent(ctx)
	if err != nil || id2 != id {
		t.Fatalf("second test event: %q %v", id2, err)
	}
	if n := f.seenNotices(); len(n) != 1 {
		t.Errorf("an updated lead notified: %+v", n)
	}
	st, _ = f.svc.Status(ctx)
	if st.EventsAccepted != 2 || st.RawEvents != 2 || st.Leads != 1 || st.LastEventAt == nil {
		t.Errorf("status %+v", st)
	}

	// The URL JivoChat would use, through the public path's local twin.
	u, err := f.svc.IntegrationURL(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s := f.post(t, u.LocalURL); s != http.StatusOK {
		t.Fatalf("local URL: %d", s)
	}

	// Moving the port moves the listener.
	port2 := freePort(t)
	if _, err := f.svc.Configure(ctx, f.config(port2)); err != nil {
		t.Fatal(err)
	}
	if st, _ := f.svc.Status(ctx); !st.Running || st.Address != "127.0.0.1:"+strconv.Itoa(port2) || st.EventsAccepted != 3 {
		t.Fatalf("after the port change: %+v", st)
	}
	if _, err := f.client.Post(u.LocalURL, "application/json", strings.NewReader(`{}`)); err == nil {
		t.Error("the old port still answers")
	}
	u2, _ := f.svc.IntegrationURL(ctx)
	if !strings.Contains(u2.LocalURL, ":"+strconv.Itoa(port2)+"/") {
		t.Errorf("local URL %q", u2.LocalURL)
	}

	// Revoking the token stops the URL at once, and says why.
	if _, err := f.users.RevokeToken(ctx, f.token.Token.ID); err != nil {
		t.Fatal(err)
	}
	before, _ := f.svc.Status(ctx)
	if s := f.post(t, u2.LocalURL); s != http.StatusUnauthorized {
		t.Fatalf("revoked token: %d", s)
	}
	after, _ := f.svc.Status(ctx)
	if after.RawEvents != before.RawEvents || after.EventsRejected != before.EventsRejected+1 || after.Problem != leads.CodeTokenRevoked {
		t.Errorf("after revoking: %+v", after)
	}
	if _, err := f.svc.SendTestEvent(ctx); err == nil {
		t.Error("test event with a revoked token")
	}

	// A new token, and a restart of the app with a new Service: the saved
	// configuration starts the listener.
	g2, err := f.users.GenerateToken(ctx, f.gestor.ID, "JivoChat")
	if err != nil {
		t.Fatal(err)
	}
	cfg := f.config(port2)
	cfg.TokenID = g2.Token.ID
	if _, err := f.svc.Configure(ctx, cfg); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if st, _ := f.svc.Status(ctx); st.Running {
		t.Fatal("still running after Stop")
	}
	if _, err := f.svc.SendTestEvent(ctx); !errors.Is(err, crm.E(leads.CodeListenerStopped)) {
		t.Errorf("test event while stopped: %v", err)
	}
	svc2 := f.newService(t, f.db.Leads())
	if err := svc2.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if st, _ := svc2.Status(ctx); !st.Running || st.Address != "127.0.0.1:"+strconv.Itoa(port2) {
		t.Fatalf("restart: %+v", st)
	}
	if _, err := svc2.SendTestEvent(ctx); err != nil {
		t.Fatalf("test event after restart: %v", err)
	}
}

func TestPortTaken(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if err := f.svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.Configure(ctx, f.config(ln.Addr().(*net.TCPAddr).Port))
	if !errors.Is(err, crm.E(inbound.CodeListenFailed)) {
		t.Fatalf("err = %v", err)
	}
	st, _ := f.svc.Status(ctx)
	if st.Running || !st.Configured || st.Problem != inbound.CodeListenFailed {
		t.Fatalf("status %+v", st)
	}
	// Choosing a free port recovers.
	if _, err := f.svc.Configure(ctx, f.config(freePort(t))); err != nil {
		t.Fatal(err)
	}
	if st, _ := f.svc.Status(ctx); !st.Running || st.Problem != "" {
		t.Fatalf("status %+v", st)
	}
}

// failingCommit lets the event run in a real transaction and then fails it.
type failingCommit struct{ *sqlstore.Leads }

func (f failingCommit) Apply(ctx context.Context, fn func(jivochat.Tx) error) error {
	return f.Leads.Apply(ctx, func(tx jivochat.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return errors.New("disk full")
	})
}

func TestNoNoticeWhenNothingCommitted(t *testing.T) {
	f := newFixture(t, func(db *sqlstore.DB) leads.Store { return failingCommit{db.Leads()} })
	_, status := f.svc.Handler().Handle(context.Background(), jivochat.SampleChatFinished(time.Now()))
	if status != http.StatusInternalServerError {
		t.Fatalf("status %d", status)
	}
	if n := f.seenNotices(); len(n) != 0 {
		t.Fatalf("notified a rolled-back lead: %+v", n)
	}
	if p, _ := f.svc.List(context.Background(), leads.Filter{}); p.Total != 0 {
		t.Fatalf("stored %+v", p)
	}
}

func TestLeadScreens(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	h := f.svc.Handler()
	for _, body := range []string{
		`{"event_name":"offline_message","offline_message_id":1,"visitor":{"name":"João Pereira","email":"joao@exemplo.com.br"},"message":"Quero visitar."}`,
		`{"event_name":"offline_message","offline_message_id":2,"visitor":{"name":"Maria Souza","phone":"(11) 98888-7777"},"message":"Qual o valor?"}`,
	} {
		if _, status := h.Handle(ctx, []byte(body)); status != http.StatusOK {
			t.Fatalf("status %d", status)
		}
	}
	if n := f.seenNotices(); len(n) != 2 || n[0].name != "João Pereira" {
		t.Errorf("notices %+v", n)
	}
	p, err := f.svc.List(ctx, leads.Filter{Search: "  JOAO "})
	if err != nil || p.Total != 1 || p.Items[0].LastMessage != "Quero visitar." {
		t.Fatalf("search %+v %v", p, err)
	}
	if p, _ := f.svc.List(ctx, leads.Filter{Search: "98888"}); p.Total != 1 || p.Items[0].Name != "Maria Souza" {
		t.Errorf("phone search %+v", p)
	}
	if _, err := f.svc.List(ctx, leads.Filter{Stage: "won"}); !errors.Is(err, crm.E(crm.CodeLeadStageInvalid)) {
		t.Errorf("bad stage filter: %v", err)
	}
	d, err := f.svc.SetStage(ctx, p.Items[0].ID, crm.LeadDiscarded)
	if err != nil || d.Stage != crm.LeadDiscarded || len(d.Messages) != 1 {
		t.Fatalf("SetStage %+v %v", d, err)
	}
	if p, _ := f.svc.List(ctx, leads.Filter{Stage: crm.LeadDiscarded}); p.Total != 1 {
		t.Errorf("stage filter %+v", p)
	}
	if _, err := f.svc.SetStage(ctx, p.Items[0].ID, "ganho"); !errors.Is(err, crm.E(crm.CodeLeadStageInvalid)) {
		t.Errorf("bad stage: %v", err)
	}
	if _, err := f.svc.Get(ctx, "nope"); !errors.Is(err, crm.E(crm.CodeNotFound)) {
		t.Errorf("missing lead: %v", err)
	}
	if _, err := f.svc.SetStage(ctx, "nope", crm.LeadNew); !errors.Is(err, crm.E(crm.CodeNotFound)) {
		t.Errorf("missing lead: %v", err)
	}
}

func TestFoldAndSearchTerm(t *testing.T) {
	for in, want := range map[string]string{
		"João":              "joao",
		"  (11) 98765-4321": "11987654321",
		"ana@EXEMPLO.com":   "ana@exemplo.com",
		"Conceição 2":       "conceicao 2",
		"":                  "",
		"12":                "12",
	} {
		if got := leads.SearchTerm(in); got != want {
			t.Errorf("SearchTerm(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLogsHoldNoTokenOrContactData runs the whole path with a logger and
// looks for the token, e-mail, phone and visitor name in what was written.
func TestLogsHoldNoTokenOrContactData(t *testing.T) {
	var buf syncBuffer
	log := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	f := newFixture(t, nil)
	ctx := context.Background()
	f.users = users.New(f.db.Users(), f.sec, log)
	g, err := f.users.GenerateToken(ctx, f.gestor.ID, "Outro")
	if err != nil {
		t.Fatal(err)
	}
	svc, err := leads.New(leads.Options{Store: f.db.Leads(), Settings: f.db, Users: f.users, Logger: log, Now: testClock()})
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Stop(ctx)
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	cfg := f.config(freePort(t))
	cfg.TokenID = g.Token.ID
	if _, err := svc.Configure(ctx, cfg); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.SendTestEvent(ctx); err != nil {
		t.Fatal(err)
	}
	u, _ := svc.IntegrationURL(ctx)
	if _, err := f.users.RevokeToken(ctx, g.Token.ID); err != nil {
		t.Fatal(err)
	}
	_ = f.post(t, u.LocalURL)
	out := buf.String()
	if !strings.Contains(out, "jivochat event") {
		t.Fatalf("nothing logged: %s", out)
	}
	for _, secret := range []string{g.Plain, "mariana", "Mariana", "98765", "ana@imob.com.br"} {
		if strings.Contains(out, secret) {
			t.Errorf("log holds %q:\n%s", secret, out)
		}
	}
}

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
