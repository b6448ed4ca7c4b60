package signing_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/signing"
)

// fakeLease is a sync lease another PC may hold (granted false) and that
// this PC may lose while holding it.
type fakeLease struct {
	mu       sync.Mutex
	granted  bool
	attempts int
	releases int
	hold     *fakeHold
}

type fakeHold struct {
	l        *fakeLease
	lost     chan struct{}
	lostOnce sync.Once
	// silent: the lease is gone but Lost has not noticed yet (a PC whose
	// network came back after the server freed its lock).
	silent atomic.Bool
}

func (l *fakeLease) TryAcquire(context.Context) (signing.LeaseHold, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.attempts++
	if !l.granted {
		return nil, nil
	}
	l.granted = false // one holder at a time
	l.hold = &fakeHold{l: l, lost: make(chan struct{})}
	return l.hold, nil
}

func (l *fakeLease) set(granted bool) { l.mu.Lock(); l.granted = granted; l.mu.Unlock() }

func (l *fakeLease) counts() (attempts, releases int, hold *fakeHold) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.attempts, l.releases, l.hold
}

func (h *fakeHold) Lost() <-chan struct{} { return h.lost }
func (h *fakeHold) Confirm(context.Context) error {
	if h.silent.Load() {
		return errors.New("lease gone")
	}
	select {
	case <-h.lost:
		return errors.New("lease lost")
	default:
		return nil
	}
}
func (h *fakeHold) Release() {
	h.l.mu.Lock()
	h.l.releases++
	h.l.mu.Unlock()
	h.lostOnce.Do(func() { close(h.lost) })
}
func (h *fakeHold) lose() { h.lostOnce.Do(func() { close(h.lost) }) }

// leaseRun starts the sync loop with lease and returns a stop.
func leaseRun(t *testing.T, sy *signing.Syncer, lease signing.SyncLease) {
	t.Helper()
	sy.Lease, sy.LeaseRetry = lease, 20*time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); sy.Run(ctx, nil) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Error("Run did not stop with its context")
		}
	})
}

// waitFor polls cond for up to 5 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal(what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// sentAndSigned sends the fixture's envelope and has its first signer sign
// on Clicksign, so the next sync has something to write.
func sentAndSigned(t *testing.T, f *fixture, s *signing.Sender, sy *signing.Syncer) crm.EnvelopeView {
	t.Helper()
	if _, err := s.Run(context.Background(), f.request()); err != nil {
		t.Fatal(err)
	}
	env := f.views(sy, 41)[0]
	if err := f.sim.Sign(env.ID, env.Signers[0].ID); err != nil {
		t.Fatal(err)
	}
	return env
}

// TestSyncRunWaitsForTheLease: while another PC holds the lease this one
// asks Clicksign nothing and writes nothing, but keeps asking for the lease;
// once it gets it, it syncs.
func TestSyncRunWaitsForTheLease(t *testing.T) {
	f := newFixture(t)
	s := f.sender("")
	sy, _ := f.syncer(s)
	sy.Emit = nil
	sentAndSigned(t, f, s, sy)
	f.sim.ResetRequestCounts()
	lease := &fakeLease{}
	leaseRun(t, sy, lease)
	time.Sleep(300 * time.Millisecond)
	if n := f.sim.TotalRequests(); n != 0 {
		t.Fatalf("without the lease the loop made %d Clicksign requests", n)
	}
	if got := signerStates(f.views(sy, 41)[0]); got != "pendente,aguardando,aguardando" {
		t.Fatalf("without the lease the signers became %s", got)
	}
	if a, _, _ := lease.counts(); a < 3 {
		t.Fatalf("asked for the lease %d times in 300 ms with a 20 ms retry", a)
	}
	lease.set(true)
	waitFor(t, "after getting the lease the loop did not sync", func() bool {
		return signerStates(f.views(sy, 41)[0]) == "assinou,pendente,pendente"
	})
}

