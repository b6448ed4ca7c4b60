package signing_test

// DocuSign Connect deliveries through the real listener route, from the
// DocuSign simulator, and the bad inputs of issue #17 item 7, each asserted
// on the database.

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"selo/backend/crm"
	dssim "selo/backend/docusign/simulator"
	"selo/backend/inbound"
	"selo/backend/secrets"
	"selo/backend/signing"
)

const connectSecret = "connect-secret-9d1f2a7b5c"

type connectFixture struct {
	*syFixture
	recv *signing.DocuSignReceiver
	url  string // the key's Connect URL on the listener
}

func newConnectFixture(t *testing.T) *connectFixture {
	t.Helper()
	f := &connectFixture{syFixture: newSyFixture(t, dssim.Options{ConnectSecret: connectSecret})}
	if err := f.sec.Set(context.Background(), secrets.DocuSignConnectKey(f.key.ID), connectSecret); err != nil {
		t.Fatal(err)
	}
	f.recv = signing.NewDocuSignReceiver(f.sy, f.sec, slog.New(slog.NewTextHandler(f.logBuf, nil)))
	srv, err := inbound.New(inbound.Config{Port: 0, JivoChat: nopJivo{}, Tokens: nopTokens{}, DocuSign: f.recv})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	f.url = hs.URL + signing.DocuSignWebhookPath(f.key.ID)
	f.webhook = f.url
	return f
}

type nopJivo struct{}

func (nopJivo) Handle(context.Context, []byte) ([]byte, int) { return nil, http.StatusOK }

type nopTokens struct{}

func (nopTokens) Verify(context.Context, string) (bool, string) { return false, "" }

