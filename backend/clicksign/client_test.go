package clicksign_test

import (
	"selo/backend/clicksign/internal/oascheck"

	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"selo/backend/clicksign"
	"selo/backend/clicksign/simulator"
)

func TestFullFlow(t *testing.T) {
	const secret = "0123456789abcdef0123456789abcdef"
	var (
		mu       sync.Mutex
		webhooks []*clicksign.WebhookPayload
	)
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		p, err := clicksign.ParseWebhook(secret, body, r.Header.Get(clicksign.HeaderContentHmac))
		if err != nil {
			t.Errorf("webhook %s: %v", r.Header.Get(clicksign.HeaderEvent), err)
			http.Error(w, "bad", 401)
			return
		}
		mu.Lock()
		webhooks = append(webhooks, p)
		mu.Unlock()
	}))
	defer recv.Close()
	f := setup(t, simulator.Options{WebhookURL: recv.URL, WebhookSecret: secret})
	c := f.client
	ctx := context.Background()

	deadline := f.sim.Now().Add(15 * 24 * time.Hour)
	env, err := c.CreateEnvelope(ctx, clicksign.EnvelopeParams{
		Name: "Reserva 7 - Unidade 101", AutoClose: ptr(true), RemindInterval: ptr(3),
		DeadlineAt: deadline, DefaultSubject: "Contrato para assinatura", DefaultMessage: "Olá, por favor assine.",
		BlockAfterRefusal: ptr(true),
	})
	if err != nil {
		t.Fatal(err)
	}
	if env.Status != clicksign.EnvelopeDraft || env.Locale != "pt-BR" || !env.DeadlineAt.Equal(deadline) || env.RemindInterval.Value != 3 {
		t.Fatalf("envelope %+v", env.EnvelopeAttributes)
	}
	var docs []*clicksign.Document
	for _, name := range []string{"contrato.pdf", "aditivo"} {
		d, err := c.CreateDocument(ctx, env.ID, clicksign.DocumentUpload{Filename: name, Content: tinyPDF, Metadata: map[string]any{"reservation": 7}})
		if err != nil {
			t.Fatal(err)
		}
		if d.Files.Original == "" || !strings.HasSuffix(d.Filename, ".pdf") {
			t.Fatalf("document %+v", d)
		}
		docs = append(docs, d)
	}
	signers := []clicksign.SignerParams{
		{Name: "Maria da Silva", Email: "maria@example.com", PhoneNumber: "11987654321", Birthday: "1990-01-01",
			HasDocumentation: ptr(true), Documentation: "529.982.247-25", Group: 1,
			CommunicateEvents: &clicksign.CommunicateEvents{SignatureRequest: "whatsapp", SignatureReminder: "email", DocumentSigned: "whatsapp"}},
		{Name: "João Souza", Email: "joao@example.com", Group: 1, Refusable: ptr(true)},
		{Name: "Carla Testemunha", Email: "carla@example.com", Group: 2},
		{Name: "Davi Testemunha", Email: "davi@example.com", Group: 2},
		{Name: "Eva Corretora", Email: "eva@example.com", Group: 3},
		{Name: "Fabio Gestor", Email: "fabio@example.com", Group: 3},
	}
	var ids []string
	var ops []clicksign.BulkOperation
	for i, p := range signers {
		s, err := c.CreateSigner(ctx, env.ID, p)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, s.ID)
		auth, role := clicksign.AuthEmail, clicksign.RoleParty
		if i == 0 {
			auth = clicksign.AuthWhatsApp
		}
		if i == 2 || i == 3 {
			role = clicksign.RoleWitness
		}
		for _, d := range docs {
			ops = append(ops, clicksign.AddRequirement(clicksign.Qualification(d.ID, s.ID, role)),
				clicksign.AddRequirement(clicksign.Authentication(d.ID, s.ID, auth)))
		}
	}
	ops = append(ops, clicksign.AddRequirement(clicksign.Authentication(docs[0].ID, ids[0], clicksign.AuthSelfie)))
	created, err := c.BulkRequirements(ctx, env.ID, ops)
	if err != nil {
		t.Fatal(err)
	}
	if len(created) != len(ops) {
		t.Fatalf("bulk created %d of %d", len(created), len(ops))
	}
	reqs, err := c.ListRequirements(ctx, env.ID) // 25 > one page of 20
	if err != nil || len(reqs) != len(ops) {
		t.Fatalf("list requirements: %d %v", len(reqs), err)
	}
	if env, err = c.ActivateEnvelope(ctx, env.ID); err != nil || env.Status != clicksign.EnvelopeRunning {
		t.Fatalf("activate: %v", err)
	}
	n, err := c.NotifyEnvelope(ctx, env.ID, clicksign.NotificationParams{Message: "Por favor, assine."})
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Summary) != 2 {
		t.Fatalf("group 1 has two signers, summary %+v", n.Summary)
	}
	if _, err := c.NotifyEnvelope(ctx, env.ID, clicksign.NotificationParams{}); !clicksign.IsNotificationThrottled(err) {
		t.Fatalf("second notification within a minute: %v", err)
	}
	for _, id := range ids {
		if err := f.sim.Sign(env.ID, id); err != nil {
			t.Fatal(err)
		}
	}
	events, err := c.ListDocumentEvents(ctx, env.ID, docs[0].ID, "")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range events {
		names = append(names, e.Name)
	}
	if got := strings.Join(names, ","); !strings.HasPrefix(got, "upload,add_signer") || !strings.HasSuffix(got, "sign,auto_close,document_closed") {
		t.Fatalf("events %s", got)
	}
	signs, err := c.ListDocumentEvents(ctx, env.ID, docs[0].ID, clicksign.EventSign)
	if err != nil || len(signs) != 6 {
		t.Fatalf("sign events %d %v", len(signs), err)
	}
	if env, err = c.GetEnvelope(ctx, env.ID); err != nil || env.Status != clicksign.EnvelopeClosed {
		t.Fatalf("envelope after signatures: %v %v", env.Status, err)
	}
	doc, err := c.GetDocument(ctx, env.ID, docs[0].ID)
	if err != nil || doc.Status != clicksign.DocumentClosed || doc.Files.Signed == "" || doc.Files.Ziped == "" {
		t.Fatalf("document %+v %v", doc, err)
	}
	resp, err := http.Get(doc.Files.Signed)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != string(tinyPDF) {
		t.Fatalf("signed file %q", b)
	}
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := f.sim.WaitWebhooks(wctx); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	closed := 0
	for _, w := range webhooks {
		if w.Event.Name == clicksign.EventDocumentClosed {
			closed++
			if w.Document.Downloads.SignedFileURL == "" || w.Document.Status != "closed" {
				t.Fatalf("document_closed payload %+v", w.Document)
			}
		}
	}
	if closed != 2 {
		t.Fatalf("document_closed webhooks: %d", closed)
	}
	if f.transport.Count() < 15 {
		t.Fatalf("only %d exchanges validated", f.transport.Count())
	}
}

