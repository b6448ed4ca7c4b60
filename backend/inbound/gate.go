package inbound

import (
	"context"
	"net/http"
	"strconv"
	"time"
)

// Gate bounds one route's work so that a source flooding it (slow bodies,
// thousands of bad requests) cannot take the memory, goroutines or database
// connections the other route needs. The zero Gate admits everything, as
// the desktop's listener always did.
type Gate struct {
	// Slots is how many requests of the route may read their body and run
	// their handler at once; 0 means no bound.
	Slots int
	// Wait is how long a request waits for a slot before it is answered 503
	// with Retry-After, so a sender that retries comes back later instead
	// of piling up.
	Wait time.Duration
	// RetryAfter is the Retry-After of that 503 (default 5 s).
	RetryAfter time.Duration
}

// gate is a Gate in use: a counting semaphore.
type gate struct {
	slots      chan struct{}
	wait       time.Duration
	retryAfter string
}

func newGate(g Gate) *gate {
	if g.Slots <= 0 {
		return nil
	}
	ra := g.RetryAfter
	if ra <= 0 {
		ra = 5 * time.Second
	}
	return &gate{slots: make(chan struct{}, g.Slots), wait: g.Wait,
		retryAfter: strconv.Itoa(int((ra + time.Second - 1) / time.Second))}
}

// enter takes a slot, waiting at most g.wait; it returns the release, or
// nil when the route stayed full (or the request went away).
func (g *gate) enter(ctx context.Context) (release func()) {
	if g == nil {
		return func() {}
	}
	leave := func() { <-g.slots }
	select {
	case g.slots <- struct{}{}:
		return leave
	default:
	}
	if g.wait <= 0 {
		return nil
	}
	t := time.NewTimer(g.wait)
	defer t.Stop()
	select {
	case g.slots <- struct{}{}:
		return leave
	case <-t.C:
	case <-ctx.Done():
	}
	return nil
}

// busy answers a request the gate kept out.
func (s *Server) busy(w http.ResponseWriter, g *gate) {
	w.Header().Set("Retry-After", g.retryAfter)
	s.reject(w, http.StatusServiceUnavailable, "busy")
}
