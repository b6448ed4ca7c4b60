package signing_test

// Status sync against the simulator (httptest) and a real SQLite file.

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"selo/backend/clicksign"
	"selo/backend/clicksign/simulator"
	"selo/backend/crm"
	"selo/backend/filestore"
	"selo/backend/signing"
)

// syncer builds a Syncer over the fixture's sender and database.
func (f *fixture) syncer(s *signing.Sender) (*signing.Syncer, *[]signing.EnvelopeChange) {
	var changes []signing.EnvelopeChange
	return &signing.Syncer{Sender: s, Store: f.db.Envelopes(), Files: filestore.New(f.t.TempDir()),
		Emit: func(name string, data any) {
			if c, ok := data.(signing.EnvelopeChange); ok && name == signing.EventEnvelopeChanged {
				changes = append(changes, c)
			}
		}}, &changes
}

func (f *fixture) views(sy *signing.Syncer, reservationID int64) []crm.EnvelopeView {
	f.t.Helper()
	v, err := sy.Views(context.Background(), reservationID)
	if err != nil {
		f.t.Fatal(err)
	}
	return v
}

func signerStates(v crm.EnvelopeView) string {
	var parts []string
	for _, g := range v.Signers {
		parts = append(parts, string(g.State))
	}
	return strings.Join(parts, ",")
}