func TestTypedErrors(t *testing.T) {
	f := setup(t, simulator.Options{})
	ctx := context.Background()

	bad, _ := clicksign.New(f.srv.URL+"/api/v3", "wrong-token", clicksign.WithClock(f.clock),
		clicksign.WithHTTPClient(&http.Client{Transport: f.transport}))
	if _, err := bad.ListEnvelopes(ctx, clicksign.EnvelopeFilter{}); !clicksign.IsUnauthorized(err) {
		t.Fatalf("401: %v", err)
	}
	if _, err := f.client.GetEnvelope(ctx, "00000000-0000-0000-0000-000000000000"); !clicksign.IsNotFound(err) {
		t.Fatalf("404: %v", err)
	}
	empty, _ := f.client.CreateEnvelope(ctx, clicksign.EnvelopeParams{Name: "Vazio"})
	_, err := f.client.ActivateEnvelope(ctx, empty.ID)
	var apiErr *clicksign.APIError
	if !errors.As(err, &apiErr) || !clicksign.IsValidation(err) || apiErr.StatusCode != 422 {
		t.Fatalf("422: %v", err)
	}
	if fe := apiErr.FieldErrors(); !strings.Contains(fe["status"], "documento") || apiErr.Errors[0].Status != 422 {
		t.Fatalf("422 details %+v", apiErr.Errors)
	}
	_, err = f.client.CreateEnvelope(ctx, clicksign.EnvelopeParams{Name: "X", DeadlineAt: f.sim.Now().Add(-time.Hour)})
	if !errors.As(err, &apiErr) || apiErr.Errors[0].Pointer != "/data/attributes/deadline_at" {
		t.Fatalf("deadline 422: %v", err)
	}
	// An invalid locale breaks the OpenAPI enum on purpose, so this one call goes
	// through a client without the validating transport.
	raw, _ := clicksign.New(f.srv.URL+"/api/v3", token, clicksign.WithClock(f.clock))
	_, err = raw.CreateEnvelope(ctx, clicksign.EnvelopeParams{Name: "X", Locale: "es-ES"})
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 || apiErr.Errors[0].Status != 400 || apiErr.Errors[0].Code != "bad_request" {
		t.Fatalf("400: %v", err)
	}

	envID, _, _ := f.draft(ctx)
	if _, err := f.client.ActivateEnvelope(ctx, envID); err != nil {
		t.Fatal(err)
	}
	if err := f.client.DeleteEnvelope(ctx, envID); !clicksign.IsForbidden(err) || !strings.Contains(err.Error(), "envelope não está com status draft") {
		t.Fatalf("403: %v", err)
	}

	f.sim.SetEnvelopeAPIEnabled(false)
	f.sim.ResetRequestCounts()
	_, err = f.client.GetEnvelope(ctx, envID)
	if !clicksign.IsServiceUnavailable(err) {
		t.Fatalf("503: %v", err)
	}
	if n := f.sim.RequestCount("GET /api/v3/envelopes/{envelope_id}"); n != 1 {
		t.Fatalf("503 service_unavailable was retried: %d requests", n)
	}
}

