package signing

import (
	"context"
	"errors"
	"time"
)

// leaseRetry is how often a PC without the sync lease asks for it again. With
// the server freeing a vanished holder's lease within about 30 s (see the
// PostgreSQL lease in sqlstore), another PC takes over within 60 s.
const leaseRetry = 15 * time.Second

// errLeaseLost stops a sync before it writes once this PC no longer holds the
// sync lease: another PC may already be syncing the same envelopes.
var errLeaseLost = errors.New("status sync lease lost")

// SyncLease lets one PC at a time run status sync when several share one
// office database. On one PC (SQLite) it is always granted.
type SyncLease interface {
	// TryAcquire asks for the lease without waiting. A nil LeaseHold with
	// a nil error means another PC holds it.
	TryAcquire(ctx context.Context) (LeaseHold, error)
}

// LeaseHold is a granted sync lease.
type LeaseHold interface {
	// Lost is closed once the lease is no longer held (the connection that
	// held it died, or Release was called).
	Lost() <-chan struct{}
	// Confirm checks, right now, that the lease is still held; sync calls
	// it before each write, so a PC that silently lost the lease (network
	// gone, now back) writes nothing the new holder may also write.
	Confirm(ctx context.Context) error
	// Release gives the lease up; safe to call more than once.
	Release()
}

// AlwaysHeld is the lease of a database only one PC uses: granted at once
// and never lost.
type AlwaysHeld struct{}

// TryAcquire grants the lease.
func (AlwaysHeld) TryAcquire(context.Context) (LeaseHold, error) { return heldForever{}, nil }

type heldForever struct{}

func (heldForever) Lost() <-chan struct{}         { return nil }
func (heldForever) Confirm(context.Context) error { return nil }
func (heldForever) Release()                      {}
