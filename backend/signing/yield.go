package signing

import (
	"context"
	"sync"
	"time"
)

// ServerPresenceCheck is how often a desktop holding the sync lease asks
// whether the office's `selo server` appeared; with the server asking for
// the lease every few seconds, it takes over within about 10 s.
const ServerPresenceCheck = 2 * time.Second

// OfficeServer is the office's `selo server` as a desktop sees it.
type OfficeServer interface {
	// ServerPresent reports whether a server runs right now.
	ServerPresent(ctx context.Context) (bool, error)
	// RequestSync asks the running server to sync a reservation's
	// envelopes (0: all, soon); an error when no server would hear it.
	RequestSync(ctx context.Context, reservationID int64) error
}

// YieldToServer is a desktop's sync lease in an office with a `selo server`:
// while the server runs, the server syncs and desktops only read. It grants
// nothing while a server is present, and a lease already held is given up
// (its Lost closes, so Syncer.Run releases it) within one presence check
// (every) of a server appearing. When the server stops, desktops take the lease as before.
func YieldToServer(lease SyncLease, server OfficeServer, every time.Duration) SyncLease {
	return WhileReady(lease, func(ctx context.Context) (bool, error) {
		present, err := server.ServerPresent(ctx)
		return !present, err
	}, every)
}

// WhileReady is a lease taken only while ready says this PC should sync,
// and given up within one check (every) of ready turning false: the
// server's arrival for YieldToServer, the loss of this PC's last DocuSign
// sign-in for a desktop's DocuSign loop, so a PC that cannot do the work
// never keeps it from one that can. A failed check grants nothing, and
// keeps a lease already held.
func WhileReady(lease SyncLease, ready func(ctx context.Context) (bool, error), every time.Duration) SyncLease {
	if every <= 0 {
		every = ServerPresenceCheck
	}
	return &yieldingLease{lease: lease, ready: ready, every: every}
}

type yieldingLease struct {
	lease SyncLease
	ready func(ctx context.Context) (bool, error)
	every time.Duration
}

// TryAcquire asks the inner lease only when ready. A failed check grants
// nothing either: better no sync for 15 s than two writers.
func (l *yieldingLease) TryAcquire(ctx context.Context) (LeaseHold, error) {
	ok, err := l.ready(ctx)
	if err != nil || !ok {
		return nil, err
	}
	h, err := l.lease.TryAcquire(ctx)
	if h == nil || err != nil {
		return h, err
	}
	y := &yieldingHold{LeaseHold: h, done: make(chan struct{})}
	go y.watch(l.ready, l.every)
	return y, nil
}

// yieldingHold is a desktop's held lease, released as soon as it is no
// longer ready (a server showed up).
type yieldingHold struct {
	LeaseHold
	once sync.Once
	done chan struct{}
}

// watch releases the lease once ready says no; it ends with the lease.
func (y *yieldingHold) watch(ready func(ctx context.Context) (bool, error), every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-y.done:
			return
		case <-y.LeaseHold.Lost():
			return
		case <-t.C:
		}
		ctx, cancel := context.WithTimeout(context.Background(), every)
		ok, err := ready(ctx)
		cancel()
		if err == nil && !ok {
			y.Release()
			return
		}
	}
}

// Release gives the inner lease up and stops the watch.
func (y *yieldingHold) Release() {
	y.once.Do(func() { close(y.done) })
	y.LeaseHold.Release()
}