func TestErrorObjectVariants(t *testing.T) {
	var objs []clicksign.ErrorObject
	body := `[{"code":"bad_request","status":400,"source":{"pointer":"/data/attributes/locale"},"detail":"locale deve estar em: pt-BR, en-US"},
	{"title":"não pode ficar em branco","detail":"content - não pode ficar em branco","code":"100","source":{"pointer":"/data/attributes/content"},"status":"422"},
	{"code":404,"status":"404"}]`
	if err := json.Unmarshal([]byte(body), &objs); err != nil {
		t.Fatal(err)
	}
	if objs[0].Status != 400 || objs[0].Code != "bad_request" || objs[1].Status != 422 || objs[1].Code != "100" ||
		objs[1].Pointer != "/data/attributes/content" || objs[2].Code != "404" || objs[2].Status != 404 {
		t.Fatalf("%+v", objs)
	}
}

func TestRateLimitedResponsesAreRetried(t *testing.T) {
	// The client's own limiter is off so the server's 429 is what is exercised.
	f := setup(t, simulator.Options{RateLimit: 2, RateWindow: 10 * time.Second}, clicksign.WithRateLimit(0, 0))
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		if _, err := f.client.ListEnvelopes(ctx, clicksign.EnvelopeFilter{}); err != nil {
			t.Fatal(err)
		}
	}
	if n := f.sim.RequestCount("GET /api/v3/envelopes"); n != 4 {
		t.Fatalf("requests %d, want 4 (one 429 then a retry)", n)
	}
	// It waited until X-Rate-Limit-Reset (10 s after the window opened), no longer.
	if s := f.clock.slept(); s < 10*time.Second || s > 11*time.Second {
		t.Fatalf("slept %v", s)
	}

	// A 429 means "not processed": even a POST is sent again, and only one
	// envelope results.
	f.sim.ResetRateLimits()
	f.sim.InjectFault(simulator.Fault{Status: 429, Method: "POST", Route: "POST /api/v3/envelopes"})
	env, err := f.client.CreateEnvelope(ctx, clicksign.EnvelopeParams{Name: "Depois do 429"})
	if err != nil {
		t.Fatal(err)
	}
	page, err := f.client.ListEnvelopes(ctx, clicksign.EnvelopeFilter{Name: "Depois do 429"})
	if err != nil || page.RecordCount != 1 || page.Items[0].ID != env.ID {
		t.Fatalf("after POST 429: %+v %v", page, err)
	}

	// A wait longer than the cap is returned as an error instead of sleeping.
	g := setup(t, simulator.Options{RateLimit: 1, RateWindow: time.Hour}, clicksign.WithRateLimit(0, 0), clicksign.WithMaxRateLimitWait(time.Minute))
	g.client.ListEnvelopes(ctx, clicksign.EnvelopeFilter{})
	_, err = g.client.ListEnvelopes(ctx, clicksign.EnvelopeFilter{})
	var apiErr *clicksign.APIError
	if !clicksign.IsRateLimited(err) || !errors.As(err, &apiErr) || apiErr.RateLimit.Remaining != 0 || apiErr.RateLimit.Limit != 1 || apiErr.RateLimit.Reset.IsZero() {
		t.Fatalf("capped 429: %v %+v", err, apiErr)
	}
}

