package docusign

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// limiter keeps the client inside DocuSign's account allowances (reference
// §5.5): an hourly count that resets on the clock hour, and a sliding 30-second
// burst window. It starts from the documented defaults and follows the
// X-RateLimit-* / X-BurstLimit-* headers of every answer, because the server
// counts requests of every app on the account, not only Selo's.
//
// It also keeps the Go-Live polling rule (§5.4): one status read per envelope
// per PollInterval.
type limiter struct {
	mu    sync.Mutex
	clock Clock

	burstLimit int
	starts     []time.Time // request starts inside the burst window, oldest first

	hourlyLimit int
	hour        time.Time // start of the clock hour hourCount belongs to
	hourCount   int
	blocked     time.Time // no request before this (server said the allowance is spent)

	polls    map[string]time.Time // envelope id -> last status read
	lastPass time.Time            // last listStatusChanges by from_date
}

func newLimiter(clock Clock, hourly, burst int) *limiter {
	return &limiter{clock: clock, hourlyLimit: hourly, burstLimit: burst, polls: map[string]time.Time{}}
}

// acquire waits for a request slot and takes it. A wait longer than maxWait is
// not slept: the caller gets a rate-limit error saying how long it would be.
func (l *limiter) acquire(ctx context.Context, maxWait time.Duration) error {
	for {
		l.mu.Lock()
		now := l.clock.Now()
		wait := l.waitLocked(now)
		if wait <= 0 {
			l.starts = append(l.starts, now)
			l.hourCount++
			l.mu.Unlock()
			return nil
		}
		l.mu.Unlock()
		if wait > maxWait {
			return &APIError{Code: "CLIENT_RATE_LIMIT", Message: "client-side allowance spent", RetryAfter: wait, kind: ErrRateLimited}
		}
		if err := l.clock.Sleep(ctx, wait); err != nil {
			return err
		}
	}
}

// waitLocked is how long until a request may start, pruning old state.
func (l *limiter) waitLocked(now time.Time) time.Duration {
	if h := now.Truncate(time.Hour); !h.Equal(l.hour) {
		l.hour, l.hourCount = h, 0
	}
	cutoff := now.Add(-BurstWindow)
	i := 0
	for i < len(l.starts) && !l.starts[i].After(cutoff) {
		i++
	}
	l.starts = l.starts[i:]
	var wait time.Duration
	if now.Before(l.blocked) {
		wait = l.blocked.Sub(now)
	}
	if l.hourlyLimit > 0 && l.hourCount >= l.hourlyLimit {
		if w := l.hour.Add(time.Hour).Sub(now); w > wait {
			wait = w
		}
	}
	if l.burstLimit > 0 && len(l.starts) >= l.burstLimit {
		if w := l.starts[len(l.starts)-l.burstLimit].Add(BurstWindow).Sub(now); w > wait {
			wait = w
		}
	}
	return wait
}

// observe adopts what the server's headers say about the allowances.
func (l *limiter) observe(h http.Header) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.clock.Now()
	l.waitLocked(now)
	if n, ok := headerInt(h, "X-RateLimit-Limit"); ok && n > 0 {
		l.hourlyLimit = n
	}
	if rem, ok := headerInt(h, "X-RateLimit-Remaining"); ok {
		if used := l.hourlyLimit - rem; used > l.hourCount {
			l.hourCount = used
		}
		if rem <= 0 {
			if reset, ok := resetTime(h, now); ok && reset.After(l.blocked) {
				l.blocked = reset
			}
		}
	}
	if n, ok := headerInt(h, "X-BurstLimit-Limit"); ok && n > 0 {
		l.burstLimit = n
	}
	if rem, ok := headerInt(h, "X-BurstLimit-Remaining"); ok {
		// Other apps' requests are invisible here: pad the window with "now"
		// entries so the local count is never below the server's.
		for used := l.burstLimit - rem; len(l.starts) < used; {
			l.starts = append(l.starts, now)
		}
	}
}

// block stops every request until t (a rate-limit error from the server).
func (l *limiter) block(t time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if t.After(l.blocked) {
		l.blocked = t
	}
}

// checkPolls refuses a status read of any envelope read within PollInterval,
// and otherwise records the read for all of them. The returned func undoes the
// record, for a read that got no answer.
func (l *limiter) checkPolls(ids ...string) (undo func(), err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.clock.Now()
	for _, id := range ids {
		if last, ok := l.polls[id]; ok && now.Sub(last) < PollInterval {
			return nil, &PollTooSoonError{EnvelopeID: id, NextAllowed: last.Add(PollInterval)}
		}
	}
	prev := make(map[string]time.Time, len(ids))
	for _, id := range ids {
		prev[id] = l.polls[id]
		l.polls[id] = now
	}
	return func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		for id, t := range prev {
			if l.polls[id].Equal(now) {
				if t.IsZero() {
					delete(l.polls, id)
				} else {
					l.polls[id] = t
				}
			}
		}
	}, nil
}

// markPolls records status reads that came back in a list.
func (l *limiter) markPolls(ids []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.clock.Now()
	for id, t := range l.polls {
		if now.Sub(t) >= PollInterval {
			delete(l.polls, id)
		}
	}
	for _, id := range ids {
		l.polls[id] = now
	}
}

// startPass enforces PollInterval between two listStatusChanges passes: since
// a pass may return any envelope, passes closer together would read some
// envelope twice within the interval. The returned func undoes the start, for
// a pass whose first page got no answer.
func (l *limiter) startPass() (undo func(), err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.clock.Now()
	if !l.lastPass.IsZero() && now.Sub(l.lastPass) < PollInterval {
		return nil, &PollTooSoonError{NextAllowed: l.lastPass.Add(PollInterval)}
	}
	prev := l.lastPass
	l.lastPass = now
	return func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		if l.lastPass.Equal(now) {
			l.lastPass = prev
		}
	}, nil
}

func headerInt(h http.Header, name string) (int, bool) {
	v := h.Get(name)
	if v == "" {
		return 0, false
	}
	n, err := strconv.Atoi(v)
	return n, err == nil
}

// resetTime reads X-RateLimit-Reset, whose format is UNCONFIRMED (see
// resetUnixThreshold).
func resetTime(h http.Header, now time.Time) (time.Time, bool) {
	n, ok := headerInt(h, "X-RateLimit-Reset")
	if !ok || n < 0 {
		return time.Time{}, false
	}
	if n >= resetUnixThreshold {
		return time.Unix(int64(n), 0), true
	}
	return now.Add(time.Duration(n) * time.Second), true
}
