package bus

import (
	"sync"
	"testing"
)

func TestTopicHandsEachNewsToEverySubscriberInOrder(t *testing.T) {
	var topic Topic[string]
	topic.Publish("before anyone listens")
	var got []string
	topic.Subscribe(func(s string) { got = append(got, "first:"+s) })
	topic.Subscribe(func(s string) { got = append(got, "second:"+s) })
	topic.Publish("sent")
	want := []string{"first:sent", "second:sent"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("got %v, want %v", got, want)
	}
}

// The sender publishes from its operations' goroutines, sometimes two at
// once, while main.go may still be subscribing.
func TestTopicTakesConcurrentPublishers(t *testing.T) {
	var topic Topic[int]
	var mu sync.Mutex
	sum := 0
	topic.Subscribe(func(n int) { mu.Lock(); sum += n; mu.Unlock() })
	var wg sync.WaitGroup
	for i := 1; i <= 50; i++ {
		wg.Add(2)
		go func() { defer wg.Done(); topic.Publish(i) }()
		go func() { defer wg.Done(); topic.Subscribe(func(int) {}) }()
	}
	wg.Wait()
	if sum != 50*51/2 {
		t.Fatalf("sum of published values = %d, want %d", sum, 50*51/2)
	}
}