func TestRetryPolicy(t *testing.T) {
	f := setup(t, simulator.Options{})
	ctx := context.Background()

	// A POST whose answer is lost after it was processed must not be repeated.
	f.sim.InjectFault(simulator.Fault{Status: 500, Route: "POST /api/v3/envelopes", AfterProcessing: true})
	_, err := f.client.CreateEnvelope(ctx, clicksign.EnvelopeParams{Name: "Talvez criado"})
	if !clicksign.IsServerError(err) {
		t.Fatalf("POST 500: %v", err)
	}
	if n := f.sim.RequestCount("POST /api/v3/envelopes"); n != 1 {
		t.Fatalf("POST sent %d times", n)
	}
	f.sim.InjectFault(simulator.Fault{Kind: simulator.FaultCloseConnection, Route: "POST /api/v3/envelopes", AfterProcessing: true})
	_, err = f.client.CreateEnvelope(ctx, clicksign.EnvelopeParams{Name: "Talvez criado"})
	if !clicksign.IsNetwork(err) || clicksign.IsServerError(err) {
		t.Fatalf("POST connection drop: %v", err)
	}
	if n := f.sim.RequestCount("POST /api/v3/envelopes"); n != 2 {
		t.Fatalf("POST sent %d times", n)
	}
	page, _ := f.client.ListEnvelopes(ctx, clicksign.EnvelopeFilter{Name: "Talvez criado"})
	if page.RecordCount != 2 {
		t.Fatalf("both POSTs were processed by the server, got %d envelopes", page.RecordCount)
	}

	// GETs are retried through 5xx with doubling backoff...
	f.sim.ResetRequestCounts()
	f.sim.InjectFault(simulator.Fault{Status: 502, Times: 2, Route: "GET /api/v3/envelopes"})
	before := f.clock.slept()
	if _, err := f.client.ListEnvelopes(ctx, clicksign.EnvelopeFilter{}); err != nil {
		t.Fatalf("GET after faults: %v", err)
	}
	if n := f.sim.RequestCount("GET /api/v3/envelopes"); n != 3 {
		t.Fatalf("GET sent %d times, want 3", n)
	}
	if backoff := f.clock.slept() - before; backoff != clicksign.DefaultBackoff*3 {
		t.Fatalf("backoff %v, want %v then %v", backoff, clicksign.DefaultBackoff, 2*clicksign.DefaultBackoff)
	}
	// ...and through dropped connections (net/http may itself resend an
	// idempotent request once on a reused connection, so only success is checked).
	f.sim.InjectFault(simulator.Fault{Kind: simulator.FaultCloseConnection, Times: 2, Route: "GET /api/v3/envelopes"})
	if _, err := f.client.ListEnvelopes(ctx, clicksign.EnvelopeFilter{}); err != nil {
		t.Fatalf("GET after dropped connections: %v", err)
	}
	// ...but not forever.
	f.sim.InjectFault(simulator.Fault{Status: 500, Times: 5, Route: "GET /api/v3/envelopes"})
	if _, err := f.client.ListEnvelopes(ctx, clicksign.EnvelopeFilter{}); !clicksign.IsServerError(err) {
		t.Fatalf("persistent 500: %v", err)
	}
	f.sim.ClearFaults()

	// Activation (PATCH status) is idempotent and retried.
	envID, _, _ := f.draft(ctx)
	f.sim.InjectFault(simulator.Fault{Status: 500, Route: "PATCH /api/v3/envelopes/{envelope_id}", AfterProcessing: true})
	if env, err := f.client.ActivateEnvelope(ctx, envID); err != nil || env.Status != clicksign.EnvelopeRunning {
		t.Fatalf("activate after lost answer: %v", err)
	}
}

