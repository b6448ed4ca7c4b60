package signing_test

// Clicksign webhooks end to end: the simulator (httptest) delivers to the
// real inbound listener, which hands the body to the receiver; every
// assertion reads the real SQLite file.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"selo/backend/clicksign"
	"selo/backend/crm"
	"selo/backend/filestore"
	"selo/backend/inbound"
	"selo/backend/secrets"
	"selo/backend/signing"
)

// testListener is the inbound listener as WebhookSettings sees it; the app
// uses leads.Service, which owns the listener JivoChat shares.
type testListener struct{ srv *inbound.Server }

func (l *testListener) StartListener(context.Context) (string, error) {
	if err := l.srv.Start(); err != nil {
		return "", err
	}
	return "http://" + l.srv.Status().Addr, nil
}

func (l *testListener) Reconfigure(context.Context) error { return nil }

func (l *testListener) ListenerURL(context.Context) (string, bool) {
	st := l.srv.Status()
	return "http://" + st.Addr, st.Running
}

type noJivoChat struct{}

func (noJivoChat) Handle(context.Context, []byte) ([]byte, int) { return nil, http.StatusNotFound }

type noTokens struct{}

func (noTokens) Verify(context.Context, string) (bool, string) { return false, "" }

// hooks is the webhook side of the app wired over the send fixture, with
// a Simulador local key pointing at the fixture's simulator.
type hooks struct {
	*fixture
	simKey   crm.Integration
	sender   *signing.Sender
	syncer   *signing.Syncer
	recv     *signing.WebhookReceiver
	settings *signing.WebhookSettings
	server   *inbound.Server
	base     string

	mu      sync.Mutex
	changes []signing.EnvelopeChange
}

func newHooks(t *testing.T) *hooks {
	t.Helper()
	f := newFixture(t)
	ctx := context.Background()
	simKey, err := f.keys.Save(ctx, crm.IntegrationInput{Description: "Simulador", Environment: crm.EnvSimulator, Token: simToken})
	if err != nil {
		t.Fatal(err)
	}
	h := &hooks{fixture: f, simKey: simKey}
	conn := &signing.Connector{BaseURLs: map[crm.Environment]string{crm.EnvSandbox: f.base, crm.EnvSimulator: f.base,
		crm.EnvProduction: f.base}}
	h.sender = signing.NewSender(f.db.Envelopes(), f.keys, conn, nil)
	h.sender.Log = slog.New(slog.NewTextHandler(f.logBuf, nil))
	h.sender.ClientOptions = []clicksign.Option{clicksign.WithRateLimit(0, 0), clicksign.WithRetry(3, time.Millisecond)}
	h.syncer = &signing.Syncer{Sender: h.sender, Store: f.db.Envelopes(), Files: filestore.New(t.TempDir()),
		Emit: func(name string, data any) {
			if c, ok := data.(signing.EnvelopeChange); ok && name == signing.EventEnvelopeChanged {
				h.mu.Lock()
				h.changes = append(h.changes, c)
				h.mu.Unlock()
			}
		}}
	h.recv = signing.NewWebhookReceiver(h.syncer, f.db.Webhooks(), f.sec, slog.New(slog.NewTextHandler(f.logBuf, nil)))
	t.Cleanup(func() { _ = h.recv.Close(context.Background()) })
	h.server, err = inbound.New(inbound.Config{Port: 0, JivoChat: noJivoChat{}, Tokens: noTokens{}, Clicksign: h.recv})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = h.server.Shutdown(context.Background()) })
	h.settings = &signing.WebhookSettings{Sender: h.sender, Keys: f.keys, Store: f.db.Webhooks(), Secrets: f.sec,
		Listener: &testListener{h.server}, Log: slog.New(slog.NewTextHandler(f.logBuf, nil))}
	if h.base, err = (&testListener{h.server}).StartListener(ctx); err != nil {
		t.Fatal(err)
	}
	return h
}

// send sends the fixture's contracts with the simulator key and returns the
// local envelope.
func (h *hooks) send() crm.EnvelopeView {
	h.t.Helper()
	req := h.request()
	req.IntegrationID = h.simKey.ID
	if _, err := h.sender.Run(context.Background(), req); err != nil {
		h.t.Fatal(err)
	}
	v := h.views(h.syncer, 41)
	if len(v) != 1 {
		h.t.Fatalf("views = %+v", v)
	}
	return v[0]
}

