package signing_test

// "Reenviar notificação" and "Cancelar envio" against the simulator
// (httptest) and a real SQLite file, as sync_test.go.

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/signing"
)

// clock is a settable clock for the Sender.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// actionsFixture sends the fixture's request with João (broker) moved to
// order 1, so two people sign first — Maria and João — and Ana (witness)
// waits for order 2.
type actionsFixture struct {
	*fixture
	clock   *clock
	sy      *signing.Syncer
	actions *signing.Actions
	changes *[]signing.EnvelopeChange
	env     crm.EnvelopeView
}

func newActionsFixture(t *testing.T) *actionsFixture {
	t.Helper()
	f := newFixture(t)
	s := f.sender("")
	clk := &clock{t: time.Now()}
	s.Now = clk.now
	req := f.request()
	req.Signers[0][1].SendOrder = 1
	if _, err := s.Run(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	sy, changes := f.syncer(s)
	a := &actionsFixture{fixture: f, clock: clk, sy: sy, actions: signing.NewActions(sy), changes: changes}
	a.env = f.views(sy, 41)[0]
	if got := signerStates(a.env); got != "pendente,pendente,aguardando" {
		t.Fatalf("signers = %s, want Maria and João first", got)
	}
	return a
}

// signer returns the id of the signer whose name starts with name.
func (a *actionsFixture) signer(name string) string {
	a.t.Helper()
	for _, g := range a.env.Signers {
		if strings.HasPrefix(g.Name, name) {
			return g.ID
		}
	}
	a.t.Fatalf("no signer %s in %+v", name, a.env.Signers)
	return ""
}

// notifiedSince lists who the simulator notified after the first n
// notifications, as signer ids.
func (a *actionsFixture) notifiedSince(n int) []string {
	var out []string
	for _, x := range a.sim.Notifications()[n:] {
		out = append(out, x.SignerID)
	}
	return out
}

// minutePasses moves both clocks past Clicksign's one-per-minute window.
func (a *actionsFixture) minutePasses() {
	a.t.Helper()
	a.clock.advance(61 * time.Second)
	if err := a.sim.Advance(61 * time.Second); err != nil {
		a.t.Fatal(err)
	}
}

func waitSeconds(t *testing.T, err error) int {
	t.Helper()
	e := crm.AsError(err)
	if err == nil || e.Code != signing.CodeNotifyWait {
		t.Fatalf("err = %v, want %s", err, signing.CodeNotifyWait)
	}
	secs, _ := e.Data["seconds"].(int)
	return secs
}

func TestResendOneSignerReachesOnlyThatSignerOnceAMinute(t *testing.T) {
	a := newActionsFixture(t)
	ctx := context.Background()
	joao, maria := a.signer("João"), a.signer("Maria")
	before := len(a.sim.Notifications())

	res, err := a.actions.Resend(ctx, a.env.ID, joao)
	if err != nil {
		t.Fatal(err)
	}
	if got := a.notifiedSince(before); len(got) != 1 || got[0] != joao {
		t.Fatalf("notified %v, want only João (%s)", got, joao)
	}
	if len(res.Notified) != 1 || res.Notified[0] != "João Pereira" {
		t.Fatalf("result = %+v", res)
	}

	// 18 s later: refused here with the seconds left, nothing sent.
	a.clock.advance(18 * time.Second)
	a.sim.ResetRequestCounts()
	_, err = a.actions.Resend(ctx, a.env.ID, joao)
	if secs := waitSeconds(t, err); secs != 42 {
		t.Fatalf("wait = %d s, want 42", secs)
	}
	if n := a.sim.TotalRequests(); n != 0 {
		t.Fatalf("a refused resend made %d requests", n)
	}

	// Maria's endpoint has its own minute.
	if res, err := a.actions.Resend(ctx, a.env.ID, maria); err != nil || len(res.Notified) != 1 || res.Notified[0] != "Maria Souza" {
		t.Fatalf("Maria: %+v %v", res, err)
	}

	a.minutePasses()
	if _, err := a.actions.Resend(ctx, a.env.ID, joao); err != nil {
		t.Fatalf("after a minute: %v", err)
	}
	if got := a.notifiedSince(before); len(got) != 3 || got[2] != joao {
		t.Fatalf("notified %v", got)
	}
}

func TestResendGroupReachesWhoseTurnItIs(t *testing.T) {
	a := newActionsFixture(t)
	ctx := context.Background()
	before := len(a.sim.Notifications())

	// The send notified the group a moment ago: Clicksign's 429 becomes
	// the same wait, and the next click is answered without a request.
	_, err := a.actions.Resend(ctx, a.env.ID, "")
	if secs := waitSeconds(t, err); secs < 1 || secs > 60 {
		t.Fatalf("wait = %d s", secs)
	}
	a.sim.ResetRequestCounts()
	_, err = a.actions.Resend(ctx, a.env.ID, "")
	waitSeconds(t, err)
	if n := a.sim.TotalRequests(); n != 0 {
		t.Fatalf("second refused resend made %d requests", n)
	}

	a.minutePasses()
	res, err := a.actions.Resend(ctx, a.env.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, id := range a.notifiedSince(before) {
		got[id] = true
	}
	if len(got) != 2 || !got[a.signer("Maria")] || !got[a.signer("João")] {
		t.Fatalf("notified %v, want Maria and João only", got)
	}
	if strings.Join(res.Notified, ",") != "Maria Souza,João Pereira" {
		t.Fatalf("result = %+v", res)
	}
}

func TestResendRefusesWhoCannotBeNotified(t *testing.T) {
	a := newActionsFixture(t)
	ctx := context.Background()
	a.sim.ResetRequestCounts()
	cases := []struct {
		name, envelope, signer, code string
	}{
		{"not their turn", a.env.ID, a.signer("Ana"), signing.CodeSignerNotTurn},
		{"unknown signer", a.env.ID, "nobody", crm.CodeNotFound},
		{"unknown envelope", "nope", "", crm.CodeNotFound},
	}
	for _, c := range cases {
		if _, err := a.actions.Resend(ctx, c.envelope, c.signer); codeOf(err) != c.code {
			t.Fatalf("%s: err = %v, want %s", c.name, err, c.code)
		}
	}
	if err := a.sim.Sign(a.env.ID, a.signer("Maria")); err != nil {
		t.Fatal(err)
	}
	if _, err := a.sy.Sync(ctx, 41); err != nil {
		t.Fatal(err)
	}
	n := a.sim.TotalRequests()
	_, err := a.actions.Resend(ctx, a.env.ID, a.signer("Maria"))
	if e := crm.AsError(err); e == nil || e.Code != signing.CodeSignerDone || e.Data["name"] != "Maria Souza" {
		t.Fatalf("signed signer: %v", err)
	}
	if a.sim.TotalRequests() != n {
		t.Fatal("a refused resend reached Clicksign")
	}
}

func TestCancelReleasesTheContractsOnce(t *testing.T) {
	a := newActionsFixture(t)
	ctx := context.Background()
	if err := a.actions.Cancel(ctx, a.env.ID); err != nil {
		t.Fatal(err)
	}
	if st, _ := a.sim.EnvelopeStatus(a.env.ID); st != "canceled" {
		t.Fatalf("simulator envelope = %s", st)
	}
	v := a.views(a.sy, 41)[0]
	if v.State != crm.EnvelopeCanceled {
		t.Fatalf("local state = %s", v.State)
	}
	if last := v.Timeline[len(v.Timeline)-1]; last.Name != "cancel" {
		t.Fatalf("timeline = %+v", v.Timeline)
	}
	sent, err := a.db.Envelopes().SentContracts(ctx, []int64{11, 12})
	if err != nil || sent[11] || sent[12] {
		t.Fatalf("contracts still sent: %v %v", sent, err)
	}
	var active int
	if err := a.db.QueryRowContext(ctx, `SELECT active FROM send_operations WHERE envelope_id = ?`, a.env.ID).Scan(&active); err != nil || active != 0 {
		t.Fatalf("operation active = %d (%v), want released", active, err)
	}
	if len(*a.changes) != 1 || (*a.changes)[0].State != crm.EnvelopeCanceled || (*a.changes)[0].Name != "Reserva 41 — Apto 302" {
		t.Fatalf("changes = %+v", *a.changes)
	}

	// A second click: nothing sent, nothing changed, no error.
	before := dbDump(t, a.fixture)
	a.sim.ResetRequestCounts()
	if err := a.actions.Cancel(ctx, a.env.ID); err != nil {
		t.Fatalf("second cancel: %v", err)
	}
	if n := a.sim.TotalRequests(); n != 0 || dbDump(t, a.fixture) != before || len(*a.changes) != 1 {
		t.Fatalf("second cancel: %d requests, %d changes", n, len(*a.changes))
	}
	if _, err := a.actions.Resend(ctx, a.env.ID, ""); codeOf(err) != signing.CodeNotRunning {
		t.Fatalf("resend after cancel: %v", err)
	}
}

func TestCancelServerErrorLeavesTheStateAsItWas(t *testing.T) {
	a := newActionsFixture(t)
	ctx := context.Background()
	before := dbDump(t, a.fixture)
	a.sim.InjectFault(simFault(500, "PATCH", "/documents/", 10))
	err := a.actions.Cancel(ctx, a.env.ID)
	if code := codeOf(err); code != crm.CodeServiceError {
		t.Fatalf("err = %v (%s)", err, code)
	}
	if after := dbDump(t, a.fixture); after != before {
		t.Fatalf("a failed cancel changed the database:\n%s\nwas\n%s", after, before)
	}
	if st, _ := a.sim.EnvelopeStatus(a.env.ID); st != "running" {
		t.Fatalf("simulator envelope = %s", st)
	}
	if sent, _ := a.db.Envelopes().SentContracts(ctx, []int64{11, 12}); !sent[11] || !sent[12] {
		t.Fatal("contracts released by a failed cancel")
	}
	a.sim.ClearFaults()
	if err := a.actions.Cancel(ctx, a.env.ID); err != nil {
		t.Fatalf("retry: %v", err)
	}
	if v := a.views(a.sy, 41)[0]; v.State != crm.EnvelopeCanceled {
		t.Fatalf("after retry: %s", v.State)
	}
}

// TestCancelAfterTheLastSignatureSyncsInstead: everyone signed on
// Clicksign since the last sync; the cancel records the signature and says
// the envelope had ended, rather than failing or cancelling it.
func TestCancelAfterTheLastSignatureSyncsInstead(t *testing.T) {
	a := newActionsFixture(t)
	ctx := context.Background()
	for _, name := range []string{"Maria", "João", "Ana"} {
		if err := a.sim.Sign(a.env.ID, a.signer(name)); err != nil {
			t.Fatal(err)
		}
	}
	err := a.actions.Cancel(ctx, a.env.ID)
	if e := crm.AsError(err); e == nil || e.Code != signing.CodeNotRunning || e.Data["state"] != crm.EnvelopeFinished {
		t.Fatalf("err = %v", err)
	}
	if v := a.views(a.sy, 41)[0]; v.State != crm.EnvelopeFinished || !v.HasSigned {
		t.Fatalf("local = %s signed file %v", v.State, v.HasSigned)
	}
	if last := (*a.changes)[len(*a.changes)-1]; last.State != crm.EnvelopeFinished {
		t.Fatalf("changes = %+v", *a.changes)
	}
}

// TestSyncNamesARefusalOnce: the change a refusal raises names the signer
// and the reason, once.
func TestSyncNamesARefusalOnce(t *testing.T) {
	a := newActionsFixture(t)
	ctx := context.Background()
	if err := a.sim.Refuse(a.env.ID, a.signer("João"), "Valor errado"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.sy.Sync(ctx, 41); err != nil {
		t.Fatal(err)
	}
	if len(*a.changes) != 1 {
		t.Fatalf("changes = %+v", *a.changes)
	}
	c := (*a.changes)[0]
	if c.State != crm.EnvelopeRefused || len(c.Refusals) != 1 || c.Refusals[0].Signer != "João Pereira" || c.Refusals[0].Reason != "Valor errado" {
		t.Fatalf("change = %+v", c)
	}
	// Maria signs later: that change does not repeat the refusal.
	if err := a.sim.Sign(a.env.ID, a.signer("Maria")); err != nil {
		t.Fatal(err)
	}
	if _, err := a.sy.Sync(ctx, 41); err != nil {
		t.Fatal(err)
	}
	if last := (*a.changes)[len(*a.changes)-1]; len(*a.changes) != 2 || len(last.Refusals) != 0 {
		t.Fatalf("changes = %+v", *a.changes)
	}
	// The refused envelope still runs on Clicksign: it can be cancelled,
	// and its contracts are then free to be sent again.
	if err := a.actions.Cancel(ctx, a.env.ID); err != nil {
		t.Fatal(err)
	}
	if sent, _ := a.db.Envelopes().SentContracts(ctx, []int64{11, 12}); sent[11] || sent[12] {
		t.Fatal("contracts of a cancelled refused envelope still sent")
	}
	if v := a.views(a.sy, 41)[0]; v.State != crm.EnvelopeRefused {
		t.Fatalf("state = %s, want recusado kept", v.State)
	}
}

// laggingEnvelope answers every envelope read with status running, as
// Clicksign may while its envelope status lags the documents.
type laggingEnvelope struct{ h http.Handler }

func (l *laggingEnvelope) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet || !strings.Contains(r.URL.Path, "/envelopes/") || strings.Count(r.URL.Path, "/") > 4 {
		l.h.ServeHTTP(w, r)
		return
	}
	rec := httptest.NewRecorder()
	l.h.ServeHTTP(rec, r)
	body := bytes.Replace(rec.Body.Bytes(), []byte(`"status":"canceled"`), []byte(`"status":"running"`), 1)
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.Header().Del("Content-Length")
	w.WriteHeader(rec.Code)
	_, _ = w.Write(body)
}

// TestCancelReleasesWhileClicksignsEnvelopeLags: the documents are
// cancelled but the envelope still reads running; the contracts are free
// at once all the same.
func TestCancelReleasesWhileClicksignsEnvelopeLags(t *testing.T) {
	a := newActionsFixture(t)
	ctx := context.Background()
	srv := httptest.NewServer(&laggingEnvelope{h: a.sim})
	t.Cleanup(srv.Close)
	a.sy.Sender = a.sender(srv.URL + "/api/v3")
	if err := a.actions.Cancel(ctx, a.env.ID); err != nil {
		t.Fatal(err)
	}
	if v := a.views(a.sy, 41)[0]; v.State != crm.EnvelopeCanceled {
		t.Fatalf("state = %s", v.State)
	}
	if sent, _ := a.db.Envelopes().SentContracts(ctx, []int64{11, 12}); sent[11] || sent[12] {
		t.Fatal("contracts still sent while the envelope status lags")
	}
}
