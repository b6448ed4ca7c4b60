package main

// DocuSign Connect for a real (Demo) key through the listeners the office
// actually runs (review finding 4): the desktop's, wired by wire(), and
// `selo server`'s. A DocuSign simulator stands in for the account's Connect
// configuration, posting signed JSON SIM messages to the key's route.

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"selo/app"
	"selo/backend/crm"
	"selo/backend/datahome"
	"selo/backend/docusign"
	dssim "selo/backend/docusign/simulator"
	"selo/backend/server"
	"selo/backend/signing"
	"selo/backend/sqlstore"
	"selo/backend/templates"
)

// connectSim is a DocuSign account whose Connect signs with secret. While
// forge is set, its deliveries go out with the signature of another secret
// (an impostor's post of the same message).
type connectSim struct {
	sim    *dssim.Simulator
	client *docusign.Client
	forge  atomic.Bool
}

type forgingTransport struct{ c *connectSim }

func (f forgingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if f.c.forge.Load() && req.Body != nil {
		body, err := io.ReadAll(req.Body)
		if err != nil {
			return nil, err
		}
		req = req.Clone(req.Context())
		req.Body = io.NopCloser(bytes.NewReader(body))
		mac := hmac.New(sha256.New, []byte("segredo-de-outra-pessoa"))
		mac.Write(body)
		req.Header.Set("X-DocuSign-Signature-1", base64.StdEncoding.EncodeToString(mac.Sum(nil)))
	}
	return http.DefaultTransport.RoundTrip(req)
}

type staticTokens struct{ base, account string }

func (s staticTokens) Token(context.Context) (string, string, string, error) {
	return "token-de-teste", s.base, s.account, nil
}

func newConnectSim(t *testing.T, secret string) *connectSim {
	t.Helper()
	c := &connectSim{}
	c.sim = dssim.New(dssim.Options{ConnectSecret: secret,
		ConnectClient: &http.Client{Timeout: 10 * time.Second, Transport: forgingTransport{c}}})
	srv := httptest.NewServer(c.sim)
	t.Cleanup(srv.Close)
	c.client = docusign.New(staticTokens{base: srv.URL, account: c.sim.AccountID()},
		docusign.Options{HTTPClient: &http.Client{Timeout: 10 * time.Second}})
	return c
}

// send creates a three-signer envelope that reports to connectURL, as the
// account's Connect configuration does for every envelope, and records it
// in db as a send of key leaves it; it returns the envelope's id.
func (c *connectSim) send(t *testing.T, db *sqlstore.DB, keyID int64, connectURL string) string {
	t.Helper()
	ctx := context.Background()
	req := docusign.SendRequest{Reference: "selo-connect-1", ReferenceCreated: time.Now(), Subject: "Contratos",
		DocumentName: "Contratos.pdf", PDF: dssim.TextPDF([]string{"CONTRATO"}, []string{"Assinaturas"}),
		ExpireAfterDays: 15, WebhookURL: connectURL}
	for i := 1; i <= 3; i++ {
		req.Signers = append(req.Signers, docusign.Signer{Name: fmt.Sprintf("Pessoa %d", i),
			Email: fmt.Sprintf("p%d@example.com", i), RoutingOrder: 1})
	}
	env, err := c.client.Send(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	q := func(s string) string {
		if db.Engine() != sqlstore.Postgres {
			return s
		}
		for n := 1; strings.Contains(s, "?"); n++ {
			s = strings.Replace(s, "?", fmt.Sprintf("$%d", n), 1)
		}
		return s
	}
	now := time.Now().UTC().Format(time.RFC3339Nano)
	deadline := time.Now().AddDate(0, 0, 15).UTC().Format(time.RFC3339Nano)
	var op int64
	if err := db.QueryRowContext(ctx, q(`INSERT INTO send_operations (op_key, reservation_id, integration_id, name, status, step,
		envelope_id, document_id, deadline_at, created_at, updated_at) VALUES (?, ?, ?, ?, 'sent', 'notified', ?, ?, ?, ?, ?) RETURNING id`),
		req.Reference, 41, keyID, "Contratos", env.ID, env.ID, deadline, now, now).Scan(&op); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, q(`INSERT INTO envelopes (id, operation_id, integration_id, reservation_id, document_id, name,
		status, deadline_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?, ?)`),
		env.ID, op, keyID, 41, env.ID, "Contratos", deadline, now, now); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 3; i++ {
		if _, err := db.ExecContext(ctx, q(`INSERT INTO envelope_signers (envelope_id, signer_id, position, person_key, name, email,
			group_no, state, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, 'pendente', ?)`),
			env.ID, fmt.Sprint(i), i, fmt.Sprintf("p%d", i), fmt.Sprintf("Pessoa %d", i), fmt.Sprintf("p%d@example.com", i), now); err != nil {
			t.Fatal(err)
		}
	}
	return env.ID
}

