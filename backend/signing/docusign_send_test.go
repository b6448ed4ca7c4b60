package signing_test

// The DocuSign send against the DocuSign simulator (httptest), the same
// SQLite database, keys service and PDFs as the Clicksign send's tests
// (send_test.go's fixture), so both providers can send side by side.

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/docusign"
	"selo/backend/docusign/oauth"
	"selo/backend/docusign/oauth/oauthtest"
	dssim "selo/backend/docusign/simulator"
	"selo/backend/pdfs"
	"selo/backend/secrets"
	"selo/backend/signing"
)

// dsKeys is the keys service with some keys turned into DocuSign ones, the
// shape integrations.Service gives them once it stores DocuSign accounts:
// the key, and no Clicksign token.
type dsKeys struct {
	inner signing.KeyTokens
	mu    sync.Mutex
	ds    map[int64]crm.Integration
}

func (k *dsKeys) Token(ctx context.Context, id int64) (crm.Integration, string, error) {
	k.mu.Lock()
	key, ok := k.ds[id]
	k.mu.Unlock()
	if ok {
		return key, "", crm.E(crm.CodeTokenMissing, "description", key.Description)
	}
	return k.inner.Token(ctx, id)
}

func (k *dsKeys) set(key crm.Integration) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.ds[key.ID] = key
}

// dsClock advances on Sleep, so the client's backoff and rate-limit waits
// cost no wall-clock time; slept says how long it was asked to wait.
type dsClock struct {
	mu     sync.Mutex
	offset time.Duration
	slept  time.Duration
}

func (c *dsClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

func (c *dsClock) Sleep(ctx context.Context, d time.Duration) error {
	if d > 0 {
		c.mu.Lock()
		c.offset += d
		c.slept += d
		c.mu.Unlock()
	}
	return ctx.Err()
}

func (c *dsClock) total() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.slept
}

// dsCall is one request the DocuSign client sent.
type dsCall struct {
	method, path string
	body         []byte
}

// dsRecorder carries the DocuSign client's requests and keeps them.
type dsRecorder struct {
	// delay is added to every request (the bench's network).
	delay time.Duration
	mu    sync.Mutex
	calls []dsCall
}

func (r *dsRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
		req.Body.Close()
		req.Body = io.NopCloser(bytes.NewReader(body))
	}
	r.mu.Lock()
	r.calls = append(r.calls, dsCall{req.Method, req.URL.Path, body})
	r.mu.Unlock()
	if r.delay > 0 {
		time.Sleep(r.delay)
	}
	return http.DefaultTransport.RoundTrip(req)
}

func (r *dsRecorder) all() []dsCall {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]dsCall(nil), r.calls...)
}

// creates are the envelope creates sent.
func (r *dsRecorder) creates() []dsCall {
	var out []dsCall
	for _, c := range r.all() {
		if c.method == http.MethodPost && strings.HasSuffix(c.path, "/envelopes") {
			out = append(out, c)
		}
	}
	return out
}

type dsFixture struct {
	*fixture
	dsim  *dssim.Simulator
	dsrv  *httptest.Server
	rec   *dsRecorder
	clock *dsClock
	dskey crm.Integration
	keys  *dsKeys
	conn  *signing.DocuSignConnector
	// dsInflight counts the DocuSign simulator's requests being handled.
	dsInflight *sync.WaitGroup
}

// newDSFixture adds to the Clicksign fixture a DocuSign simulator and a
// DocuSign "Simulador local" key.
func newDSFixture(t *testing.T) *dsFixture {
	t.Helper()
	return dsFixtureOn(t, newFixture(t))
}

