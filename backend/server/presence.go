package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"time"

	"selo/backend/crm"
	"selo/backend/signing"
)

// PresenceStore is the office database as the server's presence needs it
// (sqlstore.OfficeServers).
type PresenceStore interface {
	// TryHoldPresence takes the server-presence lock; nil when another
	// server holds it.
	TryHoldPresence(ctx context.Context) (signing.LeaseHold, error)
	// Announce writes the row as the server starts.
	Announce(ctx context.Context, o crm.OfficeServer) error
	// Beat refreshes the row's beat_at while instance runs.
	Beat(ctx context.Context, instance string, at time.Time) error
	// MarkStopped records instance's clean stop.
	MarkStopped(ctx context.Context, instance string, at time.Time) error
}

// Presence timings.
const (
	// BeatEvery refreshes the row's beat_at, which the desktops show.
	BeatEvery = 30 * time.Second
	// presenceRetry is how often a server whose lock another server holds
	// (or whose session died) asks again.
	presenceRetry = 3 * time.Second
)

// Presence tells the desktops the server runs: it holds the presence lock
// (desktops then leave status sync to it) and keeps the office_server row.
type Presence struct {
	Store PresenceStore
	// Row is what the desktops show; Instance, StartedAt and BeatAt are
	// filled in by Run.
	Row crm.OfficeServer
	Log *slog.Logger
	// Beat and Retry default to BeatEvery and 3 s.
	Beat, Retry time.Duration
	// Now defaults to time.Now.
	Now func() time.Time
}

// Run holds the presence until ctx ends, then records the clean stop and
// releases the lock. A lock lost with its connection is taken again.
func (p *Presence) Run(ctx context.Context) {
	log, now := p.Log, p.Now
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if now == nil {
		now = time.Now
	}
	beat, retry := p.Beat, p.Retry
	if beat <= 0 {
		beat = BeatEvery
	}
	if retry <= 0 {
		retry = presenceRetry
	}
	row := p.Row
	row.Instance = newInstance()
	row.StartedAt = now().UTC()
	warned := false
	for ctx.Err() == nil {
		hold, err := p.Store.TryHoldPresence(ctx)
		if err != nil || hold == nil {
			if !warned && ctx.Err() == nil {
				warned = true
				if err != nil {
					log.Warn("server presence not taken, retrying", "err", err)
				} else {
					log.Warn("another selo server holds the office's presence; waiting for it to stop")
				}
			}
			if !sleepCtx(ctx, retry) {
				return
			}
			continue
		}
		warned = false
		row.BeatAt = now().UTC()
		// Written even when a stop is already asked: the clean stop that
		// follows marks this row, and a row never written could not be.
		actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		err = p.Store.Announce(actx, row)
		cancel()
		if err != nil {
			log.Warn("office_server row not written", "err", err)
		}
		p.hold(ctx, hold, row.Instance, beat, now, log)
	}
}

// hold beats until ctx ends (clean stop recorded, lock released) or the
// lock is lost.
func (p *Presence) hold(ctx context.Context, hold signing.LeaseHold, instance string, beat time.Duration,
	now func() time.Time, log *slog.Logger) {
	t := time.NewTicker(beat)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			if err := p.Store.MarkStopped(sctx, instance, now().UTC()); err != nil {
				log.Warn("office_server stop not recorded", "err", err)
			}
			cancel()
			hold.Release()
			return
		case <-hold.Lost():
			log.Warn("server presence lost with its database connection; taking it again")
			hold.Release()
			return
		case <-t.C:
			if err := p.Store.Beat(ctx, instance, now().UTC()); err != nil && ctx.Err() == nil {
				log.Warn("office_server beat not written", "err", err)
			}
		}
	}
}

// ServeSyncRequests runs the desktops' "Atualizar" requests (reservation
// ids) with sync until reqs closes. Requests arriving during a sync are
// gathered, so a burst of clicks costs one sync per reservation.
func ServeSyncRequests(reqs <-chan int64, sync func(reservationID int64) error, log *slog.Logger) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	for id := range reqs {
		pending := map[int64]bool{id: true}
		order := []int64{id}
	drain:
		for {
			select {
			case more, ok := <-reqs:
				if !ok {
					break drain
				}
				if !pending[more] {
					pending[more] = true
					order = append(order, more)
				}
			default:
				break drain
			}
		}
		for _, r := range order {
			if err := sync(r); err != nil {
				log.Warn("sync requested by a desktop", "reservation", r, "code", crm.AsError(err).Code)
			}
		}
	}
}

func newInstance() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func sleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