// TestSyncStopsWritingOnceTheLeaseIsLost: after losing the lease the loop
// writes nothing more (another PC syncs now) and asks for it again.
func TestSyncStopsWritingOnceTheLeaseIsLost(t *testing.T) {
	f := newFixture(t)
	s := f.sender("")
	sy, _ := f.syncer(s)
	sy.Emit = nil
	env := sentAndSigned(t, f, s, sy)
	lease := &fakeLease{granted: true}
	leaseRun(t, sy, lease)
	waitFor(t, "holding the lease the loop did not sync", func() bool {
		return signerStates(f.views(sy, 41)[0]) == "assinou,pendente,pendente"
	})
	_, _, hold := lease.counts()
	hold.lose()
	waitFor(t, "the lost lease was not released", func() bool { _, r, _ := lease.counts(); return r > 0 })
	a0, _, _ := lease.counts()
	if err := f.sim.Sign(env.ID, env.Signers[1].ID); err != nil {
		t.Fatal(err)
	}
	sy.Kick()
	time.Sleep(300 * time.Millisecond)
	if got := signerStates(f.views(sy, 41)[0]); got != "assinou,pendente,pendente" {
		t.Fatalf("after losing the lease the loop still wrote: signers %s", got)
	}
	if a, _, _ := lease.counts(); a <= a0 {
		t.Fatal("after losing the lease the loop stopped asking for it")
	}
}

// TestSyncConfirmsTheLeaseBeforeWriting: a PC whose lease is gone without it
// having noticed (its network came back after the server freed the lock)
// reads Clicksign but writes nothing, then gives the lease up.
func TestSyncConfirmsTheLeaseBeforeWriting(t *testing.T) {
	f := newFixture(t)
	s := f.sender("")
	sy, _ := f.syncer(s)
	sy.Emit = nil
	sentAndSigned(t, f, s, sy)
	f.sim.ResetRequestCounts()
	lease := &fakeLease{granted: true}
	// Lost on the server already: only Confirm can tell.
	leaseRun(t, sy, &silentFirst{fakeLease: lease})
	waitFor(t, "the stale lease was not given up", func() bool { _, r, _ := lease.counts(); return r > 0 })
	if f.sim.TotalRequests() == 0 {
		t.Fatal("the loop never synced with the lease it believed it held")
	}
	if got := signerStates(f.views(sy, 41)[0]); got != "pendente,aguardando,aguardando" {
		t.Fatalf("with a lease lost on the server the loop still wrote: signers %s", got)
	}
}

// silentFirst grants a hold that is already lost without knowing it.
type silentFirst struct{ *fakeLease }

func (l *silentFirst) TryAcquire(ctx context.Context) (signing.LeaseHold, error) {
	h, err := l.fakeLease.TryAcquire(ctx)
	if fh, ok := h.(*fakeHold); ok {
		fh.silent.Store(true)
	}
	return h, err
}

// TestSyncAnotherPCTakesOver: two PCs' sync loops share one lease. Only the
// holder syncs; when it goes away and the lease is freed, the other syncs
// the next signature.
func TestSyncAnotherPCTakesOver(t *testing.T) {
	f := newFixture(t)
	s := f.sender("")
	lease := &fakeLease{granted: true}
	var mu sync.Mutex
	emitted := map[string]int{}
	pc := func(name string) *signing.Syncer {
		sy, _ := f.syncer(s)
		sy.Emit = func(string, any) { mu.Lock(); emitted[name]++; mu.Unlock() }
		return sy
	}
	count := func(name string) int { mu.Lock(); defer mu.Unlock(); return emitted[name] }
	a, b := pc("A"), pc("B")
	env := sentAndSigned(t, f, s, a)

	ctxA, stopA := context.WithCancel(context.Background())
	doneA := make(chan struct{})
	a.Lease, a.LeaseRetry = lease, 20*time.Millisecond
	go func() { defer close(doneA); a.Run(ctxA, nil) }()
	defer func() { stopA(); <-doneA }()
	waitFor(t, "A, holding the lease, did not sync", func() bool { return count("A") > 0 })
	// A second signature B would write at once if it synced without the
	// lease (A's next timer is 30 s away).
	if err := f.sim.Sign(env.ID, env.Signers[1].ID); err != nil {
		t.Fatal(err)
	}
	leaseRun(t, b, lease)
	time.Sleep(200 * time.Millisecond)
	if count("B") != 0 {
		t.Fatal("B synced while A held the lease")
	}

	// A's PC goes away; the server frees its lock.
	stopA()
	<-doneA
	if _, r, _ := lease.counts(); r == 0 {
		t.Fatal("A did not give the lease up when it stopped")
	}
	lease.set(true)
	waitFor(t, "B did not take over", func() bool {
		return count("B") > 0 && signerStates(f.views(b, 41)[0]) == "assinou,assinou,pendente"
	})
}