// signers is what the reservation screen shows of the envelope's signers,
// and the number of timeline entries.
func connectSigners(t *testing.T, db *sqlstore.DB, envID string) string {
	t.Helper()
	ctx := context.Background()
	arg := "?"
	if db.Engine() == sqlstore.Postgres {
		arg = "$1"
	}
	rows, err := db.QueryContext(ctx, `SELECT state FROM envelope_signers WHERE envelope_id = `+arg+` ORDER BY position`, envID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var states []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		states = append(states, s)
	}
	var events int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM envelope_events WHERE envelope_id = `+arg, envID).Scan(&events); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%s events=%d", strings.Join(states, ","), events)
}

// insertDocuSignDemoKey is a Demo key signed in to sim's account (the
// account id and base URI a sign-in stores).
func insertDocuSignDemoKey(t *testing.T, db *sqlstore.DB, accountID string) int64 {
	t.Helper()
	ctx := context.Background()
	var id int64
	err := db.Integrations().Tx(ctx, func(tx crm.IntegrationTx) error {
		var err error
		id, err = tx.Insert(ctx, crm.NormalizedIntegration{Description: "DocuSign Demo", Provider: crm.ProviderDocuSign,
			Environment: crm.EnvSandbox}, "", time.Now())
		if err != nil {
			return err
		}
		return tx.SetDocuSignAccount(ctx, id, crm.DocuSignAccount{ID: accountID, Name: "Imobiliária Teste",
			BaseURI: "https://demo.docusign.net"}, time.Now())
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// checkConnect drives the same three deliveries through a listener whose
// route for keyID is route: an impostor's post is refused with nothing
// recorded; the genuine message, then the simulator's own post, apply.
func checkConnect(t *testing.T, db *sqlstore.DB, cs *connectSim, envID string) {
	t.Helper()
	if got := connectSigners(t, db, envID); got != "pendente,pendente,pendente events=0" {
		t.Fatalf("before any message: %s", got)
	}
	last := func(event string) dssim.Delivery {
		ds := cs.sim.Deliveries()
		for i := len(ds) - 1; i >= 0; i-- {
			if ds[i].EnvelopeID == envID && ds[i].Event == event {
				return ds[i]
			}
		}
		t.Fatalf("no %s delivery in %d", event, len(ds))
		return dssim.Delivery{}
	}
	// Wrong HMAC: 401, nothing stored.
	cs.forge.Store(true)
	if err := cs.sim.Sign(envID, "1"); err != nil {
		t.Fatal(err)
	}
	forged := last("recipient-completed")
	if forged.Status != http.StatusUnauthorized {
		t.Fatalf("a message signed with another secret answered %d, want 401", forged.Status)
	}
	if got := connectSigners(t, db, envID); got != "pendente,pendente,pendente events=0" {
		t.Fatalf("a refused message changed the envelope: %s", got)
	}
	// The same message with DocuSign's signature: applied before the 200.
	req, _ := http.NewRequest(http.MethodPost, forged.URL, bytes.NewReader(forged.Body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-DocuSign-Signature-1", forged.Signature)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("the genuine message answered %d", resp.StatusCode)
	}
	if got := connectSigners(t, db, envID); got != "assinou,pendente,pendente events=1" {
		t.Fatalf("after the first signature: %s", got)
	}
	// The simulator's own delivery of the next signature.
	cs.forge.Store(false)
	if err := cs.sim.Sign(envID, "2"); err != nil {
		t.Fatal(err)
	}
	if d := last("recipient-completed"); d.Status != http.StatusOK {
		t.Fatalf("the simulator's delivery answered %d", d.Status)
	}
	if got := connectSigners(t, db, envID); got != "assinou,assinou,pendente events=2" {
		t.Fatalf("after the second signature: %s", got)
	}
}

// The desktop: Connect turned on through the bound DocuSignConnect (the
// secret in the keyring, the listener started), then messages posted to
// the wired listener's route change the envelope the reservation shows.
func TestWiredDesktopListenerAppliesDocuSignConnect(t *testing.T) {
	keyring.MockInit()
	home, err := datahome.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlstore.Open(context.Background(), home.DatabasePath())
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	a := app.New(log)
	a.Emitter = &events{}
	uploads := app.NewUploads(templates.NewInbox(filepath.Join(home.Dir, "uploads"), crm.MaxTemplateBytes, log), log)
	bound, warnings := wire(a, home, db, log, uploads)
	if len(warnings) != 0 {
		t.Fatalf("start-up warnings: %v", warnings)
	}
	a.Startup(context.Background())
	t.Cleanup(func() { a.Shutdown(context.Background()) })

	const secret = "chave-hmac-do-connect-1f2e3d"
	cs := newConnectSim(t, secret)
	keyID := insertDocuSignDemoKey(t, db, cs.sim.AccountID())
	connect := find[*app.DocuSignConnect](bound)
	if _, err := connect.Enable(keyID, "http://selo.imobiliaria.com.br", secret); crm.AsError(err).Code != signing.CodeConnectURLNotHTTPS {
		t.Fatalf("an http:// address = %v, want %s", err, signing.CodeConnectURLNotHTTPS)
	}
	st, err := connect.Enable(keyID, "https://selo.imobiliaria.com.br/", secret)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("https://selo.imobiliaria.com.br/webhooks/docusign/%d", keyID)
	if !st.Enabled || st.ConnectURL != want || !st.ListenerRunning || !strings.HasSuffix(st.LocalURL, signing.DocuSignWebhookPath(keyID)) {
		t.Fatalf("status after Enable = %+v", st)
	}
	envID := cs.send(t, db, keyID, st.LocalURL)
	checkConnect(t, db, cs, envID)

	// Desativar: the secret is gone and the route refuses the next message.
	if st, err = connect.Disable(keyID); err != nil || st.Enabled {
		t.Fatalf("disable = %+v, %v", st, err)
	}
	if err := cs.sim.Sign(envID, "3"); err != nil {
		t.Fatal(err)
	}
	if got := connectSigners(t, db, envID); got != "assinou,assinou,pendente events=2" {
		t.Fatalf("a message after Desativar changed the envelope: %s", got)
	}
}

// `selo server`: the key's secret is the credential
// docusign-<id>-connect-secret; the server holds no DocuSign sign-in, yet
// a signed message is applied from its summary, and a forged one is not.
func TestServerAppliesDocuSignConnect(t *testing.T) {
	f := newServerFixture(t)
	const secret = "chave-hmac-do-connect-servidor"
	cs := newConnectSim(t, secret)
	db, err := sqlstore.OpenPostgres(context.Background(), f.pg)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	keyID := insertDocuSignDemoKey(t, db, cs.sim.AccountID())
	creds := t.TempDir()
	if err := os.WriteFile(filepath.Join(creds, server.CredDocuSignConnectSecret(keyID)), []byte(secret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("CREDENTIALS_DIRECTORY", creds)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- runServer(ctx, f.configPath, false, io.Discard, slog.New(slog.DiscardHandler), func(a string) { ready <- a })
	}()
	var base string
	select {
	case a := <-ready:
		base = "http://" + a
	case err := <-done:
		t.Fatalf("server did not start: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("server did not start within 20 s")
	}
	envID := cs.send(t, db, keyID, base+signing.DocuSignWebhookPath(keyID))
	checkConnect(t, db, cs, envID)
	// The last signature completes the envelope: the server records it, but
	// "Finalizado" waits for the signed PDF, which only a signed-in
	// desktop's pass can download; the envelope stays running for it.
	if err := cs.sim.Sign(envID, "3"); err != nil {
		t.Fatal(err)
	}
	if got := connectSigners(t, db, envID); !strings.HasPrefix(got, "assinou,assinou,assinou ") {
		t.Fatalf("after the last signature: %s", got)
	}
	var status, state string
	if err := db.QueryRowContext(context.Background(), `SELECT status, state FROM envelopes WHERE id = $1`, envID).Scan(&status, &state); err != nil {
		t.Fatal(err)
	}
	if status != "running" || state == string(crm.EnvelopeFinished) {
		t.Fatalf("completed without its signed PDF: status %s, state %s", status, state)
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
}
