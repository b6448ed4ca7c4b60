package clicksign

import (
	"context"
	"sync"
	"time"
)

// limiter is a sliding-window log: at most limit request starts inside any window.
// A sliding window (rather than a token bucket) matches the server's "N per 10 s"
// wording exactly, so a burst can never straddle two server windows and trip a 429.
type limiter struct {
	mu     sync.Mutex
	clock  Clock
	limit  int
	window time.Duration
	starts []time.Time // reserved start times, oldest first
}

func newLimiter(clock Clock, limit int, window time.Duration) *limiter {
	return &limiter{clock: clock, limit: limit, window: window}
}

// wait reserves a slot and sleeps until it starts. The reservation is made under
// the lock before sleeping so concurrent callers queue fairly instead of racing.
func (l *limiter) wait(ctx context.Context) error {
	if l == nil || l.limit <= 0 {
		return ctx.Err()
	}
	l.mu.Lock()
	now := l.clock.Now()
	cutoff := now.Add(-l.window)
	i := 0
	for i < len(l.starts) && !l.starts[i].After(cutoff) {
		i++
	}
	l.starts = l.starts[i:]
	at := now
	if len(l.starts) >= l.limit {
		// The slot frees when the request limit positions back leaves the window.
		at = l.starts[len(l.starts)-l.limit].Add(l.window)
	}
	l.starts = append(l.starts, at)
	l.mu.Unlock()
	if d := at.Sub(now); d > 0 {
		if err := l.clock.Sleep(ctx, d); err != nil {
			l.cancel(at)
			return err
		}
	}
	return nil
}

// cancel gives back a reservation that was never used.
func (l *limiter) cancel(at time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := len(l.starts) - 1; i >= 0; i-- {
		if l.starts[i].Equal(at) {
			l.starts = append(l.starts[:i], l.starts[i+1:]...)
			return
		}
	}
}
