package signing_test

// DocuSign status sync against the DocuSign simulator and a real SQLite
// file: the local rows are those a DocuSign send leaves (envelope id =
// DocuSign's envelopeId, remote status "running", signer ids = recipientIds).

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/docusign"
	dssim "selo/backend/docusign/simulator"
	"selo/backend/signing"
)

// syClock is shared by the DocuSign client, its simulator and the Sender:
// sleeping advances it, so the 15/20-minute rules cost no wall-clock time.
type syClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *syClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *syClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.Advance(d)
	return nil
}

func (c *syClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

type syTokens struct{ base, account string }

func (t syTokens) Token(context.Context) (string, string, string, error) {
	return "simulador-local", t.base, t.account, nil
}

// syKeys says which key is the DocuSign one (the SQLite schema of this
// branch still allows only Clicksign in the provider column).
type syKeys struct {
	docusignID int64
	created    time.Time
	// env is the key's environment; "" means Simulador local.
	env crm.Environment
}

func (k syKeys) Get(_ context.Context, id int64) (crm.Integration, error) {
	in := crm.Integration{ID: id, Provider: crm.ProviderClicksign, Environment: crm.EnvSimulator}
	if k.env != "" {
		in.Environment = k.env
	}
	if id == k.docusignID {
		in.Provider, in.CreatedAt = crm.ProviderDocuSign, k.created
	}
	return in, nil
}

// syClients is a small DocuSignClients: one client, pointed at the simulator.
type syClients struct{ c *docusign.Client }

func (d syClients) Client(context.Context, crm.Integration) (*docusign.Client, error) {
	return d.c, nil
}

type syFixture struct {
	*fixture
	clock   *syClock
	dsim    *dssim.Simulator
	dsrv    *httptest.Server
	client  *docusign.Client
	sy      *signing.Syncer
	changes *[]signing.EnvelopeChange
	nextOp  int
	// webhook is the Connect URL new envelopes ask for ("" for none).
	webhook string
}

func newSyFixture(t *testing.T, opt dssim.Options) *syFixture {
	t.Helper()
	return newSyFixtureOn(t, newFixture(t), opt)
}

// newSyFixtureOn builds the DocuSign sync fixture on base's database
// (SQLite, or PostgreSQL from newPostgresFixture).
func newSyFixtureOn(t *testing.T, base *fixture, opt dssim.Options) *syFixture {
	t.Helper()
	f := &syFixture{fixture: base, clock: &syClock{now: time.Date(2026, 3, 2, 13, 5, 0, 0, time.UTC)}}
	opt.Now = f.clock.Now
	f.dsim = dssim.New(opt)
	f.dsrv = httptest.NewServer(f.dsim)
	t.Cleanup(f.dsrv.Close)
	f.client = docusign.New(syTokens{base: f.dsrv.URL, account: f.dsim.AccountID()},
		docusign.Options{Clock: f.clock, HTTPClient: &http.Client{Timeout: 10 * time.Second}})
	s := f.sender("")
	s.Now = f.clock.Now
	f.sy, f.changes = f.syncer(s)
	f.sy.DocuSign = &signing.DocuSignStatus{Keys: syKeys{docusignID: f.key.ID}, Clients: syClients{f.client}, Settings: f.db}
	return f
}

var syPDF = dssim.TextPDF([]string{"CONTRATO"}, []string{"Assinaturas"})

// send creates a DocuSign envelope with signers in the given routing
// orders and records it locally as the send does; it returns its id.
func (f *syFixture) send(reservationID int64, orders ...int) string {
	f.t.Helper()
	id, ref := f.sendRemote(orders...)
	f.record(reservationID, id, ref, orders...)
	return id
}

// sendRemote creates the envelope on DocuSign only (a send whose answer
// was lost); it returns its id and the send's reference.
func (f *syFixture) sendRemote(orders ...int) (id, ref string) {
	f.t.Helper()
	ctx := context.Background()
	f.nextOp++
	req := docusign.SendRequest{Reference: fmt.Sprintf("selo-ds-%d", f.nextOp), ReferenceCreated: f.clock.Now(),
		Subject: "Contratos", DocumentName: "Contratos.pdf", PDF: syPDF, ExpireAfterDays: 15, WebhookURL: f.webhook}
	for i, o := range orders {
		req.Signers = append(req.Signers, docusign.Signer{Name: fmt.Sprintf("Pessoa %d", i+1),
			Email: fmt.Sprintf("p%d@example.com", i+1), RoutingOrder: o})
	}
	env, err := f.client.Send(ctx, req)
	if err != nil {
		f.t.Fatal(err)
	}
	return env.ID, req.Reference
}

// record writes a DocuSign envelope locally as the send does (at once, or
// when it adopts one found by its reference).
func (f *syFixture) record(reservationID int64, envID, ref string, orders ...int) {
	f.t.Helper()
	ctx := context.Background()
	env := struct{ ID string }{envID}
	req := struct{ Reference string }{ref}
	now := f.clock.Now().UTC().Format(time.RFC3339Nano)
	deadline := f.clock.Now().AddDate(0, 0, 15).UTC().Format(time.RFC3339Nano)
	var op int64
	if err := f.db.QueryRowContext(ctx, `INSERT INTO send_operations (op_key, reservation_id, integration_id, name, status, step,
		envelope_id, document_id, deadline_at, created_at, updated_at) VALUES (?, ?, ?, ?, 'sent', 'notified', ?, ?, ?, ?, ?) RETURNING id`,
		req.Reference, reservationID, f.key.ID, "Contratos "+req.Reference, env.ID, env.ID, deadline, now, now).Scan(&op); err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.db.ExecContext(ctx, `INSERT INTO envelopes (id, operation_id, integration_id, reservation_id, document_id, name,
		status, deadline_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?, ?)`,
		env.ID, op, f.key.ID, reservationID, env.ID, "Contratos "+req.Reference, deadline, now, now); err != nil {
		f.t.Fatal(err)
	}
	for i, o := range orders {
		if _, err := f.db.ExecContext(ctx, `INSERT INTO envelope_signers (envelope_id, signer_id, position, person_key, name, email,
			group_no, state, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'pendente', ?)`,
			env.ID, fmt.Sprint(i+1), i+1, fmt.Sprintf("p%d", i+1), fmt.Sprintf("Pessoa %d", i+1),
			fmt.Sprintf("p%d@example.com", i+1), o, now); err != nil {
			f.t.Fatal(err)
		}
	}
}

// pass moves the clock past the pass interval and syncs everything.
func (f *syFixture) pass() bool {
	f.t.Helper()
	f.clock.Advance(signing.DocuSignPassInterval)
	changed, err := f.sy.Sync(context.Background(), 0)
	if err != nil {
		f.t.Fatal(err)
	}
	return changed
}

func (f *syFixture) view(reservationID int64, id string) crm.EnvelopeView {
	f.t.Helper()
	for _, v := range f.views(f.sy, reservationID) {
		if v.ID == id {
			return v
		}
	}
	f.t.Fatalf("envelope %s not on reservation %d", id, reservationID)
	return crm.EnvelopeView{}
}

func (f *syFixture) released(id string) bool {
	f.t.Helper()
	var active bool
	if err := f.db.QueryRowContext(context.Background(),
		`SELECT o.active FROM send_operations o JOIN envelopes e ON e.operation_id = o.id WHERE e.id = ?`, id).Scan(&active); err != nil {
		f.t.Fatal(err)
	}
	return !active
}

func TestDocuSignSyncSignOneThenTheRestFinishes(t *testing.T) {
	f := newSyFixture(t, dssim.Options{})
	id := f.send(41, 1, 2, 2)
	if v := f.view(41, id); signerStates(v) != "pendente,aguardando,aguardando" {
		t.Fatalf("before sync: %s", signerStates(v))
	}
	if err := f.dsim.Sign(id, "1"); err != nil {
		t.Fatal(err)
	}
	if !f.pass() {
		t.Fatal("the first signature was not reported as a change")
	}
	v := f.view(41, id)
	if v.State != crm.EnvelopeRunning || signerStates(v) != "assinou,pendente,pendente" || v.Signers[0].At.IsZero() {
		t.Fatalf("after one signature: %s %s", v.State, signerStates(v))
	}
	if len(v.Timeline) != 1 || v.Timeline[0].Signer != "Pessoa 1" {
		t.Fatalf("timeline = %+v", v.Timeline)
	}
	// Nothing new: the next pass changes nothing and writes no second
	// timeline entry for the same signature.
	if f.pass() {
		t.Fatal("an idle pass reported a change")
	}
	if v := f.view(41, id); len(v.Timeline) != 1 {
		t.Fatalf("timeline after an idle pass = %+v", v.Timeline)
	}
	for _, r := range []string{"2", "3"} {
		if err := f.dsim.Sign(id, r); err != nil {
			t.Fatal(err)
		}
	}
	f.pass()
	v = f.view(41, id)
	if v.State != crm.EnvelopeFinished || signerStates(v) != "assinou,assinou,assinou" || !v.HasSigned {
		t.Fatalf("after every signature: %s %s signed=%v", v.State, signerStates(v), v.HasSigned)
	}
	pdf, err := f.sy.SignedFile(id)
	if err != nil || string(pdf[:5]) != "%PDF-" {
		t.Fatalf("signed file: %v", err)
	}
	last := (*f.changes)[len(*f.changes)-1]
	if last.State != crm.EnvelopeFinished || last.EnvelopeID != id || last.ReservationID != 41 {
		t.Fatalf("last change = %+v", last)
	}
	// Finished: not followed any more, no request at all.
	before := f.dsim.TotalRequests()
	f.pass()
	if n := f.dsim.TotalRequests() - before; n != 0 {
		t.Fatalf("with nothing running a sync used %d requests", n)
	}
	if v := f.dsim.Violations(); len(v) != 0 {
		t.Fatalf("polling violations: %+v", v)
	}
}

func TestDocuSignSyncDeclineExpiryAndVoid(t *testing.T) {
	f := newSyFixture(t, dssim.Options{})
	declined := f.send(41, 1, 1)
	expired := f.send(42, 1)
	voided := f.send(43, 1, 1)
	if err := f.dsim.Sign(declined, "1"); err != nil {
		t.Fatal(err)
	}
	if err := f.dsim.Decline(declined, "2", "Valor errado"); err != nil {
		t.Fatal(err)
	}
	if err := f.dsim.Expire(expired); err != nil {
		t.Fatal(err)
	}
	if err := f.dsim.Sign(voided, "2"); err != nil {
		t.Fatal(err)
	}
	if err := f.client.Void(context.Background(), voided, "Reserva cancelada pela imobiliária"); err != nil {
		t.Fatal(err)
	}
	f.pass()
	v := f.view(41, declined)
	if v.State != crm.EnvelopeRefused || signerStates(v) != "assinou,recusou" || v.Signers[1].Reason != "Valor errado" {
		t.Fatalf("declined: %s %s %+v", v.State, signerStates(v), v.Signers)
	}
	if v := f.view(42, expired); v.State != crm.EnvelopeExpired || signerStates(v) != "pendente" {
		t.Fatalf("expired: %s %s", v.State, signerStates(v))
	}
	if v := f.view(43, voided); v.State != crm.EnvelopeCanceled || signerStates(v) != "pendente,assinou" {
		t.Fatalf("voided: %s %s", v.State, signerStates(v))
	}
	for _, id := range []string{declined, expired, voided} {
		if !f.released(id) {
			t.Fatalf("contracts of %s not freed to be sent again", id)
		}
	}
	refusals := 0
	for _, c := range *f.changes {
		refusals += len(c.Refusals)
	}
	if refusals != 1 {
		t.Fatalf("refusal notices: %d, want 1 (%+v)", refusals, *f.changes)
	}
}

// Passes keep DocuSign's polling rule whatever calls Sync: the Run loop's
// timer (every 30 s to 5 min) and "Atualizar" do not read an envelope twice
// within 15 minutes.
func TestDocuSignSyncKeepsThePollingRule(t *testing.T) {
	f := newSyFixture(t, dssim.Options{StrictPolling: true})
	id := f.send(41, 1)
	ctx := context.Background()
	f.pass()
	// The app restarts (or another PC takes the sync lease): a new client
	// with an empty limiter; the rule must hold from the database.
	f.client = docusign.New(syTokens{base: f.dsrv.URL, account: f.dsim.AccountID()},
		docusign.Options{Clock: f.clock, HTTPClient: &http.Client{Timeout: 10 * time.Second}})
	f.sy.DocuSign.Clients = syClients{f.client}
	before := f.dsim.TotalRequests()
	for range 10 {
		f.clock.Advance(30 * time.Second)
		if _, err := f.sy.Sync(ctx, 0); err != nil {
			t.Fatal(err)
		}
	}
	if n := f.dsim.TotalRequests() - before; n != 0 {
		t.Fatalf("timer syncs within the pass interval used %d requests", n)
	}
	if err := f.dsim.Sign(id, "1"); err != nil {
		t.Fatal(err)
	}
	// "Atualizar" 5 min after the pass read it: too soon, nothing sent.
	if _, err := f.sy.Refresh(ctx, 41); err != nil {
		t.Fatal(err)
	}
	if n := f.dsim.TotalRequests() - before; n != 0 {
		t.Fatalf("Atualizar within 15 minutes of the pass used %d requests", n)
	}
	// 16 minutes after: one GET of that envelope, and the signature shows.
	f.clock.Advance(11 * time.Minute)
	if _, err := f.sy.Refresh(ctx, 41); err != nil {
		t.Fatal(err)
	}
	// The GET, and the signed PDF since it finished.
	if n := f.dsim.TotalRequests() - before; n != 2 {
		t.Fatalf("Atualizar after 15 minutes used %d requests, want 2", n)
	}
	if v := f.view(41, id); v.State != crm.EnvelopeFinished {
		t.Fatalf("after Atualizar: %s", v.State)
	}
	if v := f.dsim.Violations(); len(v) != 0 {
		t.Fatalf("polling violations: %+v", v)
	}
}

// A pass whose signed-file download fails writes nothing and keeps its
// from_date, so the next pass reads the completion again.
func TestDocuSignSyncRetriesAFailedDownload(t *testing.T) {
	f := newSyFixture(t, dssim.Options{})
	id := f.send(41, 1)
	if err := f.dsim.Sign(id, "1"); err != nil {
		t.Fatal(err)
	}
	f.dsim.Inject(dssim.Fault{Method: "GET", Path: "/documents/combined", Status: 503, Times: 5})
	f.clock.Advance(signing.DocuSignPassInterval)
	if _, err := f.sy.Sync(context.Background(), 0); err == nil {
		t.Fatal("a failed download was not reported")
	}
	if v := f.view(41, id); v.State != crm.EnvelopeRunning || v.HasSigned {
		t.Fatalf("after a failed download: %s signed=%v", v.State, v.HasSigned)
	}
	f.pass()
	if v := f.view(41, id); v.State != crm.EnvelopeFinished || !v.HasSigned {
		t.Fatalf("next pass: %s signed=%v", v.State, v.HasSigned)
	}
}

// One status pass over 500 running envelopes of which 10 changed uses one
// listStatusChanges request and hits no limit.
func TestDocuSignStatusPassRequests(t *testing.T) {
	f := newSyFixture(t, dssim.Options{})
	ids := make([]string, 500)
	for i := range ids {
		ids[i] = f.send(int64(1000+i), 1)
	}
	f.pass() // the first pass reads the whole look-back once
	for _, id := range ids[200:210] {
		if err := f.dsim.Sign(id, "1"); err != nil {
			t.Fatal(err)
		}
	}
	before, dsBefore := f.dsim.TotalRequests(), f.sy.DocuSign.Requests
	f.pass()
	used := f.dsim.TotalRequests() - before
	finished := 0
	for _, id := range ids[200:210] {
		if v := f.view(int64(1000+indexOf(ids, id)), id); v.State == crm.EnvelopeFinished {
			finished++
		}
	}
	if finished != 10 {
		t.Fatalf("%d of 10 changed envelopes finished", finished)
	}
	// 1 listStatusChanges + 10 signed-PDF downloads.
	if used != 11 || f.sy.DocuSign.Requests-dsBefore != used {
		t.Fatalf("pass used %d requests (counted %d), want 11", used, f.sy.DocuSign.Requests-dsBefore)
	}
	if n, v := f.dsim.LimitRefusals(), f.dsim.Violations(); n != 0 || len(v) != 0 {
		t.Fatalf("%d limit refusals, %d polling violations", n, len(v))
	}
	fmt.Printf("docusign_status_pass_requests: %d (1 listStatusChanges + %d signed-PDF downloads)\n", used, used-1)
	fmt.Printf("docusign_status_pass_limit_errors: %d\n", f.dsim.LimitRefusals())
}

func indexOf(ids []string, id string) int {
	for i, x := range ids {
		if x == id {
			return i
		}
	}
	return -1
}

// The background loop (Run) syncs DocuSign keys through the pass too.
func TestDocuSignSyncRunsInTheBackgroundLoop(t *testing.T) {
	f := newSyFixture(t, dssim.Options{})
	id := f.send(41, 1)
	if err := f.dsim.Sign(id, "1"); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); f.sy.Run(ctx, func(err error) { t.Errorf("Run: %v", err) }) }()
	defer func() { cancel(); <-done }()
	deadline := time.Now().Add(5 * time.Second)
	for {
		var state string
		if err := f.db.QueryRowContext(context.Background(), `SELECT state FROM envelopes WHERE id = ?`, id).Scan(&state); err != nil {
			t.Fatal(err)
		}
		if state == string(crm.EnvelopeFinished) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("Run did not sync the DocuSign envelope: %s", state)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A key's first pass reads from shortly before the key was created, not
// the whole 91-day look-back, and the next pass from where the last ended.
func TestDocuSignFirstPassStartsAtTheKey(t *testing.T) {
	f := newSyFixture(t, dssim.Options{})
	created := f.clock.Now().Add(-48 * time.Hour)
	f.sy.DocuSign.Keys = syKeys{docusignID: f.key.ID, created: created}
	var froms []string
	f.client = docusign.New(syTokens{base: f.dsrv.URL, account: f.dsim.AccountID()},
		docusign.Options{Clock: f.clock, HTTPClient: &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			if v := r.URL.Query().Get("from_date"); v != "" {
				froms = append(froms, v)
			}
			return http.DefaultTransport.RoundTrip(r)
		})}})
	f.sy.DocuSign.Clients = syClients{f.client}
	f.send(41, 1)
	f.pass()
	f.pass()
	want := created.Add(-time.Hour).UTC().Format("2006-01-02T15:04:05Z")
	if len(froms) != 2 || froms[0] != want || froms[1] <= froms[0] {
		t.Fatalf("from_dates = %v, want %s first then later", froms, want)
	}
}

