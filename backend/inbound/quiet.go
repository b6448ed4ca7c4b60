package inbound

import (
	"sync"
	"time"
)

// refusalLogEvery is how often each kind of refusal reaches the log. A
// flood of wrong tokens or of requests finding a route full would otherwise
// write a line per request, and the log (the journal, on the server) would
// cost more than the refusal itself.
const refusalLogEvery = 10 * time.Second

// quietLog lets one line per kind through per refusalLogEvery and counts
// the ones it held back, for the next line to say.
type quietLog struct {
	mu   sync.Mutex
	last map[string]time.Time
	held map[string]int
}

// allow reports whether a refusal of this kind may be logged now, and how
// many were held back since the last one logged.
func (q *quietLog) allow(kind string, now time.Time) (ok bool, held int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.last == nil {
		q.last, q.held = map[string]time.Time{}, map[string]int{}
	}
	if t, seen := q.last[kind]; seen && now.Sub(t) < refusalLogEvery {
		q.held[kind]++
		return false, 0
	}
	held = q.held[kind]
	q.last[kind], q.held[kind] = now, 0
	return true, held
}
