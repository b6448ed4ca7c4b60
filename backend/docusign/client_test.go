package docusign_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"

	"selo/backend/docusign"
	"selo/backend/docusign/simulator"
)

var ctx = context.Background()

func statusOf(t *testing.T, e *docusign.Envelope) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, r := range e.Recipients {
		out[r.ID] = r.Status
	}
	return out
}

func pages(t *testing.T, pdf []byte) int {
	t.Helper()
	n, err := api.PageCount(bytes.NewReader(pdf), nil)
	if err != nil {
		t.Fatalf("not a readable PDF: %v", err)
	}
	return n
}

// The whole journey: send → one signs → status → the rest sign → completed → download.
func TestSendSignCompleteDownload(t *testing.T) {
	e := newEnv(t, simulator.Options{}, docusign.Options{})
	env, err := e.client.Send(ctx, e.request("selo-res123-1"))
	if err != nil {
		t.Fatal(err)
	}
	if env.Status != docusign.StatusSent || env.ID == "" {
		t.Fatalf("after send: %+v", env)
	}
	if n := e.sim.TotalRequests(); n != 1 {
		t.Fatalf("a send used %d requests, want 1 (POST /envelopes with status sent)", n)
	}

	if err := e.sim.Sign(env.ID, "1"); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(docusign.PollInterval)
	got, err := e.client.GetEnvelope(ctx, env.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"1": "completed", "2": "sent", "3": "created", "4": "created"}
	if s := statusOf(t, got); got.Status != docusign.StatusSent || !equal(s, want) {
		t.Fatalf("after one signature: envelope %s recipients %v, want sent %v", got.Status, s, want)
	}
	if got.Reference != "selo-res123-1" || got.Recipients[0].Signed.IsZero() || got.Recipients[3].Copy != true {
		t.Fatalf("reference, signed time or copy flag lost: %+v", got)
	}
	if err := e.sim.Sign(env.ID, "3"); err == nil {
		t.Fatal("the second routing order signed before the first finished")
	}
	for _, id := range []string{"2", "3"} {
		if err := e.sim.Sign(env.ID, id); err != nil {
			t.Fatal(err)
		}
	}
	e.clock.Advance(docusign.PollInterval)
	pass, err := e.client.ListStatusChanges(ctx, env.Sent.Add(-time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if len(pass.Envelopes) != 1 || pass.Envelopes[0].Status != docusign.StatusCompleted || !pass.Envelopes[0].Terminal() {
		t.Fatalf("pass after all signed: %+v", pass.Envelopes)
	}
	if s := statusOf(t, pass.Envelopes[0]); !equal(s, map[string]string{"1": "completed", "2": "completed", "3": "completed", "4": "completed"}) {
		t.Fatalf("recipients at the end: %v", s)
	}
	combined, err := e.client.DownloadCombined(ctx, env.ID)
	if err != nil {
		t.Fatal(err)
	}
	if pages(t, combined) != 3 {
		t.Fatalf("combined has %d pages, want the 3 sent", pages(t, combined))
	}
	cert, err := e.client.DownloadCertificate(ctx, env.ID)
	if err != nil {
		t.Fatal(err)
	}
	if pages(t, cert) < 1 || !bytes.Contains(cert, []byte("Maria da Silva")) {
		t.Fatal("certificate does not list the signers")
	}
	if v := e.sim.Violations(); len(v) != 0 {
		t.Fatalf("polling rule broken: %+v", v)
	}
}

func equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// A lost answer on create: the client finds the envelope by its reference and
// a retry never makes a second one.
func TestLostCreateAnswerMakesNoSecondEnvelope(t *testing.T) {
	e := newEnv(t, simulator.Options{}, docusign.Options{})
	e.sim.Inject(simulator.Fault{Method: http.MethodPost, Path: "/envelopes", DropAnswer: true})
	req := e.request("selo-res7-1")
	env, err := e.client.Send(ctx, req)
	if err != nil {
		t.Fatalf("lost answer not recovered by lookup: %v", err)
	}
	if e.sim.EnvelopeCount() != 1 || env.ID != e.sim.EnvelopeIDs()[0] {
		t.Fatalf("%d envelopes, returned %s", e.sim.EnvelopeCount(), env.ID)
	}
	// The caller crashed before storing the id and retries with Resume.
	req.Resume = true
	again, err := e.client.Send(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if e.sim.EnvelopeCount() != 1 || again.ID != env.ID {
		t.Fatalf("resume made a second envelope: %d, %s vs %s", e.sim.EnvelopeCount(), again.ID, env.ID)
	}
}

// A lost answer whose lookup also fails: the outcome is unknown, nothing is
// created twice, and a later Resume finds the first envelope.
func TestLostCreateAnswerAndFailedLookup(t *testing.T) {
	e := newEnv(t, simulator.Options{}, docusign.Options{})
	e.sim.Inject(simulator.Fault{Method: http.MethodPost, Path: "/envelopes", DropAnswer: true})
	e.sim.Inject(simulator.Fault{Method: http.MethodGet, Path: "/envelopes", Status: http.StatusServiceUnavailable, Times: 3})
	req := e.request("selo-res8-1")
	if _, err := e.client.Send(ctx, req); !errors.Is(err, docusign.ErrOutcomeUnknown) {
		t.Fatalf("want ErrOutcomeUnknown, got %v", err)
	}
	req.Resume = true
	env, err := e.client.Send(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if e.sim.EnvelopeCount() != 1 || env.ID != e.sim.EnvelopeIDs()[0] {
		t.Fatalf("%d envelopes after resume", e.sim.EnvelopeCount())
	}
}

// A 5xx on create was not processed: the lookup finds nothing, and Resume creates it once.
func TestCreate5xxThenResumeCreatesOnce(t *testing.T) {
	e := newEnv(t, simulator.Options{}, docusign.Options{})
	e.sim.Inject(simulator.Fault{Method: http.MethodPost, Path: "/envelopes", Status: http.StatusInternalServerError})
	req := e.request("selo-res9-1")
	if _, err := e.client.Send(ctx, req); !errors.Is(err, docusign.ErrOutcomeUnknown) {
		t.Fatalf("want ErrOutcomeUnknown, got %v", err)
	}
	if e.sim.EnvelopeCount() != 0 {
		t.Fatal("the POST was retried blindly")
	}
	req.Resume = true
	for range 2 {
		if _, err := e.client.Send(ctx, req); err != nil {
			t.Fatal(err)
		}
	}
	if n := e.sim.EnvelopeCount(); n != 1 {
		t.Fatalf("%d envelopes after two resumes", n)
	}
}

// After seven days the transactionId is gone: the lookup uses the custom field.
func TestResumeAfterTransactionIDExpiry(t *testing.T) {
	e := newEnv(t, simulator.Options{}, docusign.Options{})
	req := e.request("selo-res10-1")
	first, err := e.client.Send(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(8 * 24 * time.Hour)
	req.Resume = true
	again, err := e.client.Send(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if again.ID != first.ID || e.sim.EnvelopeCount() != 1 {
		t.Fatalf("custom-field lookup failed: %s vs %s, %d envelopes", again.ID, first.ID, e.sim.EnvelopeCount())
	}
}

func TestServerErrorsAreRetriedForReads(t *testing.T) {
	e := newEnv(t, simulator.Options{}, docusign.Options{})
	env, err := e.client.Send(ctx, e.request("r1"))
	if err != nil {
		t.Fatal(err)
	}
	e.sim.Inject(simulator.Fault{Method: http.MethodGet, Path: "/combined", Status: http.StatusBadGateway, Times: 2})
	if _, err := e.client.DownloadCombined(ctx, env.ID); err != nil {
		t.Fatalf("two 502s then success: %v", err)
	}
	e.sim.Inject(simulator.Fault{Method: http.MethodGet, Path: "/combined", Status: http.StatusBadGateway, Times: 3})
	_, err = e.client.DownloadCombined(ctx, env.ID)
	if !errors.Is(err, docusign.ErrServer) {
		t.Fatalf("three 502s: want ErrServer, got %v", err)
	}
}

func TestRateLimitAnswerIsWaitedAndRetried(t *testing.T) {
	e := newEnv(t, simulator.Options{}, docusign.Options{})
	env, err := e.client.Send(ctx, e.request("r1"))
	if err != nil {
		t.Fatal(err)
	}
	e.sim.Inject(simulator.Fault{Method: http.MethodGet, Path: "/certificate", Status: http.StatusTooManyRequests})
	before := e.clock.Slept()
	if _, err := e.client.DownloadCertificate(ctx, env.ID); err != nil {
		t.Fatalf("429 then success: %v", err)
	}
	if d := e.clock.Slept() - before; d < docusign.BurstWindow {
		t.Fatalf("retried after %v, before the burst window passed", d)
	}
}

func TestErrorsAreTyped(t *testing.T) {
	e := newEnv(t, simulator.Options{}, docusign.Options{})
	e.tokens.token = "revoked"
	_, err := e.client.Send(ctx, e.request("r1"))
	var ae *docusign.APIError
	if !errors.Is(err, docusign.ErrAuth) || !errors.As(err, &ae) || ae.Code != simulator.CodeBadToken {
		t.Fatalf("refused token: %v", err)
	}
	e.tokens.token = testToken

	e.clock.Advance(time.Hour)
	if _, err := e.client.GetEnvelope(ctx, "00000000-0000-0000-0000-000000000000"); !errors.Is(err, docusign.ErrNotFound) {
		t.Fatalf("unknown envelope: %v", err)
	}
	req := e.request("r2")
	req.Signers[0].Email = "maria@localhost"
	_, err = e.client.Send(ctx, req)
	if !errors.Is(err, docusign.ErrValidation) || !errors.As(err, &ae) || ae.Code != simulator.CodeInvalidEmail {
		t.Fatalf("bad e-mail: %v", err)
	}
	env, err := e.client.Send(ctx, e.request("r3"))
	if err != nil {
		t.Fatal(err)
	}
	if err := e.client.Void(ctx, env.ID, "Reserva cancelada"); err != nil {
		t.Fatal(err)
	}
	err = e.client.Void(ctx, env.ID, "de novo")
	if !errors.Is(err, docusign.ErrValidation) || !errors.As(err, &ae) || ae.Code != simulator.CodeCannotVoid {
		t.Fatalf("void of a voided envelope: %v", err)
	}
	if st, _, _ := e.sim.EnvelopeStatus(env.ID); st != "voided" {
		t.Fatalf("status after void: %s", st)
	}
	if _, ok := docusign.RetryAfter(err); ok {
		t.Fatal("a validation error claims to be a rate limit")
	}
}

// A token that expired between Token and the call is dropped and the call
// repeated once with a fresh one.
func TestRefusedTokenIsInvalidatedAndRetried(t *testing.T) {
	e := newEnv(t, simulator.Options{}, docusign.Options{})
	e.tokens.token, e.tokens.next = "expired", testToken
	if _, err := e.client.Send(ctx, e.request("r1")); err != nil {
		t.Fatal(err)
	}
	if len(e.tokens.invalidated) != 1 || e.tokens.invalidated[0] != "expired" || e.sim.EnvelopeCount() != 1 {
		t.Fatalf("invalidated %v, %d envelopes", e.tokens.invalidated, e.sim.EnvelopeCount())
	}
}

// Nothing is sent when the request is incomplete; the field is named.
func TestBadInputSendsNothing(t *testing.T) {
	e := newEnv(t, simulator.Options{}, docusign.Options{})
	cases := map[string]func(*docusign.SendRequest){
		"reference":               func(r *docusign.SendRequest) { r.Reference = "" },
		"pdf":                     func(r *docusign.SendRequest) { r.PDF = []byte("not a pdf") },
		"signers":                 func(r *docusign.SendRequest) { r.Signers = nil },
		"signers[0].name":         func(r *docusign.SendRequest) { r.Signers[0].Name = " " },
		"signers[1].phone":        func(r *docusign.SendRequest) { r.Signers[1].Phone = nil },
		"signers[0].email":        func(r *docusign.SendRequest) { r.Signers[0].Email = "" },
		"expireAfterDays":         func(r *docusign.SendRequest) { r.ExpireAfterDays = 0 },
		"signers[2].routingOrder": func(r *docusign.SendRequest) { r.Signers[2].RoutingOrder = 0 },
	}
	for field, mutate := range cases {
		req := e.request("r")
		mutate(&req)
		_, err := e.client.Send(ctx, req)
		var ie *docusign.InputError
		if !errors.As(err, &ie) || !errors.Is(err, docusign.ErrValidation) || ie.Field != field {
			t.Errorf("%s: got %v", field, err)
		}
	}
	if n := e.sim.TotalRequests(); n != 0 {
		t.Fatalf("%d requests sent for bad input", n)
	}
}

func TestResendOnlyToCurrentRecipients(t *testing.T) {
	e := newEnv(t, simulator.Options{}, docusign.Options{})
	env, err := e.client.Send(ctx, e.request("r1"))
	if err != nil {
		t.Fatal(err)
	}
	if err := e.client.Resend(ctx, env.ID, "1", "2"); err != nil {
		t.Fatal(err)
	}
	if e.sim.Resends(env.ID, "1") != 1 || e.sim.Resends(env.ID, "2") != 1 {
		t.Fatal("resend did not reach the simulator")
	}
	err = e.client.Resend(ctx, env.ID, "3")
	var ae *docusign.APIError
	if !errors.As(err, &ae) || ae.Code != simulator.CodeNotInSequence || e.sim.Resends(env.ID, "3") != 0 {
		t.Fatalf("resend to a later routing order: %v", err)
	}
}

func TestExpiryArrivesAsVoided(t *testing.T) {
	e := newEnv(t, simulator.Options{}, docusign.Options{})
	env, err := e.client.Send(ctx, e.request("r1"))
	if err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(15*24*time.Hour + time.Minute)
	got, err := e.client.GetEnvelope(ctx, env.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != docusign.StatusVoided || got.VoidedReason != simulator.ExpiredReason || got.Expires.IsZero() {
		t.Fatalf("after the deadline: %s %q", got.Status, got.VoidedReason)
	}
}

// Every delivery channel maps to fields the simulator accepts and the
// OpenAPI check (with the reference's later fields) admits.
func TestDeliveryChannels(t *testing.T) {
	e := newEnv(t, simulator.Options{}, docusign.Options{})
	req := e.request("r1")
	phone := &docusign.Phone{CountryCode: "55", Number: "11987654321"}
	req.Signers[0].Delivery, req.Signers[0].Phone, req.Signers[0].Email = docusign.DeliverySMS, phone, ""
	req.Signers[1].Delivery = docusign.DeliveryEmailWhatsApp
	req.Signers[2].Delivery, req.Signers[2].Phone, req.Signers[2].Placement = docusign.DeliveryWhatsApp, phone, nil
	env, err := e.client.Send(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if _, rs, _ := e.sim.EnvelopeStatus(env.ID); rs["1"] != "sent" {
		t.Fatalf("SMS-only signer not sent: %v", rs)
	}
}

// A call cancelled mid-create may have been processed: the outcome is unknown.
func TestCancelledCreateIsUnknown(t *testing.T) {
	e := newEnv(t, simulator.Options{}, docusign.Options{})
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := e.client.Send(cctx, e.request("r1")); !errors.Is(err, docusign.ErrOutcomeUnknown) {
		t.Fatalf("cancelled send: %v", err)
	}
}
