package signing_test

// The send use case against the Clicksign simulator (httptest), a real
// SQLite file, the real keys service over an in-memory keyring, and the real
// PDFs of backend/pdfs/testdata.

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"selo/backend/clicksign"
	"selo/backend/clicksign/simulator"
	"selo/backend/crm"
	"selo/backend/integrations"
	"selo/backend/secrets"
	"selo/backend/signing"
	"selo/backend/sqlstore"
)

const simToken = "sandbox-token-send-1234"

// fixture is one simulator, one database, one key.
type fixture struct {
	t      *testing.T
	sim    *simulator.Simulator
	srv    *httptest.Server
	db     *sqlstore.DB
	keys   *integrations.Service
	sec    *secrets.Memory
	key    crm.Integration
	base   string
	trace  *tracer
	logBuf *syncBuffer
	// inflight counts the simulator's requests still being handled,
	// including those whose client gave up (see idle).
	inflight *sync.WaitGroup

	mu     sync.Mutex
	events []event
}

// idle waits until the simulator has finished every request, also those a
// cancelled client stopped waiting for: a resume "later" must not race a
// create the server is still carrying out, which a real restart never does.
func (f *fixture) idle() { f.inflight.Wait() }

type event struct {
	name string
	data any
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

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	sim, err := simulator.New(simulator.Options{Tokens: []string{simToken}, RateLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	inflight := &sync.WaitGroup{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		inflight.Add(1)
		defer inflight.Done()
		sim.ServeHTTP(w, r)
	}))
	t.Cleanup(func() { srv.Close(); sim.Close() })
	db, err := sqlstore.Open(ctx, filepath.Join(t.TempDir(), "selo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	sec := secrets.NewMemory()
	keys := integrations.New(db.Integrations(), sec, func(context.Context, crm.Environment, string) error { return nil }, slog.New(slog.DiscardHandler))
	key, err := keys.Save(ctx, crm.IntegrationInput{Description: "Clicksign teste", Environment: crm.EnvSandbox, Token: simToken})
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, sim: sim, srv: srv, db: db, keys: keys, sec: sec, key: key, base: srv.URL + "/api/v3",
		trace: &tracer{}, logBuf: &syncBuffer{}, inflight: inflight}
}

// sender builds a NEW Sender on the fixture's database, as a restarted app
// would; base overrides the Clicksign address.
func (f *fixture) sender(base string) *signing.Sender {
	if base == "" {
		base = f.base
	}
	conn := &signing.Connector{BaseURLs: map[crm.Environment]string{crm.EnvSandbox: base},
		HTTPClient: &http.Client{Transport: f.trace}}
	s := signing.NewSender(f.db.Envelopes(), f.keys, conn, func(name string, data any) {
		f.mu.Lock()
		f.events = append(f.events, event{name, data})
		f.mu.Unlock()
	})
	s.Log = slog.New(slog.NewTextHandler(f.logBuf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s.ClientOptions = []clicksign.Option{clicksign.WithRateLimit(0, 0), clicksign.WithRetry(3, time.Millisecond)}
	return s
}

func (f *fixture) client() *clicksign.Client {
	c, err := clicksign.New(f.base, simToken, clicksign.WithRateLimit(0, 0))
	if err != nil {
		f.t.Fatal(err)
	}
	return c
}

// remoteEnvelopes lists every envelope on the simulator, drafts included.
func (f *fixture) remoteEnvelopes() []clicksign.Envelope {
	f.t.Helper()
	var out []clicksign.Envelope
	for e, err := range f.client().AllEnvelopes(context.Background(), clicksign.EnvelopeFilter{}) {
		if err != nil {
			f.t.Fatal(err)
		}
		out = append(out, e)
	}
	return out
}

func (f *fixture) progressSteps() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, e := range f.events {
		if p, ok := e.data.(signing.Progress); ok && e.name == signing.EventProgress {
			out = append(out, p.Step)
		}
	}
	return out
}

func (f *fixture) lastFailure() (signing.SendFailure, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := len(f.events) - 1; i >= 0; i-- {
		if fl, ok := f.events[i].data.(signing.SendFailure); ok {
			return fl, true
		}
	}
	return signing.SendFailure{}, false
}

func readPDF(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "pdfs", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func person(name, email, phone, cpf string) crm.FixedPerson {
	return crm.FixedPerson{Name: name, Email: email, Phone: phone, CPF: cpf}
}

func rule(t crm.SignerType, order int, mod func(*crm.SignerRule)) crm.SignerRule {
	r := crm.NewSignerRule(t)
	r.SendOrder = order
	if mod != nil {
		mod(&r)
	}
	return r
}

// request is two contracts: Maria (holder) signs both — by e-mail on the
// first, by WhatsApp with a selfie on the second — so she is merged once
// with the strongest; João (broker) signs the first, Ana (witness) the
// second: 3 signers.
func (f *fixture) request() signing.SendRequest {
	maria := person("Maria  Souza", "maria@exemplo.com.br", "(11) 98888-7777", "111.444.777-35")
	joao := person("João Pereira", "joao@imob.com.br", "", "")
	doc1 := []crm.ResolvedSigner{
		crm.ResolveSigner(rule(crm.SignerHolder, 1, nil), maria),
		crm.ResolveSigner(rule(crm.SignerBroker, 2, nil), joao),
	}
	witness := rule(crm.SignerWitness, 2, nil)
	witness.FixedPerson = person("Ana Lima", "ana@exemplo.com.br", "", "")
	doc2 := []crm.ResolvedSigner{
		crm.ResolveSigner(rule(crm.SignerHolder, 1, func(r *crm.SignerRule) {
			r.Delivery, r.Reminder, r.Auth, r.Evidence = crm.ChannelWhatsApp, crm.ChannelEmail, crm.ChannelWhatsApp, crm.EvidenceSelfie
		}), maria),
		crm.ResolveSigner(witness, crm.FixedPerson{}),
	}
	return signing.SendRequest{
		ReservationID: 41, ContractIDs: []int64{12, 11}, IntegrationID: f.key.ID,
		EnvelopeName: "Reserva 41 — Apto 302",
		Documents: []signing.SendDocument{
			{Name: "Contrato de compra e venda", PDF: readPDF(f.t, "contract.pdf")},
			{Name: "Anexo", PDF: readPDF(f.t, "letter.pdf")},
		},
		Signers: [][]crm.ResolvedSigner{doc1, doc2},
	}
}

func codeOf(err error) string {
	var inv *crm.Invalid
	if errors.As(err, &inv) {
		return signing.CodeValidationFailed
	}
	return crm.AsError(err).Code
}

// checkLogs fails if the log holds the token, a CPF or an e-mail.
func (f *fixture) checkLogs() {
	f.t.Helper()
	logs := f.logBuf.String()
	for _, secret := range []string{simToken, "maria@exemplo.com.br", "joao@imob.com.br", "ana@exemplo.com.br", "111.444.777-35", "11144477735"} {
		if strings.Contains(logs, secret) {
			f.t.Fatalf("log leaks %q:\n%s", secret, logs)
		}
	}
}

// checkSent asserts the end state: exactly one envelope on the simulator,
// running, with the 3 merged signers and each requirement once; locally one
// envelope with 3 pending signers and the operation sent.
func (f *fixture) checkSent(opID int64) {
	t := f.t
	t.Helper()
	ctx := context.Background()
	envs := f.remoteEnvelopes()
	if len(envs) != 1 {
		t.Fatalf("simulator holds %d envelopes, want 1", len(envs))
	}
	env := envs[0]
	if env.Status != clicksign.EnvelopeRunning || env.Locale != "pt-BR" {
		t.Fatalf("envelope = %s %s", env.Status, env.Locale)
	}
	c := f.client()
	signers, err := c.ListSigners(ctx, env.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(signers) != 3 {
		t.Fatalf("simulator signers = %d, want 3", len(signers))
	}
	docs, err := c.ListDocuments(ctx, env.ID)
	if err != nil || len(docs) != 1 {
		t.Fatalf("documents = %d (%v), want 1", len(docs), err)
	}
	reqs, err := c.ListRequirements(ctx, env.ID)
	if err != nil {
		t.Fatal(err)
	}
	// Maria: party + whatsapp + selfie; João: broker + email; Ana: witness + email.
	if len(reqs) != 7 {
		t.Fatalf("requirements = %d, want 7", len(reqs))
	}
	op, err := f.db.Envelopes().Send(ctx, opID)
	if err != nil {
		t.Fatal(err)
	}
	if op.Status != signing.SendSent || op.Step != signing.StepNotified || op.EnvelopeID != env.ID {
		t.Fatalf("operation = %s/%s env %s, want sent/notified %s", op.Status, op.Step, op.EnvelopeID, env.ID)
	}
	local, err := f.db.Envelopes().ListEnvelopes(ctx, 41)
	if err != nil {
		t.Fatal(err)
	}
	if len(local) != 1 || local[0].ID != env.ID || local[0].Status != "running" || len(local[0].Signers) != 3 {
		t.Fatalf("local envelopes = %+v", local)
	}
	if local[0].IntegrationID != f.key.ID || local[0].DeadlineAt.IsZero() {
		t.Fatalf("local envelope = %+v", local[0])
	}
	for _, g := range local[0].Signers {
		if g.State != "pendente" || g.SignerID == "" {
			t.Fatalf("local signer = %+v", g)
		}
	}
	sent, err := f.db.Envelopes().SentContracts(ctx, []int64{11, 12})
	if err != nil || !sent[11] || !sent[12] {
		t.Fatalf("contracts sent = %v (%v)", sent, err)
	}
	// Invitations went out once per signer of the first group.
	seen := map[string]bool{}
	for _, n := range f.sim.Notifications() {
		if seen[n.SignerID] {
			t.Fatalf("signer %s notified twice", n.SignerID)
		}
		seen[n.SignerID] = true
	}
	if len(seen) == 0 {
		t.Fatal("nobody was notified")
	}
}

func TestSendHappyPath(t *testing.T) {
	f := newFixture(t)
	// A real round trip to Clicksign takes tens of milliseconds; without
	// some latency a loopback answer can arrive before a sibling goroutine
	// has even started, and the depth would measure the scheduler.
	f.sim.SetLatency(30 * time.Millisecond)
	s := f.sender("")
	start := time.Now()
	id, err := s.Run(context.Background(), f.request())
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	// signers + 5 requests: envelope, document, 3 signers, bulk, activate, notify.
	if n := f.sim.TotalRequests(); n != 3+5 {
		t.Fatalf("requests = %d (%v), want %d", n, f.sim.RequestCounts(), 3+5)
	}
	f.checkSent(id)
	if d := f.trace.depth(); d != 5 {
		t.Fatalf("critical path = %d round trips, want 5", d)
	}

	// Maria is one signer with the strongest requirements.
	ctx := context.Background()
	env := f.remoteEnvelopes()[0]
	c := f.client()
	signers, _ := c.ListSigners(ctx, env.ID)
	var maria clicksign.Signer
	for _, g := range signers {
		if g.Name == "Maria Souza" {
			maria = g
		}
	}
	if maria.ID == "" || maria.CommunicateEvents.SignatureRequest != "whatsapp" || maria.Group != 1 {
		t.Fatalf("Maria = %+v", maria)
	}
	reqs, _ := c.ListRequirements(ctx, env.ID)
	var auths []string
	for _, q := range reqs {
		if q.SignerID == maria.ID && q.Action == clicksign.ActionProvideEvidence {
			auths = append(auths, q.Auth)
		}
	}
	sort.Strings(auths)
	if strings.Join(auths, ",") != "selfie,whatsapp" {
		t.Fatalf("Maria's evidence = %v", auths)
	}
	// Deadline: now + the key's default 15 days.
	wantDeadline := start.AddDate(0, 0, crm.DefaultDeadlineDays)
	if d := env.DeadlineAt.Sub(wantDeadline); d < -time.Minute || d > time.Minute {
		t.Fatalf("deadline = %v, want about %v", env.DeadlineAt, wantDeadline)
	}

	want := []string{signing.ProgressValidating, signing.ProgressMerging, signing.ProgressUploading,
		signing.ProgressSigners, signing.ProgressActivating, signing.ProgressNotifying, signing.ProgressDone}
	if got := f.progressSteps(); strings.Join(dedupe(got), "|") != strings.Join(want, "|") {
		t.Fatalf("progress = %v, want %v", got, want)
	}
	f.checkLogs()

	// Sending the same contracts again finds the sent operation: no request.
	before := f.sim.TotalRequests()
	again, err := s.Run(context.Background(), f.request())
	if err != nil || again != id {
		t.Fatalf("second Run = %d, %v; want %d", again, err, id)
	}
	if f.sim.TotalRequests() != before {
		t.Fatal("a second send of sent contracts talked to Clicksign")
	}
}

func dedupe(s []string) []string {
	var out []string
	for _, v := range s {
		if len(out) == 0 || out[len(out)-1] != v {
			out = append(out, v)
		}
	}
	return out
}

func problemsOf(t *testing.T, err error) []*crm.Error {
	t.Helper()
	var inv *crm.Invalid
	if !errors.As(err, &inv) {
		t.Fatalf("err = %v, want a validation listing problems", err)
	}
	return inv.Problems
}

func TestSendValidationListsEveryProblem(t *testing.T) {
	f := newFixture(t)
	req := f.request()
	req.EnvelopeName = "  "
	req.Documents[0].PDF = readPDF(t, "truncated.pdf")
	req.Documents[1].PDF = readPDF(t, "encrypted.pdf")
	// João has one name only; Maria chose SMS without a mobile; Ana
	// authenticates by PIX without a CPF.
	req.Signers[0][1].Name = "João"
	for _, list := range req.Signers {
		for i := range list {
			if list[i].SignerType == crm.SignerHolder {
				list[i].Phone = ""
				list[i].SignerRule = list[i].WithChannels(crm.ChannelSet{Delivery: crm.ChannelSMS, Reminder: crm.ChannelEmail, Auth: crm.ChannelSMS})
			}
		}
	}
	req.Signers[1][1].Auth = crm.ChannelPix
	s := f.sender("")
	id, err := s.Run(context.Background(), req)
	probs := problemsOf(t, err)
	got := map[string]*crm.Error{}
	for _, p := range probs {
		got[p.Code] = p
	}
	for _, want := range []string{crm.CodeRequired, "pdf.corrupt", "pdf.protected", crm.CodeSignerNameTwoWords,
		crm.CodeEnvelopeSignerPhoneRequired, crm.CodeSignerCPFRequiredForPix} {
		if got[want] == nil {
			t.Errorf("missing problem %s in %v", want, err)
		}
	}
	if p := got["pdf.corrupt"]; p != nil && (p.Data["name"] != "Contrato de compra e venda" || p.Field != "documents[0]") {
		t.Errorf("corrupt PDF not named: %+v", p)
	}
	if p := got["pdf.protected"]; p != nil && (p.Data["name"] != "Anexo" || p.Field != "documents[1]") {
		t.Errorf("password-protected PDF not named: %+v", p)
	}
	if p := got[crm.CodeSignerNameTwoWords]; p != nil && p.Data["name"] != "João" {
		t.Errorf("name problem = %+v", p)
	}
	if n := f.sim.TotalRequests(); n != 0 {
		t.Fatalf("a refused send made %d requests", n)
	}
	op, _ := f.db.Envelopes().Send(context.Background(), id)
	if op.Status != signing.SendFailed || op.ErrorCode != signing.CodeValidationFailed || op.ErrorData["problems"] == nil {
		t.Fatalf("operation = %+v", op)
	}
	if fl, ok := f.lastFailure(); !ok || len(fl.Problems) != len(probs) || fl.Resumable {
		t.Fatalf("failure event = %+v", fl)
	}
	f.checkLogs()

	// Fixed, the same contracts go out in the same operation.
	id2, err := s.Run(context.Background(), f.request())
	if err != nil || id2 != id {
		t.Fatalf("corrected send = %d, %v; want op %d", id2, err, id)
	}
	f.checkSent(id)
}

func TestSendPhoneSentenceNamesThePerson(t *testing.T) {
	f := newFixture(t)
	req := f.request()
	for _, list := range req.Signers {
		for i := range list {
			if list[i].SignerType == crm.SignerHolder {
				list[i].Phone = ""
			}
		}
	}
	_, err := f.sender("").Run(context.Background(), req)
	probs := problemsOf(t, err)
	if len(probs) != 1 {
		t.Fatalf("problems = %v, want only the phone", err)
	}
	p := probs[0]
	if p.Code != crm.CodeEnvelopeSignerPhoneRequired || p.Field != "signers[0].phone" || p.Data["name"] != "Maria Souza" ||
		p.Data["message"] != "Assinatura Eletrônica com autenticação via SMS/WhatsApp requer um número de telefone válido." {
		t.Fatalf("problem = %+v", p)
	}
	fl, _ := f.lastFailure()
	if fl.Problems[0].Data["message"] != crm.PhoneRequiredMessage || fl.Problems[0].Data["name"] != "Maria Souza" {
		t.Fatalf("event problem = %+v", fl.Problems[0])
	}
}

func TestSendTokenMissing(t *testing.T) {
	f := newFixture(t)
	if err := f.sec.Delete(context.Background(), integrations.SecretKey(f.key.ID)); err != nil {
		t.Fatal(err)
	}
	_, err := f.sender("").Run(context.Background(), f.request())
	probs := problemsOf(t, err)
	if len(probs) != 1 || probs[0].Code != crm.CodeTokenMissing || probs[0].Data["description"] != "Clicksign teste" {
		t.Fatalf("problems = %v", err)
	}
	if f.sim.TotalRequests() != 0 {
		t.Fatal("requests were made without a token")
	}
}

func TestSendServerErrorStopsThenResumes(t *testing.T) {
	f := newFixture(t)
	f.sim.InjectFault(simulator.Fault{Status: 500, Method: "POST", Route: "POST /api/v3/envelopes/{envelope_id}/signers"})
	s := f.sender("")
	id, err := s.Run(context.Background(), f.request())
	if codeOf(err) != crm.CodeServiceError {
		t.Fatalf("Run = %v, want %s", err, crm.CodeServiceError)
	}
	if fl, _ := f.lastFailure(); !fl.Resumable || fl.Code != crm.CodeServiceError {
		t.Fatalf("failure = %+v", fl)
	}
	if err := f.sender("").Resume(context.Background(), id); err != nil {
		t.Fatalf("Resume: %v", err)
	}
	f.checkSent(id)
}

func TestSendRateLimitedWaitsAndContinues(t *testing.T) {
	f := newFixture(t)
	f.sim.InjectFault(simulator.Fault{Status: 429, Method: "POST", Route: "POST /api/v3/envelopes/{envelope_id}/bulk_requirements"})
	id, err := f.sender("").Run(context.Background(), f.request())
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	f.checkSent(id)
	if n := f.sim.RequestCount("POST /api/v3/envelopes/{envelope_id}/bulk_requirements"); n != 2 {
		t.Fatalf("bulk requests = %d, want 2 (429, then the retry)", n)
	}
}

// A crash between any two steps: the request of each step fails — before
// Clicksign processed it, or after, with the answer lost — and a NEW Sender
// on the same database resumes. Exactly one envelope exists on Clicksign and
// nothing is half-recorded locally.
func TestSendKilledBetweenSteps(t *testing.T) {
	const (
		envelopes = "POST /api/v3/envelopes"
		documents = "POST /api/v3/envelopes/{envelope_id}/documents"
		signers   = "POST /api/v3/envelopes/{envelope_id}/signers"
		bulk      = "POST /api/v3/envelopes/{envelope_id}/bulk_requirements"
		activate  = "PATCH /api/v3/envelopes/{envelope_id}"
		notify    = "POST /api/v3/envelopes/{envelope_id}/notifications"
	)
	type tc struct {
		route     string
		activated bool // the local envelope exists after the failed run
	}
	cases := []tc{{envelopes, false}, {documents, false}, {signers, false}, {bulk, false}, {activate, false}, {notify, true}}
	for _, c := range cases {
		for _, after := range []bool{false, true} {
			name := c.route
			if after {
				name += " (answer lost)"
			}
			t.Run(name, func(t *testing.T) {
				f := newFixture(t)
				method, _, _ := strings.Cut(c.route, " ")
				fault := simulator.Fault{Kind: simulator.FaultCloseConnection, Method: method, Route: c.route, AfterProcessing: after}
				if method == "PATCH" {
					// PATCH is retried by the client: fail every attempt.
					fault = simulator.Fault{Status: 500, Times: 3, Method: method, Route: c.route, AfterProcessing: after}
				}
				f.sim.InjectFault(fault)
				id, err := f.sender("").Run(context.Background(), f.request())
				if err == nil {
					t.Fatal("the failed step did not stop the run")
				}
				if code := codeOf(err); code != crm.CodeUnreachable && code != crm.CodeServiceError {
					t.Fatalf("code = %s (%v)", code, err)
				}
				local, _ := f.db.Envelopes().ListEnvelopes(context.Background(), 41)
				wantLocal := 0
				if c.activated {
					wantLocal = 1
				}
				if len(local) != wantLocal {
					t.Fatalf("local envelopes after the crash = %d, want %d", len(local), wantLocal)
				}
				if len(local) == 1 && len(local[0].Signers) != 3 {
					t.Fatalf("half-recorded envelope: %+v", local[0])
				}
				if err := f.sender("").Resume(context.Background(), id); err != nil {
					t.Fatalf("Resume: %v", err)
				}
				counts := f.sim.RequestCounts()
				f.checkSent(id)
				// Nothing was created twice: every create ran once, plus
				// once more only where the failed one never reached
				// Clicksign; a lost answer was found by a look-up instead.
				want := map[string]int{envelopes: 1, documents: 1, signers: 3, bulk: 1}
				lookups := map[string]string{envelopes: "GET /api/v3/envelopes", documents: "GET /api/v3/envelopes/{envelope_id}/documents",
					signers: "GET /api/v3/envelopes/{envelope_id}/signers", bulk: "GET /api/v3/envelopes/{envelope_id}/requirements"}
				for route, n := range want {
					if route == c.route && !after {
						n++
					}
					if got := counts[route]; got != n {
						t.Errorf("%s: %d requests, want %d (%v)", route, got, n, counts)
					}
				}
				// A dropped connection looks the same whether or not
				// Clicksign processed the request, so both cases look up once.
				if l, ok := lookups[c.route]; ok && counts[l] != 1 {
					t.Errorf("%s of unknown outcome not looked up once with %s (%v)", c.route, l, counts)
				}
			})
		}
	}
}

// Cancelling before activation stops the send and a later Resume completes
// it in the same envelope; cancelling once activation began stops nothing.
func TestSendCancel(t *testing.T) {
	for _, at := range []string{signing.ProgressUploading, signing.ProgressSigners, signing.ProgressActivating} {
		t.Run(at, func(t *testing.T) {
			f := newFixture(t)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var once sync.Once
			s2 := signing.NewSender(f.db.Envelopes(), f.keys, &signing.Connector{BaseURLs: map[crm.Environment]string{crm.EnvSandbox: f.base}},
				func(name string, data any) {
					if p, ok := data.(signing.Progress); ok && p.Step == at {
						once.Do(cancel)
					}
				})
			s2.ClientOptions = []clicksign.Option{clicksign.WithRateLimit(0, 0)}
			id, err := s2.Run(ctx, f.request())
			if at == signing.ProgressActivating {
				if err != nil {
					t.Fatalf("a cancel after activation began stopped the run: %v", err)
				}
				if cerr := s2.Cancel(context.Background(), id); codeOf(cerr) != signing.CodeAlreadyActive {
					t.Fatalf("Cancel after activation = %v, want %s", cerr, signing.CodeAlreadyActive)
				}
				f.checkSent(id)
				return
			}
			if codeOf(err) != crm.CodeCanceled {
				t.Fatalf("Run = %v, want %s", err, crm.CodeCanceled)
			}
			op, _ := f.db.Envelopes().Send(context.Background(), id)
			if op.Status != signing.SendCanceled || op.Step.Reached(signing.StepActivated) {
				t.Fatalf("operation = %s/%s", op.Status, op.Step)
			}
			for _, e := range f.remoteEnvelopes() {
				if e.Status != clicksign.EnvelopeDraft {
					t.Fatalf("a cancelled send activated an envelope")
				}
			}
			f.idle()
			if err := f.sender("").Resume(context.Background(), id); err != nil {
				t.Fatalf("Resume: %v", err)
			}
			f.checkSent(id)
		})
	}
}

// A create whose answer was lost and that Clicksign carried out only after
// the resume looked (a straggler) leaves a second copy of a signer with no
// requirements; activation refuses it until the copy is gone. The resume
// drops what the operation does not know and activates.
func TestResumeDropsAStraySignerThatBlocksActivation(t *testing.T) {
	f := newFixture(t)
	ctx, cancel := context.WithCancel(context.Background())
	var once sync.Once
	connector := &signing.Connector{BaseURLs: map[crm.Environment]string{crm.EnvSandbox: f.base}}
	s := signing.NewSender(f.db.Envelopes(), f.keys, connector, func(name string, data any) {
		if p, ok := data.(signing.Progress); ok && p.Step == signing.ProgressSigners {
			once.Do(cancel)
		}
	})
	s.ClientOptions = []clicksign.Option{clicksign.WithRateLimit(0, 0)}
	id, err := s.Run(ctx, f.request())
	if codeOf(err) != crm.CodeCanceled {
		t.Fatalf("Run = %v, want %s", err, crm.CodeCanceled)
	}
	f.idle()
	envs := f.remoteEnvelopes()
	if len(envs) != 1 {
		t.Fatalf("envelopes = %+v", envs)
	}
	// The straggler lands while the resume is between its signer lookup
	// and the requirements.
	var stray *clicksign.Signer
	var strayOnce sync.Once
	r := signing.NewSender(f.db.Envelopes(), f.keys, connector, func(name string, data any) {
		if p, ok := data.(signing.Progress); ok && p.Step == signing.ProgressSigners {
			strayOnce.Do(func() {
				stray, err = f.client().CreateSigner(context.Background(), envs[0].ID,
					clicksign.SignerParams{Name: "Ana Lima", Email: "ana@example.com", Group: 2})
			})
		}
	})
	r.ClientOptions = s.ClientOptions
	if rerr := r.Resume(context.Background(), id); rerr != nil {
		t.Fatalf("Resume: %v", rerr)
	}
	if err != nil || stray == nil {
		t.Fatalf("planting the stray signer: %v", err)
	}
	f.checkSent(id)
	for _, g := range mustSigners(t, f, envs[0].ID) {
		if g.ID == stray.ID {
			t.Fatal("the stray signer is still on the envelope")
		}
	}
}

func mustSigners(t *testing.T, f *fixture, envelopeID string) []clicksign.Signer {
	t.Helper()
	out, err := f.client().ListSigners(context.Background(), envelopeID)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSendDoubleStartIsOneOperation(t *testing.T) {
	f := newFixture(t)
	f.sim.SetLatency(20 * time.Millisecond)
	s := f.sender("")
	ids := make([]int64, 4)
	var wg sync.WaitGroup
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id, err := s.Start(context.Background(), f.request())
			if err != nil {
				t.Error(err)
			}
			ids[i] = id
		}()
	}
	wg.Wait()
	s.Wait()
	for _, id := range ids {
		if id != ids[0] {
			t.Fatalf("ids = %v", ids)
		}
	}
	// A second Sender (another window, a restart) finds it too.
	id, err := f.sender("").Start(context.Background(), f.request())
	if err != nil || id != ids[0] {
		t.Fatalf("Start from a new Sender = %d, %v", id, err)
	}
	if n := f.sim.TotalRequests(); n != 3+5 {
		t.Fatalf("requests = %d, want %d", n, 3+5)
	}
	f.checkSent(ids[0])
}

func closedAddress(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr + "/api/v3"
}

func TestSendNoConnectionIsResumable(t *testing.T) {
	f := newFixture(t)
	id, err := f.sender(closedAddress(t)).Run(context.Background(), f.request())
	if codeOf(err) != crm.CodeUnreachable {
		t.Fatalf("Run = %v, want %s", err, crm.CodeUnreachable)
	}
	op, _ := f.db.Envelopes().Send(context.Background(), id)
	if op.Status != signing.SendFailed || op.ErrorCode != crm.CodeUnreachable || op.Step != signing.StepMerged {
		t.Fatalf("operation = %+v", op)
	}
	open, err := f.db.Envelopes().OpenSends(context.Background())
	if err != nil || len(open) != 1 {
		t.Fatalf("open = %v, %v", open, err)
	}
	// Connection back: the restarted app resumes what was left open.
	s := f.sender("")
	if _, err := s.ResumeOpen(context.Background()); err != nil {
		t.Fatal(err)
	}
	s.Wait()
	f.checkSent(id)
}

// tracer records each request's start and end to count the round trips on
// the critical path: a request's depth is one more than the deepest request
// that ended before it started.
type tracer struct {
	mu    sync.Mutex
	spans [][2]time.Time
}

func (tr *tracer) RoundTrip(r *http.Request) (*http.Response, error) {
	start := time.Now()
	resp, err := http.DefaultTransport.RoundTrip(r)
	if err == nil {
		// The answer is complete once its body is read; the client reads it
		// right away, so the end is taken when the body is closed.
		resp.Body = &endBody{ReadCloser: resp.Body, done: func() {
			tr.mu.Lock()
			tr.spans = append(tr.spans, [2]time.Time{start, time.Now()})
			tr.mu.Unlock()
		}}
		return resp, nil
	}
	tr.mu.Lock()
	tr.spans = append(tr.spans, [2]time.Time{start, time.Now()})
	tr.mu.Unlock()
	return resp, err
}

type endBody struct {
	io.ReadCloser
	once sync.Once
	done func()
}

func (b *endBody) Close() error {
	err := b.ReadCloser.Close()
	b.once.Do(b.done)
	return err
}

func (tr *tracer) depth() int {
	tr.mu.Lock()
	spans := append([][2]time.Time(nil), tr.spans...)
	tr.mu.Unlock()
	sort.Slice(spans, func(i, j int) bool { return spans[i][0].Before(spans[j][0]) })
	depth := make([]int, len(spans))
	best := 0
	for i, s := range spans {
		depth[i] = 1
		for j := range i {
			if !spans[j][1].After(s[0]) && depth[j]+1 > depth[i] {
				depth[i] = depth[j] + 1
			}
		}
		best = max(best, depth[i])
	}
	return best
}

func TestSendFileTooLargeIsNamed(t *testing.T) {
	f := newFixture(t)
	req := f.request()
	big := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte{' '}, signing.MaxFileBytes)...)
	req.Documents[1].PDF = big
	_, err := f.sender("").Run(context.Background(), req)
	probs := problemsOf(t, err)
	if len(probs) != 1 || probs[0].Code != signing.CodeFileTooLarge || probs[0].Data["name"] != "Anexo" ||
		probs[0].Data["maxMB"] != 10 || probs[0].Field != "documents[1]" {
		t.Fatalf("problems = %v", err)
	}
	if f.sim.TotalRequests() != 0 {
		t.Fatal("an oversized send talked to Clicksign")
	}
}