// post sends body to url with the given signature header ("" for none).
func (f *connectFixture) post(url string, body []byte, sig string) (int, string) {
	f.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if sig != "" {
		req.Header.Set("X-DocuSign-Signature-1", sig)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// lastDelivery is the simulator's last Connect message about id for event.
func (f *connectFixture) lastDelivery(id, event string) dssim.Delivery {
	f.t.Helper()
	ds := f.dsim.Deliveries()
	for i := len(ds) - 1; i >= 0; i-- {
		if ds[i].EnvelopeID == id && ds[i].Event == event {
			return ds[i]
		}
	}
	f.t.Fatalf("no %s delivery for %s in %d", event, id, len(ds))
	return dssim.Delivery{}
}

// dbState is what the database holds of an envelope: state, signers and
// the number of timeline entries.
func (f *connectFixture) dbState(id string) string {
	f.t.Helper()
	var state string
	var events int
	ctx := context.Background()
	if err := f.db.QueryRowContext(ctx, `SELECT state FROM envelopes WHERE id = ?`, id).Scan(&state); err != nil {
		f.t.Fatal(err)
	}
	if err := f.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM envelope_events WHERE envelope_id = ?`, id).Scan(&events); err != nil {
		f.t.Fatal(err)
	}
	rows, err := f.db.QueryContext(ctx, `SELECT state FROM envelope_signers WHERE envelope_id = ? ORDER BY position`, id)
	if err != nil {
		f.t.Fatal(err)
	}
	defer rows.Close()
	var signers []string
	for rows.Next() {
		var s string
		_ = rows.Scan(&s)
		signers = append(signers, s)
	}
	return state + " " + strings.Join(signers, ",") + " events=" + string(rune('0'+events))
}

func (f *connectFixture) count(table string) int {
	f.t.Helper()
	var n int
	if err := f.db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM `+table).Scan(&n); err != nil {
		f.t.Fatal(err)
	}
	return n
}

// A signature delivered by Connect shows at once, without a poll, and
// applying it uses no request: the message carries the recipients.
func TestDocuSignConnectAppliesSignaturesAndCompletion(t *testing.T) {
	f := newConnectFixture(t)
	id := f.send(41, 1, 2)
	before := f.dsim.TotalRequests()
	if err := f.dsim.Sign(id, "1"); err != nil {
		t.Fatal(err)
	}
	d := f.lastDelivery(id, "recipient-completed")
	if d.Status != http.StatusOK {
		t.Fatalf("delivery answered %d", d.Status)
	}
	if got := f.dbState(id); got != "em_andamento assinou,pendente events=1" {
		t.Fatalf("after recipient-completed: %s", got)
	}
	if n := f.dsim.TotalRequests() - before; n != 0 {
		t.Fatalf("applying the message used %d requests", n)
	}
	if err := f.dsim.Sign(id, "2"); err != nil {
		t.Fatal(err)
	}
	if d := f.lastDelivery(id, "envelope-completed"); d.Status != http.StatusOK {
		t.Fatalf("envelope-completed answered %d", d.Status)
	}
	v := f.view(41, id)
	if v.State != crm.EnvelopeFinished || signerStates(v) != "assinou,assinou" || !v.HasSigned {
		t.Fatalf("after envelope-completed: %s %s signed=%v", v.State, signerStates(v), v.HasSigned)
	}
}

func TestDocuSignConnectBadInput(t *testing.T) {
	f := newConnectFixture(t)
	// The simulator's own deliveries go nowhere: this test posts them.
	f.webhook = "http://127.0.0.1:1/nowhere"
	id := f.send(41, 1, 1)
	other := f.send(42, 1) // another key's envelope, below
	if err := f.dsim.Sign(id, "1"); err != nil {
		t.Fatal(err)
	}
	good := f.lastDelivery(id, "recipient-completed")
	ctx := context.Background()
	const untouched = "em_andamento pendente,pendente events=0"
	otherKey := strings.Replace(f.url, signing.DocuSignWebhookPath(f.key.ID), signing.DocuSignWebhookPath(f.key.ID+100), 1)
	tampered := bytes.Replace(good.Body, []byte(`"completed"`), []byte(`"declined"`), 1)
	envelopes, events := f.count("envelopes"), f.count("envelope_events")
	for _, c := range []struct {
		name   string
		url    string
		body   []byte
		sig    string
		status int
	}{
		{"missing signature", f.url, good.Body, "", 401},
		{"wrong signature", f.url, good.Body, dssim.Sign("not-the-secret", good.Body), 401},
		{"body changed after signing", f.url, tampered, good.Signature, 401},
		{"signature not base64", f.url, good.Body, "%%%", 401},
		{"a key that is not DocuSign's", otherKey, good.Body, good.Signature, 401},
		{"a key id that is not a number", f.url + "x", good.Body, good.Signature, 401},
		{"malformed JSON", f.url, []byte(`{"event":`), dssim.Sign(connectSecret, []byte(`{"event":`)), 400},
		{"no envelope id", f.url, []byte(`{"event":"envelope-completed","data":{}}`),
			dssim.Sign(connectSecret, []byte(`{"event":"envelope-completed","data":{}}`)), 400},
		{"oversize body", f.url, bytes.Repeat([]byte("x"), inbound.DefaultDocuSignBodyLimit+1), "", 413},
	} {
		if s, body := f.post(c.url, c.body, c.sig); s != c.status {
			t.Errorf("%s: %d %s, want %d", c.name, s, body, c.status)
		}
		if got := f.dbState(id); got != untouched {
			t.Errorf("%s changed the envelope: %s", c.name, got)
		}
	}
	// An envelope no local row has: 200, nothing invented.
	unknown := bytes.ReplaceAll(good.Body, []byte(id), []byte("11111111-2222-3333-4444-555555555555"))
	if s, body := f.post(f.url, unknown, dssim.Sign(connectSecret, unknown)); s != 200 || !strings.Contains(body, "ignored") {
		t.Errorf("unknown envelope: %d %s", s, body)
	}
	if f.count("envelopes") != envelopes || f.count("envelope_events") != events {
		t.Errorf("unknown envelope created rows: envelopes %d→%d, events %d→%d", envelopes, f.count("envelopes"), events, f.count("envelope_events"))
	}
	// An envelope of another key, signed with this key's secret: ignored.
	if _, err := f.db.ExecContext(ctx, `UPDATE envelopes SET integration_id = integration_id + 100 WHERE id = ?`, other); err != nil {
		t.Fatal(err)
	}
	if err := f.dsim.Sign(other, "1"); err != nil {
		t.Fatal(err)
	}
	if d := f.lastDelivery(other, "recipient-completed"); true {
		if s, body := f.post(f.url, d.Body, d.Signature); s != 200 || !strings.Contains(body, "ignored") {
			t.Errorf("another key's envelope: %d %s", s, body)
		}
	}
	if got := f.dbState(other); got != "em_andamento pendente events=0" {
		t.Errorf("another key's envelope was changed by this key's delivery: %s", got)
	}
	// The real message, then the same message again: one effect.
	changes := len(*f.changes)
	if s, body := f.post(f.url, good.Body, good.Signature); s != 200 || !strings.Contains(body, "ok") {
		t.Fatalf("valid delivery: %d %s", s, body)
	}
	if got := f.dbState(id); got != "em_andamento assinou,pendente events=1" {
		t.Fatalf("after the valid delivery: %s", got)
	}
	if s, body := f.post(f.url, good.Body, good.Signature); s != 200 || !strings.Contains(body, "duplicate") {
		t.Fatalf("replay: %d %s", s, body)
	}
	if got := f.dbState(id); got != "em_andamento assinou,pendente events=1" {
		t.Fatalf("after the replay: %s", got)
	}
	if n := len(*f.changes) - changes; n != 1 {
		t.Fatalf("%d change notices for one message", n)
	}
	// Connect off (no secret in the keyring): refused.
	if err := f.sec.Delete(ctx, secrets.DocuSignConnectKey(f.key.ID)); err != nil {
		t.Fatal(err)
	}
	if s, _ := f.post(f.url, good.Body, good.Signature); s != 401 {
		t.Errorf("Connect off: %d", s)
	}
	if strings.Contains(f.logBuf.String(), connectSecret) {
		t.Error("the Connect secret reached the log")
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// The Simulador local's training desk: the in-app simulator's Connect
// messages reach the receiver in-process, so a signature shows at once,
// while the status pass still waits its 20 minutes.
func TestDocuSignSimulatorConnectShowsAtOnce(t *testing.T) {
	var recv *signing.DocuSignReceiver
	simClient := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return recv.Transport().RoundTrip(r)
	})}
	f := newSyFixture(t, dssim.Options{ConnectSecret: "segredo-do-simulador-3f9a", ConnectClient: simClient})
	recv = signing.NewDocuSignReceiver(f.sy, f.sec, slog.New(slog.DiscardHandler))
	recv.SimulatorSecret = "segredo-do-simulador-3f9a"
	f.webhook = signing.SimulatorConnectURL(f.key.ID)
	id := f.send(41, 1, 2)
	before := f.dsim.TotalRequests()
	if err := f.dsim.Sign(id, "1"); err != nil {
		t.Fatal(err)
	}
	if v := f.view(41, id); v.State != crm.EnvelopeRunning || signerStates(v) != "assinou,pendente" {
		t.Fatalf("right after the desk's signature: %s %s", v.State, signerStates(v))
	}
	if err := f.dsim.Sign(id, "2"); err != nil {
		t.Fatal(err)
	}
	if v := f.view(41, id); v.State != crm.EnvelopeFinished || !v.HasSigned {
		t.Fatalf("right after the last signature: %s signed=%v", v.State, v.HasSigned)
	}
	// Only the signed PDF was fetched: the messages carried the facts.
	if n := f.dsim.TotalRequests() - before; n != 1 {
		t.Fatalf("%d requests, want 1 (the signed PDF)", n)
	}
	for _, d := range f.dsim.Deliveries() {
		if d.Status != http.StatusOK {
			t.Fatalf("delivery %s answered %d", d.Event, d.Status)
		}
	}
	// The simulator's secret speaks for Simulador local keys only.
	f.sy.DocuSign.Keys = syKeys{docusignID: f.key.ID, env: crm.EnvProduction}
	d := (&connectFixture{syFixture: f}).lastDelivery(id, "envelope-completed")
	if s, _ := recv.HandleDocuSign(context.Background(), strconv.FormatInt(f.key.ID, 10), http.Header{"X-Docusign-Signature-1": {d.Signature}}, d.Body); s != 401 {
		t.Fatalf("a Demo/Produção key accepted the simulator's secret: %d", s)
	}
	// And the transport posts nowhere else.
	if _, err := recv.Transport().RoundTrip(httptest.NewRequest(http.MethodPost, "http://example.com/webhooks/docusign/1", nil)); err == nil {
		t.Fatal("the simulator's transport posted to another host")
	}
}
