package clicksign_test

import (
	"selo/backend/clicksign/internal/oascheck"

	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"selo/backend/clicksign"
	"selo/backend/clicksign/simulator"
)

const token = "tok-S3CR3T-0123456789abcdef"

var baseTime = time.Date(2025, 3, 10, 9, 0, 0, 0, time.FixedZone("-03", -3*3600))

// fakeClock moves only when someone sleeps on it, so limiter, backoff and 429
// waits cost no wall-clock time and are exactly measurable.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func newFakeClock() *fakeClock { return &fakeClock{now: baseTime} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if d > 0 {
		c.now = c.now.Add(d)
		c.sleeps = append(c.sleeps, d)
	}
	return nil
}

func (c *fakeClock) slept() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	var total time.Duration
	for _, d := range c.sleeps {
		total += d
	}
	return total
}

type fixture struct {
	t         *testing.T
	clock     *fakeClock
	sim       *simulator.Simulator
	srv       *httptest.Server
	client    *clicksign.Client
	transport *oascheck.Transport
}

// setup starts a simulator sharing the fake clock with a client whose every
// request and response is validated against the OpenAPI document.
func setup(t *testing.T, simOpts simulator.Options, opts ...clicksign.Option) *fixture {
	t.Helper()
	clock := newFakeClock()
	if simOpts.Now == nil {
		simOpts.Now = clock.Now
	}
	if simOpts.Tokens == nil {
		simOpts.Tokens = []string{token}
	}
	sim, err := simulator.New(simOpts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	t.Cleanup(func() { srv.Close(); sim.Close() })
	tr := &oascheck.Transport{T: t, CheckRequest: true, CheckResponse: true}
	all := append([]clicksign.Option{clicksign.WithHTTPClient(&http.Client{Transport: tr}), clicksign.WithClock(clock)}, opts...)
	c, err := clicksign.New(srv.URL+"/api/v3", token, all...)
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, clock: clock, sim: sim, srv: srv, client: c, transport: tr}
}

func ptr[T any](v T) *T { return &v }

var tinyPDF = []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

// draft builds an envelope with one document and one signer with both
// requirements, ready to activate.
func (f *fixture) draft(ctx context.Context) (envID, docID, signerID string) {
	f.t.Helper()
	c := f.client
	e, err := c.CreateEnvelope(ctx, clicksign.EnvelopeParams{Name: "Contrato 42"})
	if err != nil {
		f.t.Fatal(err)
	}
	d, err := c.CreateDocument(ctx, e.ID, clicksign.DocumentUpload{Filename: "contrato", Content: tinyPDF})
	if err != nil {
		f.t.Fatal(err)
	}
	s, err := c.CreateSigner(ctx, e.ID, clicksign.SignerParams{Name: "Maria da Silva", Email: "maria@example.com"})
	if err != nil {
		f.t.Fatal(err)
	}
	_, err = c.BulkRequirements(ctx, e.ID, []clicksign.BulkOperation{
		clicksign.AddRequirement(clicksign.Qualification(d.ID, s.ID, clicksign.RoleSign)),
		clicksign.AddRequirement(clicksign.Authentication(d.ID, s.ID, clicksign.AuthEmail)),
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return e.ID, d.ID, s.ID
}
