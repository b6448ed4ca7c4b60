package inbound

import (
	"context"
	"sync"
	"time"
)

// CachedTokens is a TokenSource that asks its Source at most once per TTL
// and answers from that list in between. On the headless server, facing the
// internet, a flood of requests with wrong tokens then costs a hash and a
// few comparisons each instead of a database query: the connections stay
// free for the webhooks that matter. The price is that a revoked token keeps
// working for up to TTL.
//
// A failed refresh is kept for the TTL too (every token is refused, as
// HashVerifier fails closed), so a database that went away is not asked
// again by every request.
type CachedTokens struct {
	Source TokenSource
	TTL    time.Duration
	// Now is the clock; time.Now when nil.
	Now func() time.Time

	mu     sync.Mutex
	at     time.Time
	hashes []TokenHash
	err    error
}

// ActiveTokenHashes implements TokenSource. Concurrent callers during a
// refresh wait for it rather than each querying the Source.
func (c *CachedTokens) ActiveTokenHashes(ctx context.Context) ([]TokenHash, error) {
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.at.IsZero() && now().Sub(c.at) < c.TTL {
		return c.hashes, c.err
	}
	hashes, err := c.Source.ActiveTokenHashes(ctx)
	if err != nil && ctx.Err() != nil {
		// The caller went away: that says nothing about the Source.
		return nil, err
	}
	c.at, c.hashes, c.err = now(), hashes, err
	return hashes, err
}