func TestSyncFollowsTheSignaturesToFinished(t *testing.T) {
	f := newFixture(t)
	s := f.sender("")
	ctx := context.Background()
	if _, err := s.Run(ctx, f.request()); err != nil {
		t.Fatal(err)
	}
	sy, changes := f.syncer(s)
	v := f.views(sy, 41)
	if len(v) != 1 || v[0].State != crm.EnvelopeRunning || signerStates(v[0]) != "pendente,aguardando,aguardando" {
		t.Fatalf("before sync: %+v", v)
	}
	env := v[0]
	// Maria (group 1) signs.
	if err := f.sim.Sign(env.ID, env.Signers[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := sy.Sync(ctx, 41); err != nil {
		t.Fatal(err)
	}
	v = f.views(sy, 41)
	if signerStates(v[0]) != "assinou,pendente,pendente" || v[0].Signers[0].At.IsZero() || v[0].State != crm.EnvelopeRunning {
		t.Fatalf("after one signature: %s %+v", signerStates(v[0]), v[0])
	}
	if len(v[0].Timeline) == 0 || v[0].Timeline[0].Name != clicksign.EventSign || v[0].Timeline[0].Signer == "" {
		t.Fatalf("timeline = %+v", v[0].Timeline)
	}
	// Nothing changed: the timer's sync costs one list request, no details.
	f.sim.ResetRequestCounts()
	if _, err := sy.Sync(ctx, 0); err != nil {
		t.Fatal(err)
	}
	if n := f.sim.TotalRequests(); n != 1 {
		t.Fatalf("idle sync used %d requests (%v), want 1", n, f.sim.RequestCounts())
	}
	for _, g := range env.Signers[1:] {
		if err := f.sim.Sign(env.ID, g.ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := sy.Sync(ctx, 0); err != nil {
		t.Fatal(err)
	}
	v = f.views(sy, 41)
	if v[0].State != crm.EnvelopeFinished || !v[0].HasSigned || signerStates(v[0]) != "assinou,assinou,assinou" {
		t.Fatalf("after every signature: %+v", v[0])
	}
	pdf, err := sy.SignedFile(env.ID)
	if err != nil || !strings.HasPrefix(string(pdf), "%PDF") {
		t.Fatalf("signed file: %v %q", err, pdf[:min(len(pdf), 8)])
	}
	if last := (*changes)[len(*changes)-1]; last.State != crm.EnvelopeFinished || last.ReservationID != 41 || last.EnvelopeID != env.ID {
		t.Fatalf("last change = %+v", last)
	}
	// A finished envelope is not polled any more.
	f.sim.ResetRequestCounts()
	if _, err := sy.Sync(ctx, 0); err != nil {
		t.Fatal(err)
	}
	if n := f.sim.TotalRequests(); n != 0 {
		t.Fatalf("sync with nothing running used %d requests", n)
	}
	f.checkLogs()
}

func TestSyncDeadlineAndRefusal(t *testing.T) {
	f := newFixture(t)
	s := f.sender("")
	ctx := context.Background()
	if _, err := s.Run(ctx, f.request()); err != nil {
		t.Fatal(err)
	}
	sy, _ := f.syncer(s)
	env := f.views(sy, 41)[0]
	if err := f.sim.Advance(40 * 24 * time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, err := sy.Sync(ctx, 41); err != nil {
		t.Fatal(err)
	}
	v := f.views(sy, 41)[0]
	if v.State != crm.EnvelopeExpired || signerStates(v) != "pendente,aguardando,aguardando" {
		t.Fatalf("after the deadline: %s %s", v.State, signerStates(v))
	}
	op, err := f.db.Envelopes().Send(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if sent, _ := f.db.Envelopes().SentContracts(ctx, op.ContractIDs); sent[op.ContractIDs[0]] {
		t.Fatal("an expired envelope's contracts still count as sent")
	}
	if env.ID == "" {
		t.Fatal("no envelope")
	}
}

// faulty wraps the simulator so a test can make the API answer garbage.
type faulty struct {
	h       http.Handler
	garbage atomic.Bool
}

func (h *faulty) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h.garbage.Load() && strings.Contains(r.URL.Path, "/api/v3/") {
		w.Header().Set("Content-Type", "application/vnd.api+json")
		fmt.Fprint(w, `{"data": [{"id": 12, "attributes": "nonsense"`)
		return
	}
	h.h.ServeHTTP(w, r)
}

func dbDump(t *testing.T, f *fixture) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT id || status || state || modified || missing || signed_file FROM envelopes ORDER BY id`,
		`SELECT signer_id || state || state_at || reason FROM envelope_signers ORDER BY signer_id`,
		`SELECT event_id FROM envelope_events ORDER BY event_id`,
		`SELECT id || active FROM send_operations ORDER BY id`,
	} {
		rows, err := f.db.QueryContext(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			b.WriteString(s + "\n")
		}
		rows.Close()
	}
	return b.String()
}

func TestSyncErrorsLeaveTheDatabaseUnchanged(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.sender("").Run(ctx, f.request()); err != nil {
		t.Fatal(err)
	}
	wrap := &faulty{h: f.sim}
	srv := httptest.NewServer(wrap)
	t.Cleanup(srv.Close)
	s := f.sender(srv.URL + "/api/v3")
	sy, _ := f.syncer(s)
	env := f.views(sy, 41)[0]
	if err := f.sim.Sign(env.ID, env.Signers[0].ID); err != nil {
		t.Fatal(err)
	}
	before := dbDump(t, f)
	cases := []struct {
		name string
		set  func()
	}{
		{"429 on the list", func() {
			f.sim.InjectFault(simFault(429, "GET", "/envelopes", 10))
		}},
		{"500 on the events", func() {
			f.sim.InjectFault(simFault(500, "GET", "/events", 10))
		}},
		{"network", func() {
			f.sim.InjectFault(simClose("GET", "/events", 10))
		}},
		{"garbage", func() { wrap.garbage.Store(true) }},
	}
	for _, c := range cases {
		c.set()
		if _, err := sy.Sync(ctx, 41); err == nil {
			t.Fatalf("%s: sync succeeded", c.name)
		} else if code := crm.AsError(err).Code; code == "" {
			t.Fatalf("%s: error without code: %v", c.name, err)
		}
		if after := dbDump(t, f); after != before {
			t.Fatalf("%s changed the database:\n%s\nwas\n%s", c.name, after, before)
		}
		f.sim.ClearFaults()
		wrap.garbage.Store(false)
	}
	// Retried next time: the signature arrives.
	if _, err := sy.Sync(ctx, 41); err != nil {
		t.Fatal(err)
	}
	if got := signerStates(f.views(sy, 41)[0]); got != "assinou,pendente,pendente" {
		t.Fatalf("after recovery: %s", got)
	}
}

func TestSyncRemotelyDeletedEnvelopeKeepsItsState(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	s := f.sender("")
	if _, err := s.Run(ctx, f.request()); err != nil {
		t.Fatal(err)
	}
	sy, _ := f.syncer(s)
	env := f.views(sy, 41)[0]
	// The envelope vanishes from Clicksign: every lookup answers 404.
	f.sim.InjectFault(simFault(404, "GET", "/envelopes/"+env.ID, 100))
	wrap := &listHider{h: f.sim, hide: env.ID}
	srv := httptest.NewServer(wrap)
	t.Cleanup(srv.Close)
	sy.Sender = f.sender(srv.URL + "/api/v3")
	if _, err := sy.Sync(ctx, 41); err != nil {
		t.Fatal(err)
	}
	v := f.views(sy, 41)[0]
	if !v.Missing || v.State != crm.EnvelopeRunning || signerStates(v) != "pendente,aguardando,aguardando" {
		t.Fatalf("deleted envelope: %+v", v)
	}
	// Not polled again.
	f.sim.ResetRequestCounts()
	if _, err := sy.Sync(ctx, 41); err != nil {
		t.Fatal(err)
	}
	if n := f.sim.TotalRequests(); n != 0 {
		t.Fatalf("a missing envelope still costs %d requests", n)
	}
}

// listHider serves an empty running list, as Clicksign would once the
// envelope is deleted.
type listHider struct {
	h    http.Handler
	hide string
}

func (l *listHider) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/api/v3/envelopes") {
		w.Header().Set("Content-Type", "application/vnd.api+json")
		fmt.Fprint(w, `{"data": [], "meta": {"record_count": 0}, "links": {}}`)
		return
	}
	l.h.ServeHTTP(w, r)
}

// TestSyncRequestsScaleWithChanges: 500 running envelopes, 10 of which
// changed, cost the list pages plus two detail requests per changed one.
func TestSyncRequestsScaleWithChanges(t *testing.T) {
	if testing.Short() {
		t.Skip("500 sends")
	}
	f := newFixture(t)
	ctx := context.Background()
	s := f.sender("")
	const total, changedN = 500, 10
	for i := range total {
		r := f.request()
		r.ReservationID = int64(1000 + i)
		r.Documents = r.Documents[:1]
		r.Signers = r.Signers[:1]
		if _, err := s.Run(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	sy, _ := f.syncer(s)
	// First sync learns every envelope's "modified".
	if _, err := sy.Sync(ctx, 0); err != nil {
		t.Fatal(err)
	}
	sy.Requests = 0
	f.sim.ResetRequestCounts()
	if _, err := sy.Sync(ctx, 0); err != nil {
		t.Fatal(err)
	}
	pages := sy.Requests
	if want := int(math.Ceil(float64(total) / 50)); pages > want || pages < 1 || f.sim.TotalRequests() != pages {
		t.Fatalf("idle sync = %d requests (server saw %d), want at most %d list pages", pages, f.sim.TotalRequests(), want)
	}
	// 10 envelopes change: their first signer (group 1) signs.
	for i := range changedN {
		v := f.views(sy, int64(1000+i*37))[0]
		if err := f.sim.Sign(v.ID, v.Signers[0].ID); err != nil {
			t.Fatal(err)
		}
	}
	bench := os.Getenv("SELO_BENCH") == "1"
	var gate *sandboxGate
	if bench {
		// Under the sandbox budget: the server answers 429 past 20 requests
		// per 10 s window, and the client paces itself by the same figure.
		gate = &sandboxGate{h: f.sim}
		srv := httptest.NewServer(gate)
		t.Cleanup(srv.Close)
		bs := f.sender(srv.URL + "/api/v3")
		bs.ClientOptions = []clicksign.Option{clicksign.WithRateLimit(20, 10*time.Second), clicksign.WithRetry(3, time.Second)}
		sy.Sender = bs
	}
	sy.Requests = 0
	f.sim.ResetRequestCounts()
	start := time.Now()
	if _, err := sy.Sync(ctx, 0); err != nil {
		t.Fatal(err)
	}
	wall := time.Since(start)
	// The target: the list's pages plus one request per changed envelope
	// (its events; a signature does not end it, so no documents read).
	if want := pages + changedN; sy.Requests != want || f.sim.TotalRequests() != want {
		t.Fatalf("sync with %d changed = %d requests (server saw %d), want %d", changedN, sy.Requests, f.sim.TotalRequests(), want)
	}
	if bench {
		fmt.Printf("sync_requests: %d\nsync_wall_s: %.3f\nsync_429: %d\n", sy.Requests, wall.Seconds(), gate.rejected.Load())
	}
}

// sandboxGate enforces the sandbox budget (20 requests per fixed 10 s
// window) in front of the simulator and counts the 429s it answered.
type sandboxGate struct {
	h        http.Handler
	mu       sync.Mutex
	start    time.Time
	n        int
	rejected atomic.Int64
}

func (g *sandboxGate) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	now := time.Now()
	if g.start.IsZero() || now.Sub(g.start) >= 10*time.Second {
		g.start, g.n = now, 0
	}
	g.n++
	over := g.n > 20
	g.mu.Unlock()
	if over {
		g.rejected.Add(1)
		w.Header().Set("Retry-After", "1")
		w.WriteHeader(http.StatusTooManyRequests)
		fmt.Fprint(w, `{"errors":[{"code":"too_many_requests","status":"429"}]}`)
		return
	}
	g.h.ServeHTTP(w, r)
}

func simFault(status int, method, route string, times int) simulator.Fault {
	return simulator.Fault{Kind: simulator.FaultStatus, Status: status, Method: method, Route: route, Times: times}
}

func simClose(method, route string, times int) simulator.Fault {
	return simulator.Fault{Kind: simulator.FaultCloseConnection, Method: method, Route: route, Times: times}
}

// TestSyncRunWaitsForAKickWhenNothingRuns: with no running envelope the
// loop holds no timer; a Kick after a send makes it sync the new envelope.
func TestSyncRunWaitsForAKickWhenNothingRuns(t *testing.T) {
	f := newFixture(t)
	s := f.sender("")
	sy, changes := f.syncer(s)
	var mu sync.Mutex
	emit := sy.Emit
	sy.Emit = func(name string, data any) { mu.Lock(); emit(name, data); mu.Unlock() }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); sy.Run(ctx, nil) }()
	time.Sleep(100 * time.Millisecond)
	f.sim.ResetRequestCounts()
	time.Sleep(200 * time.Millisecond)
	if n := f.sim.TotalRequests(); n != 0 {
		t.Fatalf("idle loop made %d requests", n)
	}
	if _, err := s.Run(ctx, f.request()); err != nil {
		t.Fatal(err)
	}
	env := f.views(sy, 41)[0]
	if err := f.sim.Sign(env.ID, env.Signers[0].ID); err != nil {
		t.Fatal(err)
	}
	sy.Kick()
	deadline := time.Now().Add(5 * time.Second)
	for {
		mu.Lock()
		n := len(*changes)
		mu.Unlock()
		if n > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("a kick did not sync")
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not stop with its context")
	}
}
