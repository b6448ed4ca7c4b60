package docusign_test

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"selo/backend/docusign"
	"selo/backend/docusign/simulator"
)

// The client learns the burst limit from X-BurstLimit-* and waits instead of
// being refused: the simulator never has to refuse a request.
func TestClientStaysUnderBurstLimit(t *testing.T) {
	e := newEnv(t, simulator.Options{BurstLimit: 10}, docusign.Options{})
	env, err := e.client.Send(ctx, e.request("r1"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 40 {
		if _, err := e.client.DownloadCertificate(ctx, env.ID); err != nil {
			t.Fatalf("download %d: %v", i, err)
		}
	}
	if n := e.sim.LimitRefusals(); n != 0 {
		t.Fatalf("the simulator refused %d requests over the burst limit", n)
	}
	if e.clock.Slept() < 3*docusign.BurstWindow {
		t.Fatalf("41 requests at 10 per 30 s took only %v", e.clock.Slept())
	}
}

// The hourly allowance is shared with other apps on the account: the client
// follows X-RateLimit-Remaining, stops itself at zero (no request beyond the
// limit) and says how long until the next hour.
func TestClientStopsAtHourlyLimit(t *testing.T) {
	e := newEnv(t, simulator.Options{HourlyLimit: 8}, docusign.Options{})
	// Another app on the account spends three requests.
	for range 3 {
		req, _ := http.NewRequest(http.MethodGet, e.srv.URL+"/restapi/v2.1/accounts/"+e.sim.AccountID()+"/envelopes?from_date=2026-01-01", nil)
		req.Header.Set("Authorization", "Bearer "+testToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	env, err := e.client.Send(ctx, e.request("r1"))
	if err != nil {
		t.Fatal(err)
	}
	ok := 1
	var last error
	for range 10 {
		if _, last = e.client.DownloadCertificate(ctx, env.ID); last != nil {
			break
		}
		ok++
	}
	if ok != 5 {
		t.Fatalf("%d client requests succeeded, want the 5 left of 8", ok)
	}
	wait, isLimit := docusign.RetryAfter(last)
	if !errors.Is(last, docusign.ErrRateLimited) || !isLimit || wait != 55*time.Minute {
		t.Fatalf("at the limit: %v (retry after %v)", last, wait)
	}
	if n := e.sim.LimitRefusals(); n != 0 {
		t.Fatalf("the client sent %d requests beyond the hourly limit", n)
	}
	e.clock.Advance(wait)
	if _, err := e.client.DownloadCertificate(ctx, env.ID); err != nil {
		t.Fatalf("next hour: %v", err)
	}
}

// One status read per envelope per 15 minutes, enforced before sending.
func TestPollingRule(t *testing.T) {
	e := newEnv(t, simulator.Options{StrictPolling: true}, docusign.Options{})
	env, err := e.client.Send(ctx, e.request("r1"))
	if err != nil {
		t.Fatal(err)
	}
	start := e.clock.Now()
	if _, err := e.client.GetEnvelope(ctx, env.ID); err != nil {
		t.Fatal(err)
	}
	sent := e.sim.TotalRequests()
	_, err = e.client.GetEnvelope(ctx, env.ID)
	var pe *docusign.PollTooSoonError
	if !errors.As(err, &pe) || !errors.Is(err, docusign.ErrPollTooSoon) || !pe.NextAllowed.Equal(start.Add(docusign.PollInterval)) {
		t.Fatalf("second read at once: %v", err)
	}
	e.clock.Advance(14 * time.Minute)
	if _, err := e.client.Recipients(ctx, env.ID); !errors.Is(err, docusign.ErrPollTooSoon) {
		t.Fatalf("recipients read at 14 min: %v", err)
	}
	if e.sim.TotalRequests() != sent {
		t.Fatal("a refused read still reached the server")
	}
	e.clock.Advance(time.Minute)
	if _, err := e.client.Recipients(ctx, env.ID); err != nil {
		t.Fatalf("at 15 min: %v", err)
	}
	e.clock.Advance(docusign.PollInterval)
	if _, err := e.client.ListStatusChanges(ctx, start.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := e.client.GetEnvelope(ctx, env.ID); !errors.Is(err, docusign.ErrPollTooSoon) {
		t.Fatalf("read right after a pass returned the envelope: %v", err)
	}
	e.clock.Advance(5 * time.Minute)
	if _, err := e.client.ListStatusChanges(ctx, start.Add(-time.Hour)); !errors.Is(err, docusign.ErrPollTooSoon) {
		t.Fatalf("second pass after 5 min: %v", err)
	}
	if v := e.sim.Violations(); len(v) != 0 {
		t.Fatalf("the simulator saw polling violations: %+v", v)
	}
}

// A read that got no answer does not use up the envelope's 15 minutes.
func TestFailedReadDoesNotCountAsPoll(t *testing.T) {
	e := newEnv(t, simulator.Options{}, docusign.Options{})
	env, err := e.client.Send(ctx, e.request("r1"))
	if err != nil {
		t.Fatal(err)
	}
	e.sim.Inject(simulator.Fault{Method: http.MethodGet, Status: http.StatusServiceUnavailable, Times: 6})
	if _, err := e.client.GetEnvelope(ctx, env.ID); !errors.Is(err, docusign.ErrServer) {
		t.Fatalf("want ErrServer, got %v", err)
	}
	if _, err := e.client.ListStatusChanges(ctx, e.clock.Now().Add(-time.Hour)); !errors.Is(err, docusign.ErrServer) {
		t.Fatalf("want ErrServer, got %v", err)
	}
	if _, err := e.client.GetEnvelope(ctx, env.ID); err != nil {
		t.Fatalf("read after a failed one: %v", err)
	}
	if _, err := e.client.ListStatusChanges(ctx, e.clock.Now().Add(-time.Hour)); err != nil {
		t.Fatalf("pass after a failed one: %v", err)
	}
}

// When other apps spend the hour between two of Selo's requests, the server's
// hourly error stops the client until the reset, without more requests.
func TestServerHourlyErrorBlocksUntilReset(t *testing.T) {
	e := newEnv(t, simulator.Options{HourlyLimit: 3}, docusign.Options{})
	env, err := e.client.Send(ctx, e.request("r1"))
	if err != nil {
		t.Fatal(err)
	}
	for range 2 { // another app
		req, _ := http.NewRequest(http.MethodGet, e.srv.URL+"/restapi/v2.1/accounts/"+e.sim.AccountID()+"/envelopes?from_date=2026-01-01", nil)
		req.Header.Set("Authorization", "Bearer "+testToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	_, err = e.client.DownloadCertificate(ctx, env.ID)
	var ae *docusign.APIError
	if !errors.As(err, &ae) || ae.Code != simulator.CodeHourly || ae.RetryAfter != 55*time.Minute {
		t.Fatalf("server hourly error: %v", err)
	}
	_, err = e.client.DownloadCertificate(ctx, env.ID)
	if wait, ok := docusign.RetryAfter(err); !ok || wait != 55*time.Minute {
		t.Fatalf("second call: %v", err)
	}
	if n := e.sim.LimitRefusals(); n != 1 {
		t.Fatalf("the client kept calling after the hourly error: %d refusals", n)
	}
}
