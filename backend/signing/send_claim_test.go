package signing_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"selo/backend/clicksign"
	"selo/backend/clicksign/simulator"
	"selo/backend/crm"
	"selo/backend/signing"
)

// interrupted leaves one send stopped after the envelope create was sent but
// never reached Clicksign: resuming it creates the envelope, the step two
// simultaneous runs would both take.
func (f *fixture) interrupted(t *testing.T) int64 {
	t.Helper()
	const route = "POST /api/v3/envelopes"
	f.sim.InjectFault(simulator.Fault{Kind: simulator.FaultCloseConnection, Method: "POST", Route: route})
	id, err := f.sender("").Run(context.Background(), f.request())
	if err == nil {
		t.Fatal("the injected fault did not stop the run")
	}
	f.idle()
	f.mu.Lock()
	f.events = nil
	f.mu.Unlock()
	return id
}

// claimCode is codeOf that also takes nil (no error: the call ran).
func claimCode(err error) string {
	if err == nil {
		return "nil"
	}
	return codeOf(err)
}

func (f *fixture) count(name string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, e := range f.events {
		if e.name == name {
			n++
		}
	}
	return n
}

// Two PCs of the office start together on one database: both resume the
// interrupted send at start-up, and it runs once, in one envelope.
func TestResumeOpenOnTwoPCsRunsOnce(t *testing.T) {
	f := newFixture(t)
	id := f.interrupted(t)
	pcs := []*signing.Sender{f.sender(""), f.sender("")}
	var wg sync.WaitGroup
	for _, pc := range pcs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ids, err := pc.ResumeOpen(context.Background())
			if err != nil || len(ids) != 1 || ids[0] != id {
				t.Errorf("ResumeOpen = %v, %v", ids, err)
			}
		}()
	}
	wg.Wait()
	for _, pc := range pcs {
		pc.Wait()
	}
	f.checkSent(id)
	if n := len(f.remoteEnvelopes()); n != 1 {
		t.Fatalf("Clicksign envelopes = %d, want 1", n)
	}
	if n := f.sim.RequestCounts()["POST /api/v3/envelopes"]; n != 2 {
		t.Fatalf("envelope creates = %d, want 2 (the lost one and one resume)", n)
	}
	if sent, failed := f.count(signing.EventSent), f.count(signing.EventFailed); sent != 1 || failed != 0 {
		t.Fatalf("runs ended: %d sent, %d failed; want one run that sent", sent, failed)
	}
	if n := f.count(signing.EventProgress); n > signing.ProgressTotal+1 {
		t.Fatalf("%d progress events: more than one run", n)
	}
	if got := f.logBuf.String(); strings.Contains(got, "resume at start-up failed") {
		t.Fatalf("the PC that lost the claim logged a failure:\n%s", got)
	}
}

