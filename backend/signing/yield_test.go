package signing_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"selo/backend/signing"
)

// fakeServer is the office's selo server as a desktop sees it.
type fakeServer struct {
	mu       sync.Mutex
	present  bool
	err      error
	requests []int64
}

func (s *fakeServer) ServerPresent(context.Context) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.present, s.err
}

func (s *fakeServer) RequestSync(_ context.Context, id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.present {
		return errors.New("no server listening")
	}
	s.requests = append(s.requests, id)
	return nil
}

func (s *fakeServer) asked() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]int64(nil), s.requests...)
}

// TestKickAsksTheRunningServer: after a send this PC's sync loop has given
// way to the office's server, so the kick reaches the server's loop too;
// without it a new envelope's status would wait for the server's slow
// timer (minutes).
func TestKickAsksTheRunningServer(t *testing.T) {
	srv := &fakeServer{present: true}
	sy := &signing.Syncer{Server: srv}
	sy.Kick()
	deadline := time.Now().Add(5 * time.Second)
	for len(srv.asked()) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the kick did not reach the office server")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if got := srv.asked(); len(got) != 1 || got[0] != 0 {
		t.Fatalf("requests to the server: %v, want [0] (all, soon)", got)
	}
}

func (s *fakeServer) set(present bool, err error) {
	s.mu.Lock()
	s.present, s.err = present, err
	s.mu.Unlock()
}

// TestDesktopLeaseGivesWayToTheServer: a desktop holding the sync lease
// gives it up once the office's server appears; while the server runs the
// desktop is granted nothing (nor is the lease even asked for); once it is
// gone the desktop takes the lease as before.
func TestDesktopLeaseGivesWayToTheServer(t *testing.T) {
	inner := &fakeLease{granted: true}
	srv := &fakeServer{}
	lease := signing.YieldToServer(inner, srv, 10*time.Millisecond)
	ctx := context.Background()

	h, err := lease.TryAcquire(ctx)
	if err != nil || h == nil {
		t.Fatalf("no server: the desktop did not get the lease: %v %v", h, err)
	}
	select {
	case <-h.Lost():
		t.Fatal("the lease was lost with no server")
	case <-time.After(50 * time.Millisecond):
	}
	srv.set(true, nil)
	select {
	case <-h.Lost():
	case <-time.After(2 * time.Second):
		t.Fatal("the desktop kept the lease after the server appeared")
	}
	if _, releases, _ := inner.counts(); releases != 1 {
		t.Fatalf("inner lease released %d times, want 1", releases)
	}
	h.Release() // Syncer.Run's release after the loss: harmless

	inner.set(true)
	before, _, _ := inner.counts()
	if h, err := lease.TryAcquire(ctx); h != nil || err != nil {
		t.Fatalf("the desktop got the lease while the server runs: %v %v", h, err)
	}
	if after, _, _ := inner.counts(); after != before {
		t.Fatal("the desktop asked for the lease while the server runs")
	}
	// A presence check that fails grants nothing either.
	srv.set(false, errors.New("office database unreachable"))
	if h, err := lease.TryAcquire(ctx); h != nil || err == nil {
		t.Fatalf("granted on a failed presence check: %v %v", h, err)
	}
	srv.set(false, nil)
	h, err = lease.TryAcquire(ctx)
	if err != nil || h == nil {
		t.Fatalf("the server stopped but the desktop did not take over: %v %v", h, err)
	}
	h.Release()
}

// TestRefreshAsksTheRunningServer: "Atualizar" while the office's server
// runs asks the server to sync that reservation and syncs nothing here;
// without a server it syncs here as before.
func TestRefreshAsksTheRunningServer(t *testing.T) {
	f := newFixture(t)
	s := f.sender("")
	ctx := context.Background()
	if _, err := s.Run(ctx, f.request()); err != nil {
		t.Fatal(err)
	}
	sy, _ := f.syncer(s)
	srv := &fakeServer{present: true}
	sy.Server = srv
	env := f.views(sy, 41)[0]
	if err := f.sim.Sign(env.ID, env.Signers[0].ID); err != nil {
		t.Fatal(err)
	}
	f.sim.ResetRequestCounts()
	delegated, err := sy.Refresh(ctx, 41)
	if err != nil || !delegated {
		t.Fatalf("Refresh with a server: delegated=%v err=%v", delegated, err)
	}
	if len(srv.requests) != 1 || srv.requests[0] != 41 {
		t.Fatalf("requests to the server: %v, want [41]", srv.requests)
	}
	if n := f.sim.TotalRequests(); n != 0 {
		t.Fatalf("the desktop itself called Clicksign %d times while the server runs", n)
	}
	if v := f.views(sy, 41)[0]; signerStates(v) != "pendente,aguardando,aguardando" {
		t.Fatalf("the desktop synced while the server runs: %s", signerStates(v))
	}

	srv.set(false, nil)
	delegated, err = sy.Refresh(ctx, 41)
	if err != nil || delegated {
		t.Fatalf("Refresh without a server: delegated=%v err=%v", delegated, err)
	}
	if v := f.views(sy, 41)[0]; signerStates(v) != "assinou,pendente,pendente" {
		t.Fatalf("without a server the desktop did not sync: %s", signerStates(v))
	}
	if len(srv.requests) != 1 {
		t.Fatalf("asked an absent server: %v", srv.requests)
	}
}