// The same pass on the office's PostgreSQL: the from_date is shared through
// the database, so another PC (a new Syncer and client) keeps the interval.
func TestDocuSignSyncOnPostgres(t *testing.T) {
	base, _, _ := newPostgresFixture(t)
	f := newSyFixtureOn(t, base, dssim.Options{StrictPolling: true})
	id := f.send(41, 1, 1)
	declined := f.send(42, 1)
	if err := f.dsim.Sign(id, "1"); err != nil {
		t.Fatal(err)
	}
	if err := f.dsim.Decline(declined, "1", "Dados errados"); err != nil {
		t.Fatal(err)
	}
	f.pass()
	if v := f.view(41, id); v.State != crm.EnvelopeRunning || signerStates(v) != "assinou,pendente" {
		t.Fatalf("after one signature: %s %s", v.State, signerStates(v))
	}
	if v := f.view(42, declined); v.State != crm.EnvelopeRefused || !f.released(declined) {
		t.Fatalf("declined: %s", v.State)
	}
	// Another PC takes over 5 minutes later: no pass before the interval.
	other := &signing.Syncer{Sender: f.sy.Sender, Store: f.db.Envelopes(), Files: f.sy.Files,
		DocuSign: &signing.DocuSignStatus{Keys: f.sy.DocuSign.Keys, Settings: f.db,
			Clients: syClients{docusign.New(syTokens{base: f.dsrv.URL, account: f.dsim.AccountID()}, docusign.Options{Clock: f.clock})}}}
	f.clock.Advance(5 * time.Minute)
	before := f.dsim.TotalRequests()
	if _, err := other.Sync(context.Background(), 0); err != nil {
		t.Fatal(err)
	}
	if n := f.dsim.TotalRequests() - before; n != 0 {
		t.Fatalf("the other PC passed within the interval: %d requests", n)
	}
	if err := f.dsim.Sign(id, "2"); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(signing.DocuSignPassInterval)
	if _, err := other.Sync(context.Background(), 0); err != nil {
		t.Fatal(err)
	}
	if v := f.view(41, id); v.State != crm.EnvelopeFinished || !v.HasSigned {
		t.Fatalf("after the other PC's pass: %s signed=%v", v.State, v.HasSigned)
	}
	if v := f.dsim.Violations(); len(v) != 0 {
		t.Fatalf("polling violations: %+v", v)
	}
}