// dsFixtureOn adds the DocuSign side to a Clicksign fixture (SQLite or the
// office's PostgreSQL).
func dsFixtureOn(t *testing.T, f *fixture) *dsFixture {
	t.Helper()
	t.Cleanup(signing.SetDocuSignRetryBackoff(time.Millisecond))
	sim := dssim.New(dssim.Options{})
	inflight := &sync.WaitGroup{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		inflight.Add(1)
		defer inflight.Done()
		sim.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	// The keys table holds every key; the wrapper makes this one DocuSign.
	row, err := f.keys.Save(context.Background(), crm.IntegrationInput{Description: "DocuSign teste", Environment: crm.EnvSandbox, Token: "placeholder-token-9876"})
	if err != nil {
		t.Fatal(err)
	}
	row.Provider, row.Environment = crm.ProviderDocuSign, crm.EnvSimulator
	keys := &dsKeys{inner: f.keys, ds: map[int64]crm.Integration{}}
	keys.set(row)
	rec := &dsRecorder{}
	clock := &dsClock{}
	conn := &signing.DocuSignConnector{
		SimulatorURL:       func() (string, error) { return srv.URL, nil },
		SimulatorAccountID: dssim.DefaultAccountID,
		Options:            docusign.Options{HTTPClient: &http.Client{Transport: rec, Timeout: 20 * time.Second}, Clock: clock},
	}
	return &dsFixture{fixture: f, dsim: sim, dsrv: srv, rec: rec, clock: clock, dskey: row, keys: keys, conn: conn, dsInflight: inflight}
}

// sender is a NEW Sender on the fixture's database (a restarted app) that
// speaks both providers.
func (d *dsFixture) sender() *signing.Sender {
	return d.senderOn(d.db.Envelopes())
}

func (d *dsFixture) senderOn(store signing.SendStore) *signing.Sender {
	f := d.fixture
	cs := &signing.Connector{BaseURLs: map[crm.Environment]string{crm.EnvSandbox: f.base}}
	s := signing.NewSender(store, d.keys, cs, func(name string, data any) {
		f.mu.Lock()
		f.events = append(f.events, event{name, data})
		f.mu.Unlock()
	})
	s.Log = slog.New(slog.NewTextHandler(f.logBuf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s.DocuSign = d.conn
	return s
}

// dsRequest is two contracts for reservation resID on the DocuSign key:
// Maria (holder) signs both, João (broker) the first, Ana (witness, by SMS
// with an e-mail too) the second: 3 signers, the way DocuSign can take them.
func (d *dsFixture) dsRequest(resID int64) signing.SendRequest {
	maria := person("Maria  Souza", "maria@exemplo.com.br", "(11) 98888-7777", "111.444.777-35")
	joao := person("João Pereira", "joao@imob.com.br", "", "")
	witness := rule(crm.SignerWitness, 2, func(r *crm.SignerRule) { r.Delivery = crm.ChannelSMS })
	witness.FixedPerson = person("Ana Lima", "ana@exemplo.com.br", "11 97777-6666", "")
	doc1 := []crm.ResolvedSigner{
		crm.ResolveSigner(rule(crm.SignerHolder, 1, nil), maria),
		crm.ResolveSigner(rule(crm.SignerBroker, 2, nil), joao),
	}
	doc2 := []crm.ResolvedSigner{
		crm.ResolveSigner(rule(crm.SignerHolder, 1, nil), maria),
		crm.ResolveSigner(witness, crm.FixedPerson{}),
	}
	return signing.SendRequest{
		ReservationID: resID, ContractIDs: []int64{22, 21}, IntegrationID: d.dskey.ID,
		EnvelopeName: fmt.Sprintf("Reserva %d — Apto 1201", resID),
		Documents: []signing.SendDocument{
			{Name: "Contrato de compra e venda", PDF: readPDF(d.t, "contract.pdf")},
			{Name: "Anexo", PDF: readPDF(d.t, "letter.pdf")},
		},
		Signers: [][]crm.ResolvedSigner{doc1, doc2},
	}
}

// wireEnvelope is the part of the create's body the tests look at.
type wireEnvelope struct {
	TransactionID string `json:"transactionId"`
	Documents     []struct {
		DocumentBase64 string `json:"documentBase64"`
	} `json:"documents"`
	Recipients struct {
		Signers []struct {
			RecipientID string `json:"recipientId"`
			Name        string `json:"name"`
			Tabs        *struct {
				SignHereTabs []struct {
					PageNumber string `json:"pageNumber"`
				} `json:"signHereTabs"`
			} `json:"tabs"`
		} `json:"signers"`
	} `json:"recipients"`
}

// checkDSSent asserts the end state of one DocuSign send of reservation
// resID: ONE envelope on the simulator, sent, with the 3 merged signers;
// the document is the merged contracts with their marks off plus ONE
// appended page carrying exactly one signature per signer; locally the
// operation is sent and its envelope and 3 pending signers are recorded.
func (d *dsFixture) checkDSSent(opID, resID int64) string {
	t := d.t
	t.Helper()
	ctx := context.Background()
	ids := d.dsim.EnvelopeIDs()
	if len(ids) != 1 {
		t.Fatalf("DocuSign simulator holds %d envelopes, want 1", len(ids))
	}
	status, recips, _ := d.dsim.EnvelopeStatus(ids[0])
	if status != docusign.StatusSent || len(recips) != 3 {
		t.Fatalf("simulator envelope %s with %v, want sent with 3 signers", status, recips)
	}
	creates := d.rec.creates()
	if len(creates) == 0 {
		t.Fatal("no envelope create was sent")
	}
	var body wireEnvelope
	if err := json.Unmarshal(creates[len(creates)-1].body, &body); err != nil {
		t.Fatal(err)
	}
	pdf, err := base64.StdEncoding.DecodeString(body.Documents[0].DocumentBase64)
	if err != nil {
		t.Fatal(err)
	}
	info, err := pdfs.Inspect(pdf)
	if err != nil {
		t.Fatal(err)
	}
	contract, _ := pdfs.Inspect(readPDF(t, "contract.pdf"))
	letter, _ := pdfs.Inspect(readPDF(t, "letter.pdf"))
	if want := contract.Pages + letter.Pages + 1; info.Pages != want {
		t.Fatalf("document has %d pages, want %d (contracts + the signature page)", info.Pages, want)
	}
	if info.Marks != 0 || info.MarkAnnotations != 0 {
		t.Fatalf("document still has %d marks, %d mark annotations", info.Marks, info.MarkAnnotations)
	}
	names := map[string]bool{}
	for _, s := range body.Recipients.Signers {
		if s.Tabs == nil || len(s.Tabs.SignHereTabs) != 1 || s.Tabs.SignHereTabs[0].PageNumber != fmt.Sprint(info.Pages) {
			t.Fatalf("signer %s has tabs %+v, want one signature on page %d", s.Name, s.Tabs, info.Pages)
		}
		names[s.Name] = true
	}
	if len(names) != 3 || !names["Maria Souza"] || !names["João Pereira"] || !names["Ana Lima"] {
		t.Fatalf("signers %v", names)
	}
	op, err := d.db.Envelopes().Send(ctx, opID)
	if err != nil {
		t.Fatal(err)
	}
	if op.Status != signing.SendSent || op.Step != signing.StepNotified || op.EnvelopeID != ids[0] {
		t.Fatalf("operation %s/%s env %q, want sent/notified %s", op.Status, op.Step, op.EnvelopeID, ids[0])
	}
	if !strings.HasPrefix(body.TransactionID, "selo-") || !strings.HasSuffix(op.RemoteName, strings.TrimPrefix(body.TransactionID, "selo-")) {
		t.Fatalf("reference %q does not come from the stored operation (%q)", body.TransactionID, op.RemoteName)
	}
	local, err := d.db.Envelopes().ListEnvelopes(ctx, resID)
	if err != nil {
		t.Fatal(err)
	}
	if len(local) != 1 || local[0].ID != ids[0] || local[0].Status != "running" || len(local[0].Signers) != 3 ||
		local[0].IntegrationID != d.dskey.ID || local[0].DeadlineAt.IsZero() || local[0].DocumentID != "1" {
		t.Fatalf("local envelopes = %+v", local)
	}
	for _, g := range local[0].Signers {
		if g.State != "pendente" || recips[g.SignerID] == "" {
			t.Fatalf("local signer %+v does not match the simulator's %v", g, recips)
		}
	}
	return ids[0]
}

func (d *dsFixture) checkLogs() {
	d.fixture.checkLogs()
	if logs := d.logBuf.String(); strings.Contains(logs, "11977776666") || strings.Contains(logs, "97777-6666") {
		d.t.Fatalf("log leaks a phone:\n%s", logs)
	}
}

// One click sends ONE envelope in ONE request: the merged PDF with its
// marks off plus the "Assinaturas" page, one signature per signer in their
// box, and the progress the screen shows.
func TestDocuSignSendOneEnvelopeOneRequest(t *testing.T) {
	d := newDSFixture(t)
	s := d.sender()
	opID, err := s.Run(context.Background(), d.dsRequest(51))
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	d.checkDSSent(opID, 51)
	calls := d.rec.all()
	if len(calls) != 1 {
		t.Fatalf("%d DocuSign requests per send, want 1: %+v", len(calls), calls)
	}
	t.Logf("requests per DocuSign send: %d", len(calls))
	steps := d.progressSteps()
	want := []string{signing.ProgressValidating, signing.ProgressMerging, signing.ProgressUploading, signing.ProgressActivating, signing.ProgressDone}
	if strings.Join(steps, "|") != strings.Join(want, "|") {
		t.Fatalf("progress %q, want %q", steps, want)
	}
	// Again with the same contracts: the same operation, nothing sent.
	again, err := d.sender().Run(context.Background(), d.dsRequest(51))
	if err != nil || again != opID || len(d.rec.all()) != 1 {
		t.Fatalf("second click: op %d (want %d), %v, %d requests", again, opID, err, len(d.rec.all()))
	}
	d.checkLogs()
}

// The answer to the create is lost: the client looks the reference up in
// the same run and adopts the envelope DocuSign made. When the look-up
// fails too, the run stops as "outcome unknown"; Tentar novamente (after
// a restart) looks again with Resume and still makes no second envelope.
func TestDocuSignSendLostAnswerNeverMakesTwo(t *testing.T) {
	t.Run("found in the same run", func(t *testing.T) {
		d := newDSFixture(t)
		d.dsim.Inject(dssim.Fault{Method: http.MethodPost, Path: "/envelopes", DropAnswer: true})
		opID, err := d.sender().Run(context.Background(), d.dsRequest(52))
		if err != nil {
			t.Fatalf("send: %v", err)
		}
		d.checkDSSent(opID, 52)
		if n := len(d.rec.creates()); n != 1 {
			t.Fatalf("%d creates, want 1", n)
		}
	})
	t.Run("a look-up that lags behind the create", func(t *testing.T) {
		// No answer to the create, and DocuSign's search does not show the
		// new envelope for the next two look-ups: the run must look again,
		// never create again.
		d := newDSFixture(t)
		d.dsim.Inject(dssim.Fault{Method: http.MethodPost, Path: "/envelopes", DropAnswer: true})
		d.dsim.Inject(dssim.Fault{Method: http.MethodGet, Path: "/envelopes", EmptyList: true, Times: 2})
		opID, err := d.sender().Run(context.Background(), d.dsRequest(54))
		if err != nil {
			t.Fatalf("send: %v", err)
		}
		d.checkDSSent(opID, 54)
		if n := d.dsim.EnvelopeCount(); n != 1 {
			t.Fatalf("simulator holds %d envelopes, want 1", n)
		}
	})
	t.Run("resumed after a restart", func(t *testing.T) {
		d := newDSFixture(t)
		d.dsim.Inject(dssim.Fault{Method: http.MethodPost, Path: "/envelopes", DropAnswer: true})
		// Every look-up of this run fails (3 client attempts × 3 send attempts).
		d.dsim.Inject(dssim.Fault{Method: http.MethodGet, Path: "/envelopes", Status: 503, Times: 100})
		// The envelope exists on DocuSign, the run cannot tell.
		opID, err := d.sender().Run(context.Background(), d.dsRequest(53))
		if codeOf(err) != signing.CodeDSOutcomeUnknown {
			t.Fatalf("err = %v, want %s", err, signing.CodeDSOutcomeUnknown)
		}
		if f, ok := d.lastFailure(); !ok || f.Code != signing.CodeDSOutcomeUnknown || !f.Resumable {
			t.Fatalf("failure event %+v", f)
		}
		if d.dsim.EnvelopeCount() != 1 {
			t.Fatalf("simulator holds %d envelopes", d.dsim.EnvelopeCount())
		}
		op, _ := d.db.Envelopes().Send(context.Background(), opID)
		if op.EnvelopeID != "" || op.Status != signing.SendFailed {
			t.Fatalf("operation invented an envelope: %+v", op)
		}
		d.dsInflight.Wait()
		clearFaults(d)
		if err := d.sender().Resume(context.Background(), opID); err != nil {
			t.Fatalf("resume: %v", err)
		}
		d.checkDSSent(opID, 53)
		if n := len(d.rec.creates()); n != 1 {
			t.Fatalf("%d creates, want 1 (the resume adopted the envelope)", n)
		}
	})
}

// clearFaults uses up whatever faults are left, with requests that need no
// answer of interest.
func clearFaults(d *dsFixture) {
	for i := 0; i < 200; i++ {
		req, _ := http.NewRequest(http.MethodGet, d.dsrv.URL+"/restapi/v2.1/accounts/"+dssim.DefaultAccountID+"/envelopes?from_date=2020-01-01T00:00:00Z", nil)
		req.Header.Set("Authorization", "Bearer x")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			d.t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == 200 {
			return
		}
	}
	d.t.Fatal("faults never cleared")
}

// crashStore stops the run right after one store write, as a killed app
// would, the write itself committed.
type crashStore struct {
	signing.SendStore
	after string
	once  sync.Once
}

var errKilled = fmt.Errorf("killed")

func (c *crashStore) crash(step string) (err error) {
	if step == c.after {
		c.once.Do(func() { err = errKilled })
	}
	return err
}

func (c *crashStore) BeginEnvelope(ctx context.Context, id int64, deadline, now time.Time) error {
	if err := c.SendStore.BeginEnvelope(ctx, id, deadline, now); err != nil {
		return err
	}
	return c.crash("begin")
}

func (c *crashStore) SetEnvelope(ctx context.Context, id int64, envelopeID string, now time.Time) error {
	// Killed before the id was saved: the envelope exists, the row has no id.
	if err := c.crash("created"); err != nil {
		return err
	}
	return c.SendStore.SetEnvelope(ctx, id, envelopeID, now)
}

func (c *crashStore) SavePrepared(ctx context.Context, id int64, remoteName, filename string, pdf []byte, signers []signing.SendSigner, now time.Time) error {
	if err := c.SendStore.SavePrepared(ctx, id, remoteName, filename, pdf, signers, now); err != nil {
		return err
	}
	return c.crash("merged")
}

// Killed between any two steps (after the merge was saved, after the
// "about to create" mark, after DocuSign created the envelope but before
// its id was saved), the app restarts and resumes the open send: ONE
// envelope, always.
func TestDocuSignSendKilledBetweenStepsResumesToOneEnvelope(t *testing.T) {
	for _, after := range []string{"merged", "begin", "created"} {
		t.Run(after, func(t *testing.T) {
			d := newDSFixture(t)
			s := d.senderOn(&crashStore{SendStore: d.db.Envelopes(), after: after})
			opID, err := s.Run(context.Background(), d.dsRequest(54))
			if err == nil {
				t.Fatal("the run went through the crash")
			}
			wantRemote := 0
			if after == "created" {
				wantRemote = 1
			}
			if d.dsim.EnvelopeCount() != wantRemote {
				t.Fatalf("after the crash the simulator holds %d envelopes, want %d", d.dsim.EnvelopeCount(), wantRemote)
			}
			// Restart: a new Sender resumes what the last one left open.
			s2 := d.sender()
			ids, err := s2.ResumeOpen(context.Background())
			if err != nil || len(ids) != 1 || ids[0] != opID {
				t.Fatalf("ResumeOpen = %v, %v", ids, err)
			}
			s2.Wait()
			d.checkDSSent(opID, 54)
			if n := len(d.rec.creates()); after == "created" && n != 1 {
				t.Fatalf("%d creates: the resume created again", n)
			}
		})
	}
}

// A 5xx on the create (DocuSign may or may not have made it) is looked up
// and retried within the run, a bounded number of times; a burst 429 is
// waited out by the client. Past the limit the run stops, resumable, and
// nothing was created twice.
func TestDocuSignSendRetriesServerErrorsAndRateLimitsWithinLimits(t *testing.T) {
	t.Run("503 twice", func(t *testing.T) {
		d := newDSFixture(t)
		d.dsim.Inject(dssim.Fault{Method: http.MethodPost, Path: "/envelopes", Status: 503, Times: 2})
		opID, err := d.sender().Run(context.Background(), d.dsRequest(55))
		if err != nil {
			t.Fatalf("send: %v", err)
		}
		d.checkDSSent(opID, 55)
		if n := len(d.rec.creates()); n != 3 {
			t.Fatalf("%d creates, want 3 (two refused, one made)", n)
		}
	})
	t.Run("429 burst", func(t *testing.T) {
		d := newDSFixture(t)
		d.dsim.Inject(dssim.Fault{Method: http.MethodPost, Path: "/envelopes", Status: 429})
		opID, err := d.sender().Run(context.Background(), d.dsRequest(56))
		if err != nil {
			t.Fatalf("send: %v", err)
		}
		d.checkDSSent(opID, 56)
		if n := len(d.rec.creates()); n != 2 || d.clock.total() <= 0 {
			t.Fatalf("%d creates, waited %v: want 2 and a wait", n, d.clock.total())
		}
	})
	t.Run("429 beyond the limit", func(t *testing.T) {
		d := newDSFixture(t)
		d.dsim.Inject(dssim.Fault{Method: http.MethodPost, Path: "/envelopes", Status: 429, Times: 50})
		opID, err := d.sender().Run(context.Background(), d.dsRequest(67))
		if codeOf(err) != signing.CodeDSRateLimited || crm.AsError(err).Data["minutes"] == nil {
			t.Fatalf("err = %v, want %s with the minutes to wait", err, signing.CodeDSRateLimited)
		}
		if n := len(d.rec.creates()); n < 2 || n > 5 {
			t.Fatalf("%d creates: want a few retries, bounded", n)
		}
		op, _ := d.db.Envelopes().Send(context.Background(), opID)
		if d.dsim.EnvelopeCount() != 0 || op.Status != signing.SendFailed || op.EnvelopeID != "" {
			t.Fatalf("operation %+v, %d envelopes", op, d.dsim.EnvelopeCount())
		}
		if f, ok := d.lastFailure(); !ok || !f.Resumable {
			t.Fatalf("failure %+v: want resumable", f)
		}
	})
	t.Run("503 beyond the limit", func(t *testing.T) {
		d := newDSFixture(t)
		d.dsim.Inject(dssim.Fault{Method: http.MethodPost, Path: "/envelopes", Status: 503, Times: 50})
		opID, err := d.sender().Run(context.Background(), d.dsRequest(57))
		if codeOf(err) != signing.CodeDSOutcomeUnknown {
			t.Fatalf("err = %v", err)
		}
		if n := len(d.rec.creates()); n != 3 {
			t.Fatalf("%d creates, want 3 attempts", n)
		}
		if d.dsim.EnvelopeCount() != 0 {
			t.Fatal("an envelope was created")
		}
		op, _ := d.db.Envelopes().Send(context.Background(), opID)
		if op.Status != signing.SendFailed || op.ErrorCode != signing.CodeDSOutcomeUnknown || op.EnvelopeID != "" {
			t.Fatalf("operation %+v", op)
		}
	})
}

// A DocuSign login in tests: the fake account server, a fake browser
// following the sign-in page, an in-memory keyring.
func dsLogin(t *testing.T, keyID int64, baseURI string) (*oauthtest.Server, *oauth.Client) {
	t.Helper()
	const clientID = "selo-dssend-test"
	osrv := oauthtest.New(clientID, baseURI)
	hs := httptest.NewServer(osrv)
	t.Cleanup(hs.Close)
	oc, err := oauth.New(oauth.Config{Server: hs.URL, ClientID: clientID, Secrets: secrets.NewMemory(), Ports: []int{0},
		Opener: func(u string) error {
			go func() {
				if resp, err := http.Get(u); err == nil {
					resp.Body.Close()
				}
			}()
			return nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := oc.Login(context.Background(), keyID); err != nil {
		t.Fatalf("login: %v", err)
	}
	return osrv, oc
}

// The access token expires in the middle of the send and the consent has
// been revoked meanwhile: the send stops with integration.login_required
// ("Entrar de novo"), no envelope anywhere, nothing recorded as sent. After
// signing in again, Tentar novamente sends ONE envelope.
func TestDocuSignSendTokenExpiredMidSendAsksToSignInAgain(t *testing.T) {
	d := newDSFixture(t)
	key := d.dskey
	key.Environment = crm.EnvSandbox
	key.DocuSignAccountID, key.DocuSignBaseURI = dssim.DefaultAccountID, d.dsrv.URL
	d.keys.set(key)
	osrv, oc := dsLogin(t, key.ID, d.dsrv.URL)
	d.conn.Tokens = func(env crm.Environment, keyID int64) (signing.DocuSignTokens, error) {
		if env != crm.EnvSandbox {
			t.Errorf("tokens asked for %s", env)
		}
		return oc.TokenSource(keyID), nil
	}
	// DocuSign refuses the token on the create; the refresh is refused too.
	d.dsim.Inject(dssim.Fault{Method: http.MethodPost, Path: "/envelopes", Status: 401})
	osrv.Revoke()
	opID, err := d.sender().Run(context.Background(), d.dsRequest(58))
	if codeOf(err) != crm.CodeLoginRequired {
		t.Fatalf("err = %v, want %s", err, crm.CodeLoginRequired)
	}
	if f, ok := d.lastFailure(); !ok || f.Code != crm.CodeLoginRequired || !f.Resumable {
		t.Fatalf("failure event %+v", f)
	}
	if d.dsim.EnvelopeCount() != 0 {
		t.Fatal("an envelope was created with a refused token")
	}
	op, _ := d.db.Envelopes().Send(context.Background(), opID)
	if op.Status != signing.SendFailed || op.EnvelopeID != "" {
		t.Fatalf("operation %+v", op)
	}
	if local, _ := d.db.Envelopes().ListEnvelopes(context.Background(), 58); len(local) != 0 {
		t.Fatalf("local envelopes invented: %+v", local)
	}
	// "Entrar de novo", then "Tentar novamente".
	if _, err := oc.Login(context.Background(), key.ID); err != nil {
		t.Fatalf("login again: %v", err)
	}
	if err := d.sender().Resume(context.Background(), opID); err != nil {
		t.Fatalf("resume: %v", err)
	}
	d.checkDSSent(opID, 58)
	for _, c := range d.rec.all() {
		if strings.Contains(string(c.body), "Bearer") {
			t.Fatal("token in a body")
		}
	}
	if logs := d.logBuf.String(); strings.Contains(logs, "access_token") {
		t.Fatalf("log mentions a token:\n%s", logs)
	}
}

// A key never signed in (no account chosen) is refused before any request.
func TestDocuSignSendWithoutLoginRequiresIt(t *testing.T) {
	d := newDSFixture(t)
	key := d.dskey
	key.Environment = crm.EnvProduction
	d.keys.set(key)
	_, err := d.sender().Run(context.Background(), d.dsRequest(59))
	if codeOf(err) != crm.CodeLoginRequired {
		t.Fatalf("err = %v", err)
	}
	if n := len(d.rec.all()); n != 0 {
		t.Fatalf("%d requests", n)
	}
}

// What DocuSign cannot take is refused before anything is sent, EVERY
// problem listed at once on its field with the person's name.
func TestDocuSignSendRefusesListingEveryProblem(t *testing.T) {
	d := newDSFixture(t)
	req := d.dsRequest(60)
	long := strings.Repeat("Nome Comprido ", 8) // > 100 characters
	req.Signers[0][1] = crm.ResolveSigner(rule(crm.SignerBroker, 2, nil), person(long, "joao@imob.com.br", "", ""))
	req.Signers[1][1] = crm.ResolveSigner(rule(crm.SignerWitness, 2, func(r *crm.SignerRule) {
		r.SignatureKind, r.Auth, r.Evidence = crm.SignatureHandwritten, crm.ChannelSMS, crm.EvidenceSelfie
		r.FixedPerson = person("Ana Lima", "", "11 97777-6666", "")
	}), crm.FixedPerson{})
	req.Signers[0] = append(req.Signers[0], crm.ResolveSigner(rule(crm.SignerGuarantor, 3, func(r *crm.SignerRule) {
		r.SignatureKind = crm.SignatureApproval
	}), person("Rui Costa", "rui@exemplo.com.br", "", "")))
	req.EnvelopeName = " "
	_, err := d.sender().Run(context.Background(), req)
	f, ok := d.lastFailure()
	if codeOf(err) != signing.CodeValidationFailed || !ok || f.Resumable {
		t.Fatalf("err = %v, failure %+v", err, f)
	}
	got := map[string]string{}
	for _, p := range f.Problems {
		got[p.Code+"@"+p.Field] = fmt.Sprint(p.Data["name"])
	}
	want := map[string]string{
		signing.CodeDSNameTooLong + "@signers[1].name": strings.TrimSpace(long),
		crm.CodeRequired + "@signers[2].email":         "Ana Lima",
		crm.CodeRequired + "@envelopeName":             "<nil>",
	}
	for k, name := range want {
		if g, ok := got[k]; !ok || g != name {
			t.Errorf("missing problem %s (%s); got %v", k, name, got)
		}
	}
	// Handwritten, SMS code, selfie and approval are carried now: only the
	// problems above refuse the send.
	if len(got) != len(want) {
		t.Errorf("problems %v, want only %v", got, want)
	}
	if n := len(d.rec.all()); n != 0 || d.dsim.EnvelopeCount() != 0 {
		t.Fatalf("%d requests, %d envelopes: nothing may be sent", n, d.dsim.EnvelopeCount())
	}
}

// A Clicksign development and a DocuSign development send at the same
// time through one Sender: each goes to its own provider, one envelope
// each, and neither disturbs the other.
func TestClicksignAndDocuSignSendSideBySide(t *testing.T) {
	d := newDSFixture(t)
	s := d.sender()
	var wg sync.WaitGroup
	var csOp, dsOp int64
	var csErr, dsErr error
	wg.Add(2)
	go func() { defer wg.Done(); csOp, csErr = s.Run(context.Background(), d.request()) }()
	go func() { defer wg.Done(); dsOp, dsErr = s.Run(context.Background(), d.dsRequest(61)) }()
	wg.Wait()
	if csErr != nil || dsErr != nil {
		t.Fatalf("clicksign: %v, docusign: %v", csErr, dsErr)
	}
	d.checkSent(csOp)
	d.checkDSSent(dsOp, 61)
	if n := len(d.rec.all()); n != 1 {
		t.Fatalf("%d DocuSign requests, want 1", n)
	}
	for _, c := range d.rec.all() {
		if strings.Contains(string(c.body), "Reserva 41") {
			t.Fatal("the Clicksign send reached DocuSign")
		}
	}
	d.checkLogs()
}

// cancelStore cancels the run's context once the merge is saved, as a
// click on "Cancelar" while the PDFs are merged.
type cancelStore struct {
	signing.SendStore
	cancel context.CancelFunc
}

func (c *cancelStore) SavePrepared(ctx context.Context, id int64, remoteName, filename string, pdf []byte, signers []signing.SendSigner, now time.Time) error {
	err := c.SendStore.SavePrepared(ctx, id, remoteName, filename, pdf, signers, now)
	c.cancel()
	return err
}

// "Cancelar" before the envelope goes out stops the send with nothing sent
// to DocuSign; sending the same contracts again then makes ONE envelope.
func TestDocuSignSendCanceledBeforeTheCreate(t *testing.T) {
	d := newDSFixture(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opID, err := d.senderOn(&cancelStore{SendStore: d.db.Envelopes(), cancel: cancel}).Run(ctx, d.dsRequest(62))
	if codeOf(err) != crm.CodeCanceled {
		t.Fatalf("err = %v, want %s", err, crm.CodeCanceled)
	}
	if n := len(d.rec.all()); n != 0 || d.dsim.EnvelopeCount() != 0 {
		t.Fatalf("%d requests, %d envelopes after a cancel", n, d.dsim.EnvelopeCount())
	}
	op, _ := d.db.Envelopes().Send(context.Background(), opID)
	if op.Status != signing.SendCanceled {
		t.Fatalf("operation %s", op.Status)
	}
	again, err := d.sender().Run(context.Background(), d.dsRequest(62))
	if err != nil || again != opID {
		t.Fatalf("send again: %d (want %d) %v", again, opID, err)
	}
	d.checkDSSent(opID, 62)
}

// dsInterrupted leaves a DocuSign send killed after DocuSign created its
// envelope but before the id was saved: the step two PCs resuming at once
// would both take.
func (d *dsFixture) dsInterrupted(t *testing.T, resID int64) int64 {
	t.Helper()
	id, err := d.senderOn(&crashStore{SendStore: d.db.Envelopes(), after: "created"}).Run(context.Background(), d.dsRequest(resID))
	if err == nil || d.dsim.EnvelopeCount() != 1 {
		t.Fatalf("the crash did not stop the run after the create: %v", err)
	}
	d.dsInflight.Wait()
	return id
}

// Office mode: two PCs start together on one database and both resume the
// interrupted DocuSign send; it runs once (the claim), adopting the one
// envelope, with no second create.
func TestDocuSignResumeOpenOnTwoPCsRunsOnce(t *testing.T) {
	d := newDSFixture(t)
	id := d.dsInterrupted(t, 63)
	pcs := []*signing.Sender{d.sender(), d.sender()}
	var wg sync.WaitGroup
	for _, pc := range pcs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := pc.ResumeOpen(context.Background()); err != nil {
				t.Errorf("ResumeOpen: %v", err)
			}
		}()
	}
	wg.Wait()
	for _, pc := range pcs {
		pc.Wait()
	}
	d.checkDSSent(id, 63)
	if n := len(d.rec.creates()); n != 1 {
		t.Fatalf("%d creates, want 1", n)
	}
	if n := d.count(signing.EventSent); n != 1 {
		t.Fatalf("runs that sent = %d, want 1", n)
	}
}

// A PC died in the middle of a DocuSign send: its fresh claim keeps the
// other PC off; once stale, the other PC takes it over and completes it.
func TestDocuSignStaleClaimIsTakenOver(t *testing.T) {
	d := newDSFixture(t)
	id := d.dsInterrupted(t, 64)
	ok, err := d.db.Envelopes().ClaimSend(context.Background(), id, "pc-that-died", time.Now(), time.Now().Add(-time.Minute))
	if err != nil || !ok {
		t.Fatalf("claim = %v, %v", ok, err)
	}
	b := d.sender()
	if err := b.Resume(context.Background(), id); claimCode(err) != crm.CodeSendRunningElsewhere {
		t.Fatalf("Resume under a fresh claim = %v, want %s", err, crm.CodeSendRunningElsewhere)
	}
	b.Now = func() time.Time { return time.Now().Add(signing.DefaultClaimStale + time.Second) }
	if err := b.Resume(context.Background(), id); err != nil {
		t.Fatalf("Resume after the claim went stale: %v", err)
	}
	d.checkDSSent(id, 64)
	if n := len(d.rec.creates()); n != 1 {
		t.Fatalf("%d creates, want 1", n)
	}
}

// The access token expires in the middle of the send while the consent
// stands: the client refreshes it once (a rotation) and the same create
// goes through, ONE envelope, with no word to the rep.
func TestDocuSignSendRefreshesAnExpiredTokenMidSend(t *testing.T) {
	d := newDSFixture(t)
	key := d.dskey
	key.Environment = crm.EnvSandbox
	key.DocuSignAccountID, key.DocuSignBaseURI = dssim.DefaultAccountID, d.dsrv.URL
	d.keys.set(key)
	osrv, oc := dsLogin(t, key.ID, d.dsrv.URL)
	d.conn.Tokens = func(env crm.Environment, keyID int64) (signing.DocuSignTokens, error) {
		return oc.TokenSource(keyID), nil
	}
	d.dsim.Inject(dssim.Fault{Method: http.MethodPost, Path: "/envelopes", Status: 401})
	refreshes := osrv.Stats().Refreshes
	opID, err := d.sender().Run(context.Background(), d.dsRequest(65))
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	d.checkDSSent(opID, 65)
	if n := osrv.Stats().Refreshes - refreshes; n != 1 {
		t.Fatalf("%d refreshes, want 1", n)
	}
	if n := len(d.rec.creates()); n != 2 {
		t.Fatalf("%d creates, want 2 (refused, then sent)", n)
	}
}

// Office mode on PostgreSQL: a DocuSign send killed after the create, then
// two PCs resuming it at once, end with ONE envelope recorded once.
func TestDocuSignSendOnPostgresResumesOnce(t *testing.T) {
	f, _, _ := newPostgresFixture(t)
	d := dsFixtureOn(t, f)
	id := d.dsInterrupted(t, 66)
	pcs := []*signing.Sender{d.sender(), d.sender()}
	var wg sync.WaitGroup
	for _, pc := range pcs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := pc.ResumeOpen(context.Background()); err != nil {
				t.Errorf("ResumeOpen: %v", err)
			}
		}()
	}
	wg.Wait()
	for _, pc := range pcs {
		pc.Wait()
	}
	d.checkDSSent(id, 66)
	if n := len(d.rec.creates()); n != 1 {
		t.Fatalf("%d creates, want 1", n)
	}
}
