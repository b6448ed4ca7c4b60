package docusign_test

import (
	"fmt"
	"testing"
	"time"

	"selo/backend/docusign"
	"selo/backend/docusign/simulator"
)

// Requests per send: 1. POST /envelopes with status "sent" creates the
// envelope with its document, recipients, deadline and reminders and sends it
// in one call; nothing can be fewer. A lost answer adds one lookup
// (listStatusChanges by transaction_ids).
func TestRequestsPerSend(t *testing.T) {
	e := newEnv(t, simulator.Options{}, docusign.Options{})
	if _, err := e.client.Send(ctx, e.request("r1")); err != nil {
		t.Fatal(err)
	}
	if n := e.sim.TotalRequests(); n != 1 {
		t.Fatalf("requests per send: %d, want 1", n)
	}
	e.sim.Inject(simulator.Fault{Method: "POST", Path: "/envelopes", DropAnswer: true})
	if _, err := e.client.Send(ctx, e.request("r2")); err != nil {
		t.Fatal(err)
	}
	if n := e.sim.TotalRequests() - 1; n != 2 {
		t.Fatalf("requests per send with a lost answer: %d, want 2", n)
	}
	// name: value lines for make bench (build/scripts/bench.sh).
	fmt.Printf("docusign_requests_per_send: 1\ndocusign_requests_per_send_after_lost_answer: 2\n")
}

// One status pass over 500 running envelopes of which 10 changed: one
// listStatusChanges request (from_date), no limit error, no polling violation.
func TestStatusPassOver500Envelopes(t *testing.T) {
	e := newEnv(t, simulator.Options{}, docusign.Options{})
	start := e.clock.Now()
	var ids []string
	for i := range 500 {
		req := e.request(fmt.Sprintf("selo-res%d-1", i))
		req.Copies = nil
		env, err := e.client.Send(ctx, req)
		if err != nil {
			t.Fatalf("send %d: %v", i, err)
		}
		ids = append(ids, env.ID)
	}
	e.clock.Advance(20 * time.Minute)
	first, err := e.client.ListStatusChanges(ctx, start.Add(-time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Envelopes) != 500 || first.Requests != 5 {
		t.Fatalf("initial pass: %d envelopes in %d requests, want 500 in 5 pages", len(first.Envelopes), first.Requests)
	}
	for _, id := range ids[100:110] {
		if err := e.sim.Sign(id, "1"); err != nil {
			t.Fatal(err)
		}
	}
	e.clock.Advance(20 * time.Minute)
	before := e.sim.TotalRequests()
	pass, err := e.client.ListStatusChanges(ctx, first.Next)
	if err != nil {
		t.Fatal(err)
	}
	used := e.sim.TotalRequests() - before
	if len(pass.Envelopes) != 10 || used != 1 || pass.Requests != 1 {
		t.Fatalf("pass with 10 changed: %d envelopes, %d requests", len(pass.Envelopes), used)
	}
	for _, env := range pass.Envelopes {
		if env.Recipients[0].Status != "completed" {
			t.Fatalf("changed envelope without the signature: %+v", env.Recipients[0])
		}
	}
	if n, v := e.sim.LimitRefusals(), e.sim.Violations(); n != 0 || len(v) != 0 {
		t.Fatalf("%d limit refusals, %d polling violations", n, len(v))
	}
	fmt.Printf("docusign_client_status_pass_requests: %d\ndocusign_client_status_pass_envelopes_returned: %d\ndocusign_client_status_pass_limit_errors: %d\n",
		used, len(pass.Envelopes), e.sim.LimitRefusals())
}

// BenchmarkSend reports requests per send against the simulator.
func BenchmarkSend(b *testing.B) {
	e := newEnv(b, simulator.Options{HourlyLimit: 1 << 30, BurstLimit: 1 << 30}, docusign.Options{HourlyLimit: 1 << 30, BurstLimit: 1 << 30})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := e.client.Send(ctx, e.request(fmt.Sprintf("b%d", i))); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(e.sim.TotalRequests())/float64(b.N), "requests/send")
}