// "Tentar novamente" on one PC while another PC runs the send answers that
// it is running elsewhere and starts nothing; once that run ends, the send
// is complete and a later retry on the first PC has nothing to do.
func TestRetryWhileAnotherPCRuns(t *testing.T) {
	f := newFixture(t)
	id := f.interrupted(t)
	reached := make(chan struct{})
	release := make(chan struct{})
	var once sync.Once
	a := signing.NewSender(f.db.Envelopes(), f.keys, &signing.Connector{BaseURLs: map[crm.Environment]string{crm.EnvSandbox: f.base}},
		func(name string, data any) {
			if p, ok := data.(signing.Progress); ok && p.Step == signing.ProgressSigners {
				once.Do(func() { close(reached); <-release })
			}
		})
	a.ClientOptions = []clicksign.Option{clicksign.WithRateLimit(0, 0)}
	free := sync.OnceFunc(func() { close(release) })
	// On a failure below, A's run must end before the fixture closes the
	// database under it.
	t.Cleanup(func() { free(); a.Wait() })
	if err := a.StartResume(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	select {
	case <-reached:
	case <-time.After(20 * time.Second):
		t.Fatal("the run on PC A did not reach the signers")
	}
	b := f.sender("")
	if err := b.StartResume(context.Background(), id); claimCode(err) != crm.CodeSendRunningElsewhere {
		t.Fatalf("StartResume on PC B = %v, want %s", err, crm.CodeSendRunningElsewhere)
	}
	if err := b.Resume(context.Background(), id); claimCode(err) != crm.CodeSendRunningElsewhere {
		t.Fatalf("Resume on PC B = %v, want %s", err, crm.CodeSendRunningElsewhere)
	}
	if _, err := b.Start(context.Background(), f.request()); claimCode(err) != crm.CodeSendRunningElsewhere {
		t.Fatalf("Start on PC B = %v, want %s", err, crm.CodeSendRunningElsewhere)
	}
	free()
	a.Wait()
	b.Wait()
	f.checkSent(id)
	if n := len(f.remoteEnvelopes()); n != 1 {
		t.Fatalf("Clicksign envelopes = %d, want 1", n)
	}
	// A's run released the claim: B's retry now finds the send done.
	if err := b.Resume(context.Background(), id); err != nil {
		t.Fatalf("Resume after the run ended: %v", err)
	}
}

// A PC that died mid-run leaves a claim nobody refreshes; once it is stale
// another PC takes the send over and completes it.
func TestStaleClaimIsTakenOver(t *testing.T) {
	f := newFixture(t)
	id := f.interrupted(t)
	ok, err := f.db.Envelopes().ClaimSend(context.Background(), id, "pc-that-died", time.Now(), time.Now().Add(-time.Minute))
	if err != nil || !ok {
		t.Fatalf("claim = %v, %v", ok, err)
	}
	b := f.sender("")
	if err := b.Resume(context.Background(), id); claimCode(err) != crm.CodeSendRunningElsewhere {
		t.Fatalf("Resume under a fresh claim = %v, want %s", err, crm.CodeSendRunningElsewhere)
	}
	b.Now = func() time.Time { return time.Now().Add(signing.DefaultClaimStale + time.Second) }
	if err := b.Resume(context.Background(), id); err != nil {
		t.Fatalf("Resume after the claim went stale: %v", err)
	}
	f.checkSent(id)
}

// A long run keeps its claim by its heartbeat: a PC that would take a claim
// older than its stale limit still finds it fresh well past that limit.
func TestRunningClaimIsRefreshed(t *testing.T) {
	f := newFixture(t)
	id := f.interrupted(t)
	reached := make(chan struct{})
	release := make(chan struct{})
	var once sync.Once
	a := signing.NewSender(f.db.Envelopes(), f.keys, &signing.Connector{BaseURLs: map[crm.Environment]string{crm.EnvSandbox: f.base}},
		func(name string, data any) {
			if p, ok := data.(signing.Progress); ok && p.Step == signing.ProgressSigners {
				once.Do(func() { close(reached); <-release })
			}
		})
	a.ClientOptions = []clicksign.Option{clicksign.WithRateLimit(0, 0)}
	a.ClaimHeartbeat = 20 * time.Millisecond
	free := sync.OnceFunc(func() { close(release) })
	t.Cleanup(func() { free(); a.Wait() })
	if err := a.StartResume(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	<-reached
	b := f.sender("")
	b.ClaimStale = 300 * time.Millisecond
	for range 4 {
		time.Sleep(150 * time.Millisecond)
		if err := b.StartResume(context.Background(), id); claimCode(err) != crm.CodeSendRunningElsewhere {
			t.Fatalf("StartResume on PC B during A's long run = %v, want %s", err, crm.CodeSendRunningElsewhere)
		}
	}
	free()
	a.Wait()
	b.Wait()
	f.checkSent(id)
}

// A PC died mid-run, moments ago: its claim is still fresh, so the other
// PC's start-up resume leaves the send alone; once the claim goes stale the
// other PC takes it over and completes it, once.
func TestAbandonedRunIsTakenOverOnceStale(t *testing.T) {
	f := newFixture(t)
	id := f.interrupted(t)
	store := f.db.Envelopes()
	ctx := context.Background()
	if err := store.SetSendStatus(ctx, id, signing.SendRunning, "", nil, time.Now()); err != nil {
		t.Fatal(err)
	}
	if ok, err := store.ClaimSend(ctx, id, "pc-that-died", time.Now(), time.Now().Add(-time.Minute)); err != nil || !ok {
		t.Fatalf("claim = %v, %v", ok, err)
	}
	creates := f.sim.RequestCounts()["POST /api/v3/envelopes"]
	b := f.sender("")
	b.ClaimStale = 400 * time.Millisecond
	if _, err := b.ResumeOpen(ctx); err != nil {
		t.Fatal(err)
	}
	b.Wait()
	if op, _ := store.Send(ctx, id); op.Status != signing.SendRunning || f.sim.RequestCounts()["POST /api/v3/envelopes"] != creates {
		t.Fatalf("a fresh claim of another PC was run over: status %s", op.Status)
	}
	wctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { b.WatchOrphans(wctx); close(done) }()
	deadline := time.Now().Add(15 * time.Second)
	for {
		op, err := store.Send(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if op.Status == signing.SendSent {
			break
		}
		if time.Now().After(deadline) {
			stop()
			t.Fatalf("the abandoned send was not taken over: %s/%s", op.Status, op.Step)
		}
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(time.Second) // more sweeps: none may run it again
	stop()
	<-done
	b.Wait()
	f.checkSent(id)
	if n := f.count(signing.EventSent); n != 1 {
		t.Fatalf("runs that sent = %d, want 1", n)
	}
}
