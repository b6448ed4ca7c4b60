// Package bus hands news from the part that learns it to the parts that
// react to it. With it main.go builds each part once, in dependency order:
// a part built early publishes, a part built later subscribes, and no part
// holds a pointer filled in after construction.
package bus

import "sync"

// Topic is one kind of news carrying a T. The zero value is ready to use
// and safe for concurrent publishers and subscribers.
type Topic[T any] struct {
	mu   sync.RWMutex
	subs []func(T)
}

// Subscribe adds f to the topic. f runs in the publisher's goroutine, so
// it must return quickly (wake a loop, not do the work itself).
func (t *Topic[T]) Subscribe(f func(T)) {
	t.mu.Lock()
	t.subs = append(t.subs, f)
	t.mu.Unlock()
}

// Publish hands v to every subscriber, in the order they subscribed. News
// published before anyone subscribed is not kept: each subscriber catches
// up on its own when it starts (status sync, for one, syncs at start).
func (t *Topic[T]) Publish(v T) {
	t.mu.RLock()
	subs := t.subs
	t.mu.RUnlock()
	for _, f := range subs {
		f(v)
	}
}