func TestClientLimiter(t *testing.T) {
	// Sandbox budget on both sides, one shared fake clock: 45 calls must never
	// trip the server's limit, and must take two extra windows of fake time.
	f := setup(t, simulator.Options{RateLimit: 20, RateWindow: 10 * time.Second})
	ctx := context.Background()
	var starts []time.Time
	for i := 0; i < 45; i++ {
		if _, err := f.client.ListEnvelopes(ctx, clicksign.EnvelopeFilter{}); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
		// Fake time stands still during the exchange, so "now" is its start.
		starts = append(starts, f.clock.Now())
	}
	if n := f.sim.RequestCount("GET /api/v3/envelopes"); n != 45 {
		t.Fatalf("server saw %d requests (a 429 was hit)", n)
	}
	if s := f.clock.slept(); s != 20*time.Second {
		t.Fatalf("limiter waited %v, want 20s", s)
	}
	for i := range starts {
		in := 0
		for _, s := range starts[i:] {
			if s.Sub(starts[i]) < 10*time.Second {
				in++
			}
		}
		if in > 20 {
			t.Fatalf("%d requests within 10s from call %d", in, i)
		}
	}
	if n, w := clicksign.Production.RateLimit(); n != 50 || w != 10*time.Second {
		t.Fatalf("production budget %d/%v", n, w)
	}
	if n, _ := clicksign.Simulator.RateLimit(); n != 20 {
		t.Fatalf("simulator budget %d", n)
	}
}

