package docusign_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"selo/backend/docusign"
	"selo/backend/docusign/internal/oascheck"
	"selo/backend/docusign/simulator"
)

// fakeClock is shared by the client and the simulator: sleeping advances it,
// so rate-limit waits and the 15-minute rule cost no wall-clock time.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	slept time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 3, 2, 13, 5, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.Advance(d)
	c.mu.Lock()
	c.slept += d
	c.mu.Unlock()
	return nil
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func (c *fakeClock) Slept() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.slept
}

// tokens is a TokenSource for the simulator; it can serve a stale token first.
type tokens struct {
	mu          sync.Mutex
	token, base string
	account     string
	invalidated []string
	next        string // served after an invalidation
}

func (t *tokens) Token(context.Context) (string, string, string, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.token, t.base, t.account, nil
}

func (t *tokens) InvalidateToken(tok string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.invalidated = append(t.invalidated, tok)
	if t.next != "" {
		t.token = t.next
	}
}

type env struct {
	t      testing.TB
	clock  *fakeClock
	sim    *simulator.Simulator
	srv    *httptest.Server
	check  *oascheck.Transport
	tokens *tokens
	client *docusign.Client
}

const testToken = "eyJ0eXAiOiJNVCIsImFsZyI6IlJTMjU2In0.test"

// newEnv starts a simulator and a client whose every exchange is checked
// against DocuSign's OpenAPI document, request and response.
func newEnv(t testing.TB, opt simulator.Options, copt docusign.Options) *env {
	t.Helper()
	e := &env{t: t, clock: newFakeClock()}
	opt.Now = e.clock.Now
	if opt.Token == "" {
		opt.Token = testToken
	}
	e.sim = simulator.New(opt)
	e.srv = httptest.NewServer(e.sim)
	t.Cleanup(e.srv.Close)
	e.check = &oascheck.Transport{T: t, CheckRequest: true, CheckResponse: true}
	e.tokens = &tokens{token: opt.Token, base: e.srv.URL, account: e.sim.AccountID()}
	copt.HTTPClient = &http.Client{Transport: e.check, Timeout: 10 * time.Second}
	copt.Clock = e.clock
	e.client = docusign.New(e.tokens, copt)
	t.Cleanup(func() {
		if e.check.Count() == 0 && e.sim.TotalRequests() > 0 {
			t.Error("no exchange was checked against the OpenAPI document")
		}
	})
	return e
}

var contractPDF = simulator.TextPDF(
	[]string{"CONTRATO DE COMPRA E VENDA", "Reserva 123 - Residencial Aurora, unidade 101"},
	[]string{"Cláusula 2: preço e condições."},
	[]string{"Assinaturas"},
)

// request is a send with two parallel signers, a second-round signer and a copy,
// each signer with a placed signature on the last page.
func (e *env) request(ref string) docusign.SendRequest {
	signers := []docusign.Signer{
		{Name: "Maria da Silva", Email: "maria@example.com", RoutingOrder: 1, Role: "titular"},
		{Name: "João da Silva", Email: "joao@example.com", RoutingOrder: 1, Role: "conjuge",
			Delivery: docusign.DeliveryEmailSMS, Phone: &docusign.Phone{CountryCode: "55", Number: "11987654321"}},
		{Name: "Imobiliária X Ltda", Email: "adm@imobx.com.br", RoutingOrder: 2, Role: "imobiliaria"},
	}
	for i := range signers {
		p := docusign.SignatureSlot(3, i)
		signers[i].Placement = &p
	}
	return docusign.SendRequest{
		Reference: ref, ReferenceCreated: e.clock.Now(),
		Subject: "Contratos da reserva 123 – Residencial Aurora", Message: "Olá, segue o contrato.",
		DocumentName: "Contratos reserva 123.pdf", PDF: contractPDF, Signers: signers,
		Copies:          []docusign.Signer{{Name: "Corretor Y", Email: "corretor@imobx.com.br", RoutingOrder: 3, Role: "corretor"}},
		ExpireAfterDays: 15, ReminderDelayDays: 2, ReminderEveryDays: 2,
	}
}
