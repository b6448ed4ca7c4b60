package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"selo/backend/clicksign"
	"selo/backend/crm"
	"selo/backend/jivochat"
	"selo/backend/leads"
	"selo/backend/secrets"
	"selo/backend/server"
	"selo/backend/signing"
	"selo/backend/sqlstore"
	"selo/backend/users"

	"github.com/BurntSushi/toml"
)

// serverFixture is an office database set up as the desktop would leave it
// (a gestor's JivoChat token configured, a Clicksign key with webhooks on)
// and a server config whose secrets are 0600 files.
type serverFixture struct {
	pg         sqlstore.PostgresConfig
	dir        string
	configPath string
	jivoToken  string
	keyID      int64
	secret     string
}

func newServerFixture(t *testing.T) *serverFixture {
	t.Helper()
	dsn := os.Getenv("SELO_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("SELO_TEST_POSTGRES is not set (build/scripts/pg.sh start DIR gives one)")
	}
	ctx := context.Background()
	f := &serverFixture{pg: freshOfficeDatabase(t, dsn), dir: t.TempDir(), secret: "segredo-do-webhook"}
	db, err := sqlstore.OpenPostgres(ctx, f.pg)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	mem := secrets.NewMemory()
	people := users.New(db.Users(), mem, nil)
	gestor, err := people.CreateUser(ctx, crm.UserInput{Name: "Ana Gestora", Email: "ana@imobiliaria.com.br", Role: crm.RoleGestor})
	if err != nil {
		t.Fatal(err)
	}
	tok, err := people.GenerateToken(ctx, gestor.ID, "JivoChat")
	if err != nil {
		t.Fatal(err)
	}
	f.jivoToken = tok.Plain
	chat, err := leads.New(leads.Options{Store: db.Leads(), Settings: db, Users: people})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chat.Configure(ctx, leads.IntegrationConfig{UserID: gestor.ID, TokenID: tok.Token.ID,
		PublicBaseURL: "https://crm.imobiliaria.com.br/"}); err != nil {
		t.Fatal(err)
	}
	err = db.Integrations().Tx(ctx, func(tx crm.IntegrationTx) error {
		f.keyID, err = tx.Insert(ctx, crm.NormalizedIntegration{Description: "Clicksign", Environment: crm.EnvSandbox}, "abcd", time.Now())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	if err := db.Webhooks().SaveWebhook(ctx, signing.WebhookConfig{IntegrationID: f.keyID, Mode: signing.WebhookManual,
		CreatedAt: now, UpdatedAt: now}); err != nil {
		t.Fatal(err)
	}
	f.writeConfig(t, f.pg.Password)
	return f
}

// writeConfig writes the secrets (0600) and the config, with password as
// the database password.
func (f *serverFixture) writeConfig(t *testing.T, password string) {
	t.Helper()
	write := func(name, value string) string {
		p := filepath.Join(f.dir, name)
		if err := os.WriteFile(p, []byte(value+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cfg := server.Config{
		Database: server.Database{Host: f.pg.Host, Port: f.pg.Port, Database: f.pg.Database, User: f.pg.User,
			TLS: "disable", PasswordFile: write("db-password", password)},
		Web:      server.Web{Listen: "127.0.0.1:0", PublicURL: "https://selo.imobiliaria.com.br/"},
		JivoChat: server.JivoChat{TokenFile: write("jivochat-token", f.jivoToken)},
		Clicksign: []server.ClicksignKey{{KeyID: f.keyID, TokenFile: write("cs-token", "token-da-clicksign"),
			WebhookSecretFile: write("cs-secret", f.secret)}},
	}
	// Written as TOML, as an office writes it, so the tests read the
	// file format too.
	var b bytes.Buffer
	if err := toml.NewEncoder(&b).Encode(cfg); err != nil {
		t.Fatal(err)
	}
	f.configPath = filepath.Join(f.dir, "server.toml")
	if err := os.WriteFile(f.configPath, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func (f *serverFixture) count(t *testing.T, db *sqlstore.DB, query string) int {
	t.Helper()
	var n int
	if err := db.QueryRowContext(context.Background(), query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func post(t *testing.T, url string, header http.Header, body []byte) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServerReceivesWebhooksHoldsTheLeaseAndAnswersHealth(t *testing.T) {
	f := newServerFixture(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan string, 1)
	done := make(chan error, 1)
	log := slog.New(slog.DiscardHandler)
	go func() { done <- runServer(ctx, f.configPath, false, io.Discard, log, func(a string) { ready <- a }) }()
	var base string
	select {
	case a := <-ready:
		base = "http://" + a
	case err := <-done:
		t.Fatalf("server did not start: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("server did not start within 20 s")
	}
	db, err := sqlstore.OpenPostgres(context.Background(), f.pg)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	// JivoChat: a wrong token stores nothing; the gestor's token stores the
	// lead, and the same event delivered again is the same lead.
	body := jivochat.SampleChatFinished(time.Now())
	if st, _ := post(t, base+"/webhooks/jivochat/token-errado", nil, body); st != http.StatusUnauthorized {
		t.Fatalf("wrong JivoChat token: %d, want 401", st)
	}
	if n := f.count(t, db, `SELECT COUNT(*) FROM leads`); n != 0 {
		t.Fatalf("%d leads after a refused event", n)
	}
	for i := range 2 {
		if st, reply := post(t, base+"/webhooks/jivochat/"+f.jivoToken, nil, body); st != http.StatusOK {
			t.Fatalf("JivoChat delivery %d: %d %s", i+1, st, reply)
		}
		// 200 means committed: the lead is there at once.
		if n := f.count(t, db, `SELECT COUNT(*) FROM leads`); n != 1 {
			t.Fatalf("after delivery %d: %d leads, want 1", i+1, n)
		}
	}

	// Clicksign: a bad Content-Hmac is refused and leaves no trace; the
	// right one is accepted and recorded on the key's webhook.
	cs := []byte(`{"event":{"name":"sign","occurred_at":"2026-12-07T04:00:00Z"},"document":{"key":"0b6f1c3e-8d2a-4f5b-9c7e-1a2b3c4d5e6f"}}`)
	url := base + signing.WebhookPath(f.keyID)
	bad := http.Header{clicksign.HeaderContentHmac: {clicksign.SignWebhook("outro-segredo", cs)}}
	if st, _ := post(t, url, bad, cs); st != http.StatusUnauthorized {
		t.Fatalf("bad HMAC: %d, want 401", st)
	}
	if w, _, _ := db.Webhooks().Webhook(context.Background(), f.keyID); !w.LastDeliveryAt.IsZero() {
		t.Fatalf("a refused delivery was recorded at %v", w.LastDeliveryAt)
	}
	good := http.Header{clicksign.HeaderContentHmac: {clicksign.SignWebhook(f.secret, cs)}}
	if st, reply := post(t, url, good, cs); st != http.StatusOK {
		t.Fatalf("good HMAC: %d %s, want 200", st, reply)
	}
	if w, _, _ := db.Webhooks().Webhook(context.Background(), f.keyID); w.LastDeliveryAt.IsZero() {
		t.Fatal("an accepted delivery left no trace on the key's webhook")
	}

	// /health: the version and a reachable database.
	resp, err := http.Get(base + "/health")
	if err != nil {
		t.Fatal(err)
	}
	var h server.HealthReport
	err = json.NewDecoder(resp.Body).Decode(&h)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK || h.Version != version || !h.Database {
		t.Fatalf("health: %d %+v %v", resp.StatusCode, h, err)
	}

	// The server holds the sync lease: a desktop asking for it is refused.
	deadline := time.Now().Add(10 * time.Second)
	for {
		hold, err := db.SyncLease().TryAcquire(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if hold == nil {
			break
		}
		hold.Release()
		if time.Now().After(deadline) {
			t.Fatal("the running server does not hold the sync lease")
		}
		time.Sleep(100 * time.Millisecond)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("server stopped with %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("server did not stop within 30 s")
	}
	// Stopped, it gives the lease up for a desktop to take.
	deadline = time.Now().Add(40 * time.Second)
	for {
		hold, err := db.SyncLease().TryAcquire(context.Background())
		if err == nil && hold != nil {
			hold.Release()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the stopped server still holds the sync lease (%v)", err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func TestServerCheck(t *testing.T) {
	f := newServerFixture(t)
	check := func() (int, string, string) {
		var out, errOut bytes.Buffer
		code := serverMain([]string{"--config", f.configPath, "--check"}, &out, &errOut)
		return code, out.String(), errOut.String()
	}
	code, out, errOut := check()
	want := []string{"https://selo.imobiliaria.com.br/webhooks/jivochat/" + f.jivoToken,
		fmt.Sprintf("https://selo.imobiliaria.com.br/webhooks/clicksign/%d", f.keyID)}
	for _, w := range want {
		if code != 0 || !strings.Contains(out, w) {
			t.Fatalf("good config: exit %d, stdout %q stderr %q; want %q", code, out, errOut, w)
		}
	}

	// A token file others can read is refused, naming the field.
	if err := os.Chmod(filepath.Join(f.dir, "cs-token"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = check()
	if code == 0 || !strings.Contains(errOut, "clicksign[0].token_file") || !strings.Contains(errOut, "chmod 600") {
		t.Fatalf("0644 token file: exit %d, stderr %q", code, errOut)
	}
	os.Chmod(filepath.Join(f.dir, "cs-token"), 0o600)

	// A wrong password: refused, naming the password and the user, in both
	// languages, and the password itself is not printed.
	f.writeConfig(t, "senha-errada")
	code, _, errOut = check()
	if code == 0 || !strings.Contains(errOut, "database.password_file") || !strings.Contains(errOut, "recusou") ||
		!strings.Contains(errOut, "refused") || strings.Contains(errOut, "senha-errada") {
		t.Fatalf("wrong password: exit %d, stderr %q", code, errOut)
	}
}