func TestLimiterConcurrentCallers(t *testing.T) {
	// Real clock, tiny window: 12 concurrent calls with a budget of 4 per 150 ms
	// need at least two extra windows; counted, not timed tightly.
	sim, err := simulator.New(simulator.Options{Tokens: []string{token}, RateLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	defer srv.Close()
	defer sim.Close()
	c, _ := clicksign.New(srv.URL+"/api/v3", token, clicksign.WithRateLimit(4, 150*time.Millisecond),
		clicksign.WithHTTPClient(&http.Client{Transport: &oascheck.Transport{T: t, CheckRequest: true, CheckResponse: true}}))
	start := time.Now()
	var wg sync.WaitGroup
	for i := 0; i < 12; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.ListEnvelopes(context.Background(), clicksign.EnvelopeFilter{}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if el := time.Since(start); el < 300*time.Millisecond {
		t.Fatalf("12 calls at 4 per 150ms finished in %v", el)
	}
}

func TestContextCancellation(t *testing.T) {
	f := setup(t, simulator.Options{Latency: 2 * time.Second})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := f.client.ListEnvelopes(ctx, clicksign.EnvelopeFilter{})
	if !errors.Is(err, context.DeadlineExceeded) || !clicksign.IsNetwork(err) {
		t.Fatalf("deadline: %v", err)
	}
	if time.Since(start) > 1800*time.Millisecond { // the simulated latency is 2 s
		t.Fatal("cancellation did not interrupt the request")
	}
	canceled, cancel2 := context.WithCancel(context.Background())
	cancel2()
	if _, err := f.client.ListEnvelopes(canceled, clicksign.EnvelopeFilter{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("canceled: %v", err)
	}

	// The per-attempt timeout is a timeout error, retried for GETs.
	g := setup(t, simulator.Options{Latency: time.Second}, clicksign.WithTimeout(30*time.Millisecond), clicksign.WithRetry(2, time.Millisecond))
	_, err = g.client.ListEnvelopes(context.Background(), clicksign.EnvelopeFilter{})
	if !clicksign.IsTimeout(err) {
		t.Fatalf("timeout: %v", err)
	}
}

func TestTokenNeverLeaks(t *testing.T) {
	f := setup(t, simulator.Options{Tokens: []string{"another"}})
	ctx := context.Background()
	var errs []error
	_, err := f.client.ListEnvelopes(ctx, clicksign.EnvelopeFilter{})
	errs = append(errs, err) // 401
	f.sim.InjectFault(simulator.Fault{Kind: simulator.FaultCloseConnection})
	_, err = f.client.CreateEnvelope(ctx, clicksign.EnvelopeParams{Name: "x"})
	errs = append(errs, err) // network
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = f.client.GetEnvelope(canceled, "x")
	errs = append(errs, err)
	_, err = clicksign.New("://bad?access_token="+token, token)
	errs = append(errs, err)
	dead, _ := clicksign.New("http://127.0.0.1:1/api/v3?access_token="+token, token, clicksign.WithRetry(1, 0))
	_, err = dead.GetEnvelope(ctx, "x")
	errs = append(errs, err)

	var texts []string
	for _, e := range errs {
		if e == nil {
			t.Fatal("expected an error")
		}
		texts = append(texts, e.Error(), fmt.Sprintf("%v|%+v|%#v|%s", e, e, e, e))
		for u := errors.Unwrap(e); u != nil; u = errors.Unwrap(u) {
			texts = append(texts, u.Error())
		}
	}
	c := f.client
	texts = append(texts, fmt.Sprintf("%v|%+v|%#v|%s", c, c, c, c), c.String(), fmt.Sprint(*c), fmt.Sprintf("%+v", []any{c}))
	for _, s := range texts {
		if strings.Contains(s, token) {
			t.Fatalf("token leaked in %q", s)
		}
	}
	if !strings.Contains(fmt.Sprintf("%+v", c), "[REDACTED]") {
		t.Fatalf("client formatting %q", fmt.Sprintf("%+v", c))
	}
}

func TestPagination(t *testing.T) {
	f := setup(t, simulator.Options{RateLimit: -1})
	ctx := context.Background()
	for i := 0; i < 55; i++ {
		if _, err := f.client.CreateEnvelope(ctx, clicksign.EnvelopeParams{Name: fmt.Sprintf("E%02d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	f.sim.ResetRequestCounts()
	var names []string
	for e, err := range f.client.AllEnvelopes(ctx, clicksign.EnvelopeFilter{Sort: "-name"}) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, e.Name)
	}
	if len(names) != 55 || names[0] != "E54" || names[54] != "E00" {
		t.Fatalf("walked %d: %v", len(names), names)
	}
	if n := f.sim.RequestCount("GET /api/v3/envelopes"); n != 3 {
		t.Fatalf("%d page requests, want 3", n)
	}
	// Asking for more than the server's maximum page (50 in the simulator) must
	// not skip records.
	seen := map[string]bool{}
	for e, err := range f.client.AllEnvelopes(ctx, clicksign.EnvelopeFilter{PageSize: 100}) {
		if err != nil {
			t.Fatal(err)
		}
		seen[e.ID] = true
	}
	if len(seen) != 55 {
		t.Fatalf("oversized pages walked %d distinct envelopes", len(seen))
	}
	p, err := f.client.ListEnvelopes(ctx, clicksign.EnvelopeFilter{PageNumber: 3, PageSize: 20})
	if err != nil || len(p.Items) != 15 || p.RecordCount != 55 || p.HasNext() {
		t.Fatalf("page 3: %+v %v", p, err)
	}
	p, err = f.client.ListEnvelopes(ctx, clicksign.EnvelopeFilter{Status: clicksign.EnvelopeRunning,
		DeadlineAt: clicksign.TimeRange{From: f.sim.Now(), To: f.sim.Now().Add(40 * 24 * time.Hour)}})
	if err != nil || p.RecordCount != 0 {
		t.Fatalf("filters: %+v %v", p, err)
	}
}

func TestDocumentsSignersRequirementsCRUD(t *testing.T) {
	f := setup(t, simulator.Options{})
	ctx := context.Background()
	c := f.client
	envID, docID, signerID := f.draft(ctx)
	docs, err := c.ListDocuments(ctx, envID)
	if err != nil || len(docs) != 1 || docs[0].ID != docID {
		t.Fatalf("documents %v %v", docs, err)
	}
	signers, err := c.ListSigners(ctx, envID)
	if err != nil || len(signers) != 1 || signers[0].Group != 1 || *signers[0].Email != "maria@example.com" {
		t.Fatalf("signers %+v %v", signers, err)
	}
	if s, err := c.GetSigner(ctx, envID, signerID); err != nil || s.Name != "Maria da Silva" {
		t.Fatalf("get signer %v", err)
	}
	reqs, err := c.ListRequirements(ctx, envID)
	if err != nil || len(reqs) != 2 || reqs[0].DocumentID != docID || reqs[0].SignerID != signerID {
		t.Fatalf("requirements %+v %v", reqs, err)
	}
	r, err := c.CreateRequirement(ctx, envID, clicksign.Authentication(docID, signerID, clicksign.AuthFacialBiometrics))
	if err != nil || r.Auth != clicksign.AuthFacialBiometrics {
		t.Fatalf("create requirement %v", err)
	}
	if got, err := c.GetRequirement(ctx, envID, r.ID); err != nil || got.Auth != clicksign.AuthFacialBiometrics {
		t.Fatalf("get requirement %v", err)
	}
	if _, err := c.BulkRequirements(ctx, envID, []clicksign.BulkOperation{
		clicksign.RemoveRequirement(r.ID),
		clicksign.AddRequirement(clicksign.Authentication(docID, signerID, clicksign.AuthHandwritten)),
	}); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteRequirement(ctx, envID, reqs[1].ID); err != nil {
		t.Fatal(err)
	}
	// Only handwritten evidence left: not an authentication the signer lacks in
	// the simulator's eyes (any provide_evidence counts), so activation passes.
	env, err := c.UpdateEnvelope(ctx, envID, clicksign.EnvelopeParams{Name: "Renomeado", DefaultMessage: "Oi"})
	if err != nil || env.Name != "Renomeado" || *env.DefaultMessage != "Oi" {
		t.Fatalf("update %v", err)
	}
	if _, err := c.NotifySigner(ctx, envID, signerID, clicksign.NotificationParams{}); !clicksign.IsValidation(err) {
		t.Fatalf("notify draft envelope: %v", err)
	}
	if _, err := c.ActivateEnvelope(ctx, envID); err != nil {
		t.Fatal(err)
	}
	n, err := c.NotifySigner(ctx, envID, signerID, clicksign.NotificationParams{Message: "Lembrete"})
	if err != nil || len(n.Summary) != 1 || !n.Summary[0].Notified {
		t.Fatalf("notify signer %+v %v", n, err)
	}
	if d, err := c.CloseDocument(ctx, envID, docID); err != nil || d.Status != clicksign.DocumentClosed {
		t.Fatalf("close %v", err)
	}
	if _, err := c.CancelDocument(ctx, envID, docID); !clicksign.IsValidation(err) {
		t.Fatalf("cancel closed document: %v", err)
	}

	// Deletes while draft.
	e2, d2, s2 := f.draft(ctx)
	if err := c.DeleteSigner(ctx, e2, s2); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteDocument(ctx, e2, d2); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteEnvelope(ctx, e2); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetEnvelope(ctx, e2); !clicksign.IsNotFound(err) {
		t.Fatalf("deleted envelope: %v", err)
	}
}

func TestVerifyHMAC(t *testing.T) {
	body := []byte(`{"event":{"name":"sign"}}`)
	sig := clicksign.SignWebhook("s3cret", body)
	cases := []struct {
		name   string
		secret string
		body   []byte
		header string
		want   bool
	}{
		{"valid", "s3cret", body, sig, true},
		{"uppercase hex", "s3cret", body, "sha256=" + strings.ToUpper(strings.TrimPrefix(sig, "sha256=")), true},
		{"wrong secret", "other", body, sig, false},
		{"tampered body", "s3cret", append([]byte(" "), body...), sig, false},
		{"missing prefix", "s3cret", body, strings.TrimPrefix(sig, "sha256="), false},
		{"empty header", "s3cret", body, "", false},
		{"empty secret", "", body, clicksign.SignWebhook("", body), false},
	}
	for _, c := range cases {
		if got := clicksign.VerifyHMAC(c.secret, c.body, c.header); got != c.want {
			t.Errorf("%s: got %v", c.name, got)
		}
	}
	if _, err := clicksign.ParseWebhook("x", body, sig); !errors.Is(err, clicksign.ErrBadSignature) {
		t.Fatalf("parse with bad signature: %v", err)
	}
}

// The request check must be able to fail: a body the client must never send.
func TestOpenAPIRequestCheckCanFail(t *testing.T) {
	body := `{"data":{"type":"signers","attributes":{"name":"x","communicate_events":{"signature_reminder":"sms"}}}}`
	r, _ := http.NewRequest("POST", "http://127.0.0.1/api/v3/envelopes/1/signers", strings.NewReader(body))
	r.Header.Set("Authorization", token)
	r.Header.Set("Content-Type", "application/vnd.api+json")
	if p := oascheck.Validate(r, []byte(body), nil, nil, true, false); len(p) == 0 {
		t.Fatal("signature_reminder sms accepted by the OpenAPI check")
	}
	r, _ = http.NewRequest("GET", "http://127.0.0.1/api/v3/envelopes", nil)
	if p := oascheck.Validate(r, nil, nil, nil, true, false); len(p) == 0 {
		t.Fatal("request without Authorization accepted by the OpenAPI check")
	}
}
