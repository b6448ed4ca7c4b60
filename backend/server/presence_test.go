package server

import (
	"context"
	"sync"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/signing"
)

type fakeHold struct {
	lost     chan struct{}
	once     sync.Once
	released chan struct{}
}

func newFakeHold() *fakeHold {
	return &fakeHold{lost: make(chan struct{}), released: make(chan struct{})}
}
func (h *fakeHold) Lost() <-chan struct{}         { return h.lost }
func (h *fakeHold) Confirm(context.Context) error { return nil }
func (h *fakeHold) Release() {
	h.once.Do(func() { close(h.released); close(h.lost) })
}

// presenceStore hands out the holds queued in holds (nil: another server
// holds the lock) and records what the server writes.
type presenceStore struct {
	mu        sync.Mutex
	holds     []*fakeHold
	announced []crm.OfficeServer
	beats     int
	stopped   []string
}

func (s *presenceStore) TryHoldPresence(context.Context) (signing.LeaseHold, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.holds) == 0 {
		return nil, nil
	}
	h := s.holds[0]
	s.holds = s.holds[1:]
	if h == nil {
		return nil, nil
	}
	return h, nil
}
func (s *presenceStore) Announce(_ context.Context, o crm.OfficeServer) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.announced = append(s.announced, o)
	return nil
}
func (s *presenceStore) Beat(context.Context, string, time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.beats++
	return nil
}
func (s *presenceStore) MarkStopped(_ context.Context, instance string, _ time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopped = append(s.stopped, instance)
	return nil
}
func (s *presenceStore) snapshot() (announced []crm.OfficeServer, beats int, stopped []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]crm.OfficeServer(nil), s.announced...), s.beats, append([]string(nil), s.stopped...)
}

func waitUntil(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatal(what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestPresenceHoldsBeatsRetakesAndRecordsItsStop: while another server holds
// the lock nothing is written; once it is free the server announces its row,
// beats, takes the lock again (same instance) after losing its connection,
// and at a clean stop records the stop and releases the lock.
func TestPresenceHoldsBeatsRetakesAndRecordsItsStop(t *testing.T) {
	first, second := newFakeHold(), newFakeHold()
	store := &presenceStore{holds: []*fakeHold{nil, first, second}}
	p := &Presence{Store: store, Beat: 10 * time.Millisecond, Retry: 10 * time.Millisecond,
		Row: crm.OfficeServer{HostName: "srv", Version: "1.0", WebMode: "proxy", PublicURL: "https://selo.imob.com.br"}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); p.Run(ctx) }()

	waitUntil(t, "the row was not announced once the lock was free", func() bool {
		a, _, _ := store.snapshot()
		return len(a) == 1
	})
	waitUntil(t, "no beat", func() bool { _, b, _ := store.snapshot(); return b >= 2 })
	a, _, _ := store.snapshot()
	if a[0].Instance == "" || a[0].StartedAt.IsZero() || a[0].PublicURL != "https://selo.imob.com.br" {
		t.Fatalf("announced %+v", a[0])
	}
	// Its connection dies: it takes the lock again, as the same run.
	first.Release()
	waitUntil(t, "presence not taken again after its connection died", func() bool {
		a, _, _ := store.snapshot()
		return len(a) == 2
	})
	a, _, _ = store.snapshot()
	if a[1].Instance != a[0].Instance || !a[1].StartedAt.Equal(a[0].StartedAt) {
		t.Fatalf("retaken as another run: %+v then %+v", a[0], a[1])
	}
	cancel()
	<-done
	_, _, stopped := store.snapshot()
	if len(stopped) != 1 || stopped[0] != a[0].Instance {
		t.Fatalf("clean stop recorded for %v, want [%s]", stopped, a[0].Instance)
	}
	select {
	case <-second.released:
	default:
		t.Fatal("the presence lock was not released at stop")
	}
}

// TestServeSyncRequestsGathersABurst: a burst of "Atualizar" clicks costs
// one sync per reservation, in the order asked.
func TestServeSyncRequestsGathersABurst(t *testing.T) {
	reqs := make(chan int64, 8)
	for _, id := range []int64{5, 5, 7, 5, 7, 9} {
		reqs <- id
	}
	close(reqs)
	var got []int64
	ServeSyncRequests(reqs, func(id int64) error { got = append(got, id); return nil }, nil)
	if len(got) != 3 || got[0] != 5 || got[1] != 7 || got[2] != 9 {
		t.Fatalf("synced %v, want [5 7 9]", got)
	}
}

// TestRunHoldsPresenceAroundSync: Run runs presence beside sync, and ends
// it only after sync stopped (so the lease is free the
// moment desktops may take it) and before the database closes.
func TestRunHoldsPresenceAroundSync(t *testing.T) {
	var mu sync.Mutex
	var order []string
	note := func(s string) { mu.Lock(); order = append(order, s); mu.Unlock() }
	open := func(context.Context, Config, Secrets) (Parts, error) {
		return Parts{JivoChat: okJivo{}, Tokens: noTokens{}, Ping: func(context.Context) error { return nil },
			Presence: func(ctx context.Context) { note("presence"); <-ctx.Done(); note("presence stopped") },
			Sync:     func(ctx context.Context) { note("sync"); <-ctx.Done(); note("sync stopped") },
			Close:    func(context.Context) { note("closed") }}, nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Run(ctx, fakeConfig(t, "127.0.0.1:0"), Options{Open: open}) }()
	waitUntil(t, "sync did not start", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(order) == 2
	})
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	// Both run while serving (goroutines: either may note first); the stop
	// order is Run's.
	want := []string{"", "", "sync stopped", "presence stopped", "closed"}
	mu.Lock()
	defer mu.Unlock()
	if len(order) != len(want) || order[0] == order[1] {
		t.Fatalf("order %v, want presence and sync, then %v", order, want[2:])
	}
	for i := 2; i < len(want); i++ {
		if order[i] != want[i] {
			t.Fatalf("order %v, want %v", order, want)
		}
	}
}