// settle waits for the simulator's deliveries and the syncs they started.
func (h *hooks) settle() {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := h.sim.WaitWebhooks(ctx); err != nil {
		h.t.Fatal(err)
	}
	h.recv.Wait()
}

func (h *hooks) count(q string, args ...any) int {
	h.t.Helper()
	var n int
	if err := h.db.QueryRowContext(context.Background(), q, args...).Scan(&n); err != nil {
		h.t.Fatal(err)
	}
	return n
}

// snapshot is everything a delivery could change, as text: the envelopes,
// their signers and timeline, the contracts' signed marks and the recorded
// deliveries.
func (h *hooks) snapshot() string {
	h.t.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT id || '|' || status || '|' || state || '|' || modified || '|' || missing || '|' || signed_file FROM envelopes ORDER BY id`,
		`SELECT envelope_id || '|' || signer_id || '|' || state || '|' || state_at || '|' || reason FROM envelope_signers ORDER BY envelope_id, position`,
		`SELECT envelope_id || '|' || event_id || '|' || name FROM envelope_events ORDER BY envelope_id, event_id`,
		`SELECT id || '|' || signed_at FROM reservation_contracts ORDER BY id`,
		`SELECT integration_id || '|' || body_sha256 FROM clicksign_webhook_deliveries ORDER BY 1`,
	} {
		rows, err := h.db.QueryContext(context.Background(), q)
		if err != nil {
			h.t.Fatal(err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				h.t.Fatal(err)
			}
			b.WriteString(s + "\n")
		}
		rows.Close()
		b.WriteString("--\n")
	}
	return b.String()
}

func (h *hooks) post(path string, body []byte, header map[string]string) (int, string) {
	h.t.Helper()
	req, err := http.NewRequest(http.MethodPost, h.base+path, bytes.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	reply, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(reply)
}

// delivery is a body shaped like Clicksign's (legacy document object).
func delivery(event, documentID string) []byte {
	b, _ := json.Marshal(map[string]any{
		"event":    map[string]any{"name": event, "data": map[string]any{}, "occurred_at": "2026-11-27T10:00:00.000-03:00"},
		"document": map[string]any{"key": documentID, "status": "running"},
	})
	return b
}

func signed(secret string, body []byte) map[string]string {
	return map[string]string{clicksign.HeaderContentHmac: clicksign.SignWebhook(secret, body), clicksign.HeaderEvent: "sign"}
}

func (h *hooks) documentID(envelopeID string) string {
	h.t.Helper()
	var doc string
	if err := h.db.QueryRowContext(context.Background(), `SELECT document_id FROM envelopes WHERE id = ?`, envelopeID).Scan(&doc); err != nil {
		h.t.Fatal(err)
	}
	return doc
}

func (h *hooks) changeCount() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.changes)
}

func TestWebhookFromTheSimulatorUpdatesTheSignersWithoutThePoll(t *testing.T) {
	h := newHooks(t)
	ctx := context.Background()
	st, err := h.settings.EnableSimulator(ctx, h.simKey.ID)
	if err != nil {
		t.Fatal(err)
	}
	wantEndpoint := h.base + "/webhooks/clicksign/" + strconv.FormatInt(h.simKey.ID, 10)
	if !st.Enabled || st.Mode != signing.WebhookRegistered || st.Endpoint != wantEndpoint || !st.ListenerRunning || st.LastDeliveryAt != nil {
		t.Fatalf("status after enabling: %+v", st)
	}
	// Registered through the API, like on Clicksign: one webhook, our secret.
	remote, err := h.client().ListWebhooks(ctx)
	if err != nil || len(remote) != 1 || remote[0].Endpoint != wantEndpoint || remote[0].Status != clicksign.WebhookActive {
		t.Fatalf("simulator webhooks %+v %v", remote, err)
	}
	secret, err := h.sec.Get(ctx, secrets.ClicksignWebhookKey(h.simKey.ID))
	if err != nil || secret != string(remote[0].Secret) {
		t.Fatalf("keyring holds the wrong secret (%v)", err)
	}
	if b, _ := json.Marshal(st); strings.Contains(string(b), secret) {
		t.Fatal("the status shows the secret")
	}

	env := h.send()
	h.settle()
	before := h.syncer.Requests
	// Maria signs on Clicksign; the next thing the office sees is her
	// signature, with no poll in between.
	if err := h.sim.Sign(env.ID, env.Signers[0].ID); err != nil {
		t.Fatal(err)
	}
	h.settle()
	v := h.views(h.syncer, 41)[0]
	if signerStates(v) != "assinou,pendente,pendente" || v.Signers[0].At.IsZero() || v.State != crm.EnvelopeRunning {
		t.Fatalf("after the webhook: %s %s", v.State, signerStates(v))
	}
	if h.changeCount() == 0 {
		t.Fatal("no envelope:changed for the screen")
	}
	if h.syncer.Requests-before > 3 {
		t.Fatalf("one signature cost %d requests, want the envelope, its documents and events", h.syncer.Requests-before)
	}
	for _, d := range h.sim.WebhookDeliveries() {
		if d.Status != http.StatusOK {
			t.Fatalf("delivery %s answered %d", d.Event, d.Status)
		}
	}
	if n := h.count(`SELECT COUNT(*) FROM clicksign_webhook_deliveries`); n != 1 {
		t.Fatalf("%d deliveries recorded, want 1", n)
	}
	if st, _ := h.settings.Status(ctx, h.simKey.ID); st.LastDeliveryAt == nil {
		t.Fatal("the card shows no delivery")
	}

	// The last signatures close the envelope; the webhooks alone finish it,
	// signed PDF included.
	for _, g := range env.Signers[1:] {
		if err := h.sim.Sign(env.ID, g.ID); err != nil {
			t.Fatal(err)
		}
	}
	h.settle()
	v = h.views(h.syncer, 41)[0]
	if v.State != crm.EnvelopeFinished || !v.HasSigned || signerStates(v) != "assinou,assinou,assinou" {
		t.Fatalf("after every signature: %s %s signed=%v", v.State, signerStates(v), v.HasSigned)
	}

	// Desativar: the simulator forgets the webhook, the keyring the secret.
	st, err = h.settings.Disable(ctx, h.simKey.ID)
	if err != nil || st.Enabled || st.RemoteLeft {
		t.Fatalf("disable: %+v %v", st, err)
	}
	if remote, _ := h.client().ListWebhooks(ctx); len(remote) != 0 {
		t.Fatalf("simulator still has %+v", remote)
	}
	if _, err := h.sec.Get(ctx, secrets.ClicksignWebhookKey(h.simKey.ID)); err == nil {
		t.Fatal("secret left in the keyring")
	}
	if strings.Contains(h.logBuf.String(), secret) {
		t.Fatal("the log holds the webhook secret")
	}
	h.checkLogs()
}

const pastedSecret = "0123456789abcdef0123456789abcdef"

// manual turns webhooks on with a pasted secret, so the simulator delivers
// nothing by itself and each test posts exactly what it means to.
func (h *hooks) manual() {
	h.t.Helper()
	st, err := h.settings.SaveSecret(context.Background(), h.simKey.ID, pastedSecret)
	if err != nil || !st.Enabled || st.Mode != signing.WebhookManual {
		h.t.Fatalf("save secret: %+v %v", st, err)
	}
}

func TestBadWebhooksChangeNothing(t *testing.T) {
	h := newHooks(t)
	ctx := context.Background()
	h.manual()
	env := h.send()
	doc := h.documentID(env.ID)
	// Maria really signed: any delivery that got through would show it.
	if err := h.sim.Sign(env.ID, env.Signers[0].ID); err != nil {
		t.Fatal(err)
	}
	path := signing.WebhookPath(h.simKey.ID)
	good := delivery(clicksign.EventSign, doc)
	big := append(delivery(clicksign.EventSign, doc), bytes.Repeat([]byte(" "), inbound.DefaultBodyLimit)...)
	before := h.snapshot()
	requests := h.sim.TotalRequests()

	cases := []struct {
		name   string
		path   string
		body   []byte
		header map[string]string
		status int
	}{
		{"wrong HMAC", path, good, signed("another-secret-0123456789abcdef", good), http.StatusUnauthorized},
		{"missing HMAC", path, good, nil, http.StatusUnauthorized},
		{"HMAC of another body", path, good, signed(pastedSecret, delivery(clicksign.EventRefusal, doc)), http.StatusUnauthorized},
		{"unknown key", "/webhooks/clicksign/999", good, signed(pastedSecret, good), http.StatusUnauthorized},
		{"key that is not a number", "/webhooks/clicksign/01", good, signed(pastedSecret, good), http.StatusUnauthorized},
		{"key without webhooks", signing.WebhookPath(h.key.ID), good, signed(pastedSecret, good), http.StatusUnauthorized},
		{"malformed body", path, []byte(`{"event": {"name": "sign"`), signed(pastedSecret, []byte(`{"event": {"name": "sign"`)), http.StatusBadRequest},
		{"no event name", path, []byte(`{"document":{"key":"x"}}`), signed(pastedSecret, []byte(`{"document":{"key":"x"}}`)), http.StatusBadRequest},
		{"unknown envelope", path, delivery(clicksign.EventSign, "doc-of-someone-else"), signed(pastedSecret, delivery(clicksign.EventSign, "doc-of-someone-else")), http.StatusOK},
		{"body over 1 MB", path, big, signed(pastedSecret, big), http.StatusRequestEntityTooLarge},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, reply := h.post(c.path, c.body, c.header)
			if status != c.status {
				t.Fatalf("status %d (%s), want %d", status, reply, c.status)
			}
			h.recv.Wait()
			if after := h.snapshot(); after != before {
				t.Fatalf("the database changed:\nbefore:\n%s\nafter:\n%s", before, after)
			}
		})
	}
	// A secret the keyring lost cannot verify anything.
	if err := h.sec.Delete(ctx, secrets.ClicksignWebhookKey(h.simKey.ID)); err != nil {
		t.Fatal(err)
	}
	if status, _ := h.post(path, good, signed(pastedSecret, good)); status != http.StatusUnauthorized {
		t.Fatalf("without the secret: %d", status)
	}
	if err := h.sec.Set(ctx, secrets.ClicksignWebhookKey(h.simKey.ID), pastedSecret); err != nil {
		t.Fatal(err)
	}
	if after := h.snapshot(); after != before {
		t.Fatalf("the database changed:\n%s", after)
	}
	if n := h.sim.TotalRequests(); n != requests {
		t.Fatalf("bad deliveries made %d Clicksign requests", n-requests)
	}
	// Only a verified delivery counts as one on the card.
	if st, _ := h.settings.Status(ctx, h.simKey.ID); st.LastDeliveryAt == nil {
		t.Fatal("the verified delivery for an unknown envelope is not shown")
	}

	// The genuine delivery is acted on...
	if status, reply := h.post(path, good, signed(pastedSecret, good)); status != http.StatusOK || !strings.Contains(reply, `"ok"`) {
		t.Fatalf("good delivery: %d %s", status, reply)
	}
	h.recv.Wait()
	if v := h.views(h.syncer, 41)[0]; signerStates(v) != "assinou,pendente,pendente" {
		t.Fatalf("after the good delivery: %s", signerStates(v))
	}
	// ...and its replay is not: 200, and nothing else happens.
	afterGood, requests := h.snapshot(), h.sim.TotalRequests()
	changes := h.changeCount()
	for range 3 {
		if status, reply := h.post(path, good, signed(pastedSecret, good)); status != http.StatusOK || !strings.Contains(reply, "duplicate") {
			t.Fatalf("replay: %d %s", status, reply)
		}
	}
	h.recv.Wait()
	if h.snapshot() != afterGood || h.sim.TotalRequests() != requests || h.changeCount() != changes {
		t.Fatalf("a replay did something: %d requests, %d changes", h.sim.TotalRequests()-requests, h.changeCount()-changes)
	}
	if n := h.count(`SELECT COUNT(*) FROM clicksign_webhook_deliveries`); n != 1 {
		t.Fatalf("%d deliveries recorded, want 1", n)
	}
}

func TestClicksignFailingDuringAWebhookSyncChangesNothing(t *testing.T) {
	h := newHooks(t)
	h.manual()
	env := h.send()
	if err := h.sim.Sign(env.ID, env.Signers[0].ID); err != nil {
		t.Fatal(err)
	}
	before := h.snapshot()
	h.sim.InjectFault(simFault(500, "GET", "GET /api/v3/envelopes/{envelope_id}/events", 3))
	path := signing.WebhookPath(h.simKey.ID)
	body := delivery(clicksign.EventSign, h.documentID(env.ID))
	// Answered at once: the sync runs after the reply.
	if status, _ := h.post(path, body, signed(pastedSecret, body)); status != http.StatusOK {
		t.Fatalf("status %d", status)
	}
	h.recv.Wait()
	if after := h.snapshot(); after != before {
		t.Fatalf("a failed sync changed the database:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	// The delivery was forgotten, so Clicksign's redelivery is acted on.
	h.sim.ClearFaults()
	if status, reply := h.post(path, body, signed(pastedSecret, body)); status != http.StatusOK || strings.Contains(reply, "duplicate") {
		t.Fatalf("redelivery: %d %s", status, reply)
	}
	h.recv.Wait()
	if v := h.views(h.syncer, 41)[0]; signerStates(v) != "assinou,pendente,pendente" {
		t.Fatalf("after the redelivery: %s", signerStates(v))
	}
}

func TestWebhookSettingsValidation(t *testing.T) {
	h := newHooks(t)
	ctx := context.Background()
	prod, err := h.keys.Save(ctx, crm.IntegrationInput{Description: "Produção", Environment: crm.EnvProduction, Token: simToken})
	if err != nil {
		t.Fatal(err)
	}
	code := func(err error) string {
		e := crm.AsError(err)
		if e == nil {
			return ""
		}
		s := e.Field + ":" + e.Code
		if r, ok := e.Data["reason"]; ok {
			s += "/" + r.(string)
		}
		return s
	}
	cases := []struct {
		key  int64
		url  string
		want string
	}{
		{h.key.ID, "  ", "publicUrl:field.required"},
		{h.key.ID, "tunel.example.com", "publicUrl:webhook.url_invalid/scheme"},
		{h.key.ID, "ftp://tunel.example.com", "publicUrl:webhook.url_invalid/scheme"},
		{h.key.ID, "https://ana:senha@tunel.example.com", "publicUrl:webhook.url_invalid/credentials"},
		{h.key.ID, "https://tunel.example.com/?x=1", "publicUrl:webhook.url_invalid/query"},
		{h.key.ID, "https://tunel.example.com:99999", "publicUrl:webhook.url_invalid/port"},
		{h.key.ID, "http://127.0.0.1:38410", "publicUrl:webhook.url_local"},
		{h.key.ID, "https://192.168.0.10", "publicUrl:webhook.url_local"},
		{h.key.ID, "https://localhost/", "publicUrl:webhook.url_local"},
		{h.key.ID, "https://tunel.example.com/webhooks/clicksign/999", "publicUrl:webhook.url_invalid/path"},
		{prod.ID, "http://tunel.example.com", "publicUrl:webhook.url_not_https"},
		{prod.ID, "http://192.168.0.10:38410", "publicUrl:webhook.url_local"}, // https would not fix this one
		{h.simKey.ID, "https://tunel.example.com", ":webhook.real_only"},
	}
	for _, c := range cases {
		if _, err := h.settings.EnableWithURL(ctx, c.key, c.url); code(err) != c.want {
			t.Errorf("%q: %s, want %s", c.url, code(err), c.want)
		}
	}
	if _, err := h.settings.EnableSimulator(ctx, h.key.ID); code(err) != ":webhook.simulator_only" {
		t.Errorf("one click on a Sandbox key: %s", code(err))
	}
	for secret, want := range map[string]string{"": "secret:field.required", "curto": "secret:webhook.secret_invalid",
		"0123456789abcdef 0123456789abcdef": "secret:webhook.secret_invalid"} {
		if _, err := h.settings.SaveSecret(ctx, h.key.ID, secret); code(err) != want {
			t.Errorf("secret %q: %s, want %s", secret, code(err), want)
		}
	}
	if n := h.count(`SELECT COUNT(*) FROM clicksign_webhooks`); n != 0 || len(h.sec.Keys()) != 3 {
		t.Fatalf("refused input left %d rows and keyring %v", n, h.sec.Keys())
	}
	if remote, _ := h.client().ListWebhooks(ctx); len(remote) != 0 {
		t.Fatalf("refused input registered %+v", remote)
	}

	// A tunnel's base address gets the key's route; the full address is kept.
	for _, in := range []string{"https://Tunel.Example.com/", "https://tunel.example.com/webhooks/clicksign/" + strconv.FormatInt(h.key.ID, 10)} {
		got, err := signing.WebhookEndpoint(crm.EnvSandbox, h.key.ID, in)
		if want := "https://tunel.example.com" + signing.WebhookPath(h.key.ID); err != nil || got != want {
			t.Errorf("%q -> %q %v, want %q", in, got, err, want)
		}
	}
	if got, _ := signing.WebhookEndpoint(crm.EnvSandbox, 3, "http://proxy.example.com/selo"); got != "http://proxy.example.com/selo/webhooks/clicksign/3" {
		t.Errorf("prefixed tunnel -> %q", got)
	}

	// A real key registers the public address (the simulator stands in for
	// Clicksign here), and Desativar removes it.
	st, err := h.settings.EnableWithURL(ctx, h.key.ID, "https://tunel.example.com")
	if err != nil || st.Endpoint != "https://tunel.example.com"+signing.WebhookPath(h.key.ID) || st.Mode != signing.WebhookRegistered {
		t.Fatalf("enable with URL: %+v %v", st, err)
	}
	if st, err := h.settings.Disable(ctx, h.key.ID); err != nil || st.Enabled {
		t.Fatalf("disable: %+v %v", st, err)
	}
	if remote, _ := h.client().ListWebhooks(ctx); len(remote) != 0 {
		t.Fatalf("left on the simulator: %+v", remote)
	}
}

func TestReenablingKeepsOneRegistration(t *testing.T) {
	h := newHooks(t)
	ctx := context.Background()
	endpoint := h.base + signing.WebhookPath(h.simKey.ID)
	// A registration Selo lost track of (a reinstall) holds the address.
	if _, err := h.client().CreateWebhook(ctx, clicksign.WebhookParams{Endpoint: endpoint, Events: []string{"sign"}}); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := h.settings.EnableSimulator(ctx, h.simKey.ID); err != nil {
			t.Fatal(err)
		}
	}
	remote, err := h.client().ListWebhooks(ctx)
	if err != nil || len(remote) != 1 || remote[0].Endpoint != endpoint {
		t.Fatalf("simulator webhooks %+v %v", remote, err)
	}
	if secret, _ := h.sec.Get(ctx, secrets.ClicksignWebhookKey(h.simKey.ID)); secret != string(remote[0].Secret) {
		t.Fatal("the keyring does not hold the live registration's secret")
	}
	// Switching to a pasted secret removes Selo's registration, which would
	// otherwise post with a secret no longer kept.
	h.manual()
	if remote, _ := h.client().ListWebhooks(ctx); len(remote) != 0 {
		t.Fatalf("registration left after switching to a pasted secret: %+v", remote)
	}
}

func TestDisableWhenClicksignFails(t *testing.T) {
	h := newHooks(t)
	ctx := context.Background()
	if _, err := h.settings.EnableSimulator(ctx, h.simKey.ID); err != nil {
		t.Fatal(err)
	}
	h.sim.InjectFault(simFault(500, "DELETE", "DELETE /api/v3/webhooks/{webhook_id}", 3))
	st, err := h.settings.Disable(ctx, h.simKey.ID)
	if err != nil || st.Enabled || !st.RemoteLeft {
		t.Fatalf("disable: %+v %v", st, err)
	}
	// Off here all the same: the leftover registration's posts are refused.
	if _, err := h.sec.Get(ctx, secrets.ClicksignWebhookKey(h.simKey.ID)); err == nil {
		t.Fatal("secret kept")
	}
	remote, _ := h.client().ListWebhooks(ctx)
	if len(remote) != 1 {
		t.Fatalf("remote = %+v", remote)
	}
	env := h.send()
	if err := h.sim.Sign(env.ID, env.Signers[0].ID); err != nil {
		t.Fatal(err)
	}
	h.settle()
	for _, d := range h.sim.WebhookDeliveries() {
		if d.Status != http.StatusUnauthorized {
			t.Fatalf("leftover delivery %s answered %d", d.Event, d.Status)
		}
	}
	if v := h.views(h.syncer, 41)[0]; signerStates(v) != "pendente,aguardando,aguardando" {
		t.Fatalf("a refused delivery changed the signers: %s", signerStates(v))
	}
}

func TestReceiverBeforeAttachAndAfterClose(t *testing.T) {
	h := newHooks(t)
	r := signing.NewWebhookReceiver(nil, h.db.Webhooks(), h.sec, nil)
	if status, _ := r.HandleClicksign(context.Background(), "1", http.Header{}, []byte(`{}`)); status != http.StatusServiceUnavailable {
		t.Fatalf("before attach: %d", status)
	}
	r.Attach(h.syncer)
	if err := r.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if status, _ := r.HandleClicksign(context.Background(), "1", http.Header{}, []byte(`{}`)); status != http.StatusServiceUnavailable {
		t.Fatalf("after close: %d", status)
	}
}

// failingSave is the webhook store with SaveWebhook refusing, as a full
// disk would.
type failingSave struct{ signing.WebhookStore }

func (failingSave) SaveWebhook(context.Context, signing.WebhookConfig) error {
	return errors.New("disk full")
}

// A new secret whose configuration cannot be saved must not cost the
// webhook that works: the old secret stays in the keyring.
func TestAFailedSecretChangeKeepsTheWorkingWebhook(t *testing.T) {
	h := newHooks(t)
	ctx := context.Background()
	if _, err := h.settings.SaveSecret(ctx, h.simKey.ID, "973d92ca80c2206a0e65b35d2371d595"); err != nil {
		t.Fatal(err)
	}
	broken := *h.settings
	broken.Store = failingSave{h.settings.Store}
	if _, err := broken.SaveSecret(ctx, h.simKey.ID, "0123456789abcdef0123456789abcdef"); err == nil {
		t.Fatal("saving succeeded with a failing store")
	}
	if got, _ := h.sec.Get(ctx, secrets.ClicksignWebhookKey(h.simKey.ID)); got != "973d92ca80c2206a0e65b35d2371d595" {
		t.Fatalf("keyring holds %q after the failed change, want the working secret", got)
	}
	// And a first secret that cannot be saved leaves nothing behind.
	if _, err := h.settings.Disable(ctx, h.simKey.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := broken.SaveSecret(ctx, h.simKey.ID, "0123456789abcdef0123456789abcdef"); err == nil {
		t.Fatal("saving succeeded with a failing store")
	}
	if _, err := h.sec.Get(ctx, secrets.ClicksignWebhookKey(h.simKey.ID)); err == nil {
		t.Fatal("a secret was left in the keyring by a failed first save")
	}
}

// movedListener is the listener after its port was changed.
type movedListener struct{ signing.WebhookListener }

func (movedListener) ListenerURL(context.Context) (string, bool) {
	return "http://127.0.0.1:38999", true
}

// A Simulador local registration made for the old port is reported, so the
// trainer re-enables it instead of wondering why nothing arrives.
func TestAMovedListenerIsReportedForSimulatorKeys(t *testing.T) {
	h := newHooks(t)
	ctx := context.Background()
	st, err := h.settings.EnableSimulator(ctx, h.simKey.ID)
	if err != nil || st.Problem != "" {
		t.Fatalf("enable: %+v %v", st, err)
	}
	moved := *h.settings
	moved.Listener = movedListener{h.settings.Listener}
	if st, err := moved.Status(ctx, h.simKey.ID); err != nil || st.Problem != signing.CodeWebhookEndpointMoved {
		t.Fatalf("after the port changed: %+v %v, want %s", st, err, signing.CodeWebhookEndpointMoved)
	}
}

// A delivery's document key is a UUID: Clicksign's legacy-shaped body may
// carry it in upper case or padded, and it still names the envelope
// Selo sent (RFC 9562: UUID hex digits are case-insensitive). Before, such
// a delivery was answered "ignored" and only the throttled poll caught up.
func TestWebhookDocumentKeyInAnyCase(t *testing.T) {
	h := newHooks(t)
	h.manual()
	env := h.send()
	if err := h.sim.Sign(env.ID, env.Signers[0].ID); err != nil {
		t.Fatal(err)
	}
	doc := h.documentID(env.ID)
	if doc != strings.ToLower(doc) || strings.ToUpper(doc) == doc {
		t.Fatalf("the simulator's ids are lower-case UUIDs: %q", doc)
	}
	body := delivery(clicksign.EventSign, " "+strings.ToUpper(doc)+" ")
	status, reply := h.post(signing.WebhookPath(h.simKey.ID), body, signed(pastedSecret, body))
	if status != http.StatusOK || !strings.Contains(reply, `"ok"`) {
		t.Fatalf("upper-case key: %d %s, want it taken", status, reply)
	}
	h.recv.Wait()
	if v := h.views(h.syncer, 41)[0]; signerStates(v) != "assinou,pendente,pendente" {
		t.Fatalf("after the delivery: %s", signerStates(v))
	}
	var recorded string
	if err := h.db.QueryRowContext(context.Background(), `SELECT document_id FROM clicksign_webhook_deliveries`).Scan(&recorded); err != nil || recorded != doc {
		t.Fatalf("delivery recorded for %q (%v), want the canonical %q", recorded, err, doc)
	}
}

// countingStore counts the syncs the background poll runs.
type countingStore struct {
	signing.SyncStore
	mu    sync.Mutex
	syncs int
}

func (c *countingStore) RunningEnvelopes(ctx context.Context, reservationID int64) ([]signing.SyncEnvelope, error) {
	c.mu.Lock()
	c.syncs++
	c.mu.Unlock()
	return c.SyncStore.RunningEnvelopes(ctx, reservationID)
}

func (c *countingStore) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.syncs
}

// Deliveries for documents Selo does not know (webhooks are per account,
// so another system's envelopes post here too) wake the poll at most once a
// minute: a busy shared account must not spend the rate limit Selo's own
// sends need. A clock set back (a wrong clock corrected) must not silence
// them for as long as it moved.
func TestUnknownDeliveriesWakeThePollOnceAMinute(t *testing.T) {
	h := newHooks(t)
	h.manual()
	h.send()
	store := &countingStore{SyncStore: h.syncer.Store}
	h.syncer.Store = store
	now := time.Date(2026, 11, 27, 13, 0, 0, 0, time.UTC)
	var clock sync.Mutex
	h.recv.Now = func() time.Time { clock.Lock(); defer clock.Unlock(); return now }
	at := func(d time.Duration) {
		clock.Lock()
		now = time.Date(2026, 11, 27, 13, 0, 0, 0, time.UTC).Add(d)
		clock.Unlock()
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); h.syncer.Run(ctx, nil) }()
	t.Cleanup(func() { cancel(); <-done })
	// Each pass of the poll reads the running envelopes twice (to sync,
	// then to choose its timer); the envelope running keeps the timer at
	// 30 s, far beyond this test.
	waitFor := func(n int) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for store.count() < n {
			if time.Now().After(deadline) {
				t.Fatalf("%d reads, want %d", store.count(), n)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	waitFor(2)
	path := signing.WebhookPath(h.simKey.ID)
	post := func(i int) {
		t.Helper()
		body := delivery(clicksign.EventSign, "doc-of-another-system-"+strconv.Itoa(i))
		if status, reply := h.post(path, body, signed(pastedSecret, body)); status != http.StatusOK || !strings.Contains(reply, "ignored") {
			t.Fatalf("delivery %d: %d %s", i, status, reply)
		}
	}
	quiet := func(want int) {
		t.Helper()
		// Long enough for a woken poll to have read the store many times.
		time.Sleep(300 * time.Millisecond)
		if n := store.count(); n != want {
			t.Fatalf("%d reads, want %d: the poll was woken inside the minute", n, want)
		}
	}
	post(1)
	waitFor(4)
	for i, d := range []time.Duration{time.Second, 30 * time.Second, 59 * time.Second} {
		at(d)
		post(2 + i)
	}
	quiet(4)
	at(61 * time.Second)
	post(5)
	waitFor(6)
	quiet(6)
	// The clock goes back an hour: the next unknown delivery still wakes.
	at(-time.Hour)
	post(6)
	waitFor(8)
}
