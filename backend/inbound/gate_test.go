package inbound

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// pool stands for the database connections both routes share.
type pool chan struct{}

func (p pool) use(ctx context.Context, d time.Duration) bool {
	select {
	case p <- struct{}{}:
	case <-ctx.Done():
		return false
	}
	defer func() { <-p }()
	time.Sleep(d)
	return true
}

// slowChat holds a pool connection for d per event, as a slow write does.
type slowChat struct {
	pool    pool
	d       time.Duration
	running atomic.Int64
}

func (h *slowChat) Handle(ctx context.Context, body []byte) ([]byte, int) {
	h.running.Add(1)
	defer h.running.Add(-1)
	if !h.pool.use(ctx, h.d) {
		return nil, http.StatusServiceUnavailable
	}
	return []byte(`{"result":"ok"}`), http.StatusOK
}

// isolationFixture: JivoChat events hold one of 3 shared connections for
// 300 ms each; a Clicksign delivery needs one for 1 ms and records itself.
func isolationFixture(t *testing.T, jivo, cs Gate) (*fixture, *slowChat, *atomic.Int64) {
	p := make(pool, 3)
	chat := &slowChat{pool: p, d: 300 * time.Millisecond}
	var committed atomic.Int64
	f := newFixture(t, func(c *Config) {
		c.JivoChat = chat
		c.JivoChatGate, c.ClicksignGate = jivo, cs
		c.Clicksign = ClicksignFunc(func(ctx context.Context, _ string, _ http.Header, _ []byte) (int, []byte) {
			if !p.use(ctx, time.Millisecond) {
				return http.StatusServiceUnavailable, nil
			}
			committed.Add(1)
			return http.StatusOK, []byte(`{}`)
		})
	})
	f.start(t)
	return f, chat, &committed
}

// flood starts n concurrent JivoChat deliveries and returns a wait for
// them and their statuses.
func (f *fixture) flood(n int) func() []int {
	var wg sync.WaitGroup
	st := make([]int, n)
	for i := range n {
		wg.Go(func() {
			resp, err := f.client.Post(f.url+"/webhooks/jivochat/"+testToken, "application/json",
				strings.NewReader(`{"event_name":"chat_finished"}`))
			if err == nil {
				st[i] = resp.StatusCode
				resp.Body.Close()
			}
		})
	}
	return func() []int { wg.Wait(); return st }
}

// TestGateFloodOnJivoChatLeavesClicksignItsShare: 40 JivoChat events each
// holding a shared connection for 300 ms would make a Clicksign delivery
// wait seconds for one; with JivoChat's gate at 2 slots the delivery gets
// its 200 at once and is committed, and every JivoChat event still gets
// its 200 once its turn comes.
func TestGateFloodOnJivoChatLeavesClicksignItsShare(t *testing.T) {
	f, chat, committed := isolationFixture(t, Gate{Slots: 2, Wait: 20 * time.Second}, Gate{Slots: 1, Wait: time.Second})
	wait := f.flood(40)
	deadline := time.Now().Add(5 * time.Second)
	for chat.running.Load() < 2 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond) // the rest of the flood queues at the gate
	start := time.Now()
	st, _ := f.post(t, "/webhooks/clicksign/7", "application/json", []byte(`{}`))
	took := time.Since(start)
	if st != http.StatusOK || committed.Load() != 1 {
		t.Fatalf("Clicksign during the flood: %d, committed %d", st, committed.Load())
	}
	// Without gates it answers after seconds; 2 s leaves a loaded CI room.
	if took > 2*time.Second {
		t.Fatalf("Clicksign answered after %v during a JivoChat flood, want under 2 s", took)
	}
	if n := chat.running.Load(); n > 2 {
		t.Fatalf("%d JivoChat events ran at once past a gate of 2", n)
	}
	for i, s := range wait() {
		if s != http.StatusOK {
			t.Fatalf("JivoChat event %d: %d, want 200 after queuing", i, s)
		}
	}
}

// TestGateFullAnswers503WithRetryAfter: past its wait, a request that
// found every slot taken gets 503 with Retry-After and never reaches the
// handler; a wrong token is refused at once with 401 without queuing.
func TestGateFullAnswers503WithRetryAfter(t *testing.T) {
	release := make(chan struct{})
	var handled atomic.Int64
	f := newFixture(t, func(c *Config) {
		c.JivoChatGate = Gate{Slots: 1, Wait: time.Second, RetryAfter: 30 * time.Second}
		c.JivoChat = handlerFunc(func(ctx context.Context, _ []byte) ([]byte, int) {
			handled.Add(1)
			<-release
			return nil, http.StatusOK
		})
	})
	f.start(t)
	wait := f.flood(1)
	for handled.Load() == 0 {
		time.Sleep(5 * time.Millisecond)
	}
	resp, err := f.client.Post(f.url+"/webhooks/jivochat/"+testToken, "application/json", strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") != "30" {
		t.Fatalf("full route: %d Retry-After %q, want 503 and 30", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	start := time.Now()
	if st, _ := f.post(t, "/webhooks/jivochat/token-errado", "application/json", []byte(`{}`)); st != http.StatusUnauthorized {
		t.Fatalf("wrong token on a full route: %d, want 401", st)
	}
	if took := time.Since(start); took > 500*time.Millisecond {
		t.Fatalf("a wrong token waited %v for the gate", took)
	}
	close(release)
	if st := wait(); st[0] != http.StatusOK {
		t.Fatalf("the event holding the slot: %d", st[0])
	}
	if n := handled.Load(); n != 1 {
		t.Fatalf("the handler ran %d times, want 1 (the refused request must not reach it)", n)
	}
}

type handlerFunc func(ctx context.Context, body []byte) ([]byte, int)

func (h handlerFunc) Handle(ctx context.Context, body []byte) ([]byte, int) { return h(ctx, body) }

// countingSource counts how often the database would be asked.
type countingSource struct {
	set   *TokenSet
	calls atomic.Int64
	fail  atomic.Bool
}

func (s *countingSource) ActiveTokenHashes(ctx context.Context) ([]TokenHash, error) {
	s.calls.Add(1)
	if s.fail.Load() {
		return nil, errors.New("database away")
	}
	return s.set.ActiveTokenHashes(ctx)
}

// TestCachedTokensSpareTheSourceAndSeeRevocationAfterTTL: 2,000 requests
// with wrong tokens, from 20 clients at once, ask the source once; a
// revoked token is refused once the TTL passed; a failed read refuses every
// token (fails closed) and is not retried by each request.
func TestCachedTokensSpareTheSourceAndSeeRevocationAfterTTL(t *testing.T) {
	now := time.Date(2026, 12, 7, 5, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	src := &countingSource{set: NewTokenSet()}
	src.set.Add(testToken, "gestor-1")
	v := HashVerifier{Source: &CachedTokens{Source: src, TTL: 2 * time.Second, Now: clock}}
	var wg sync.WaitGroup
	for c := range 20 {
		wg.Go(func() {
			for i := range 100 {
				if ok, _ := v.Verify(context.Background(), "token-errado-"+string(rune('a'+c))+string(rune('a'+i%26))); ok {
					t.Error("a wrong token was accepted")
				}
			}
		})
	}
	wg.Wait()
	if n := src.calls.Load(); n != 1 {
		t.Fatalf("2,000 wrong tokens asked the source %d times, want 1", n)
	}
	if ok, owner := v.Verify(context.Background(), testToken); !ok || owner != "gestor-1" {
		t.Fatalf("the active token: %v %q", ok, owner)
	}
	src.set.Revoke(testToken)
	advance(2 * time.Second)
	if ok, _ := v.Verify(context.Background(), testToken); ok {
		t.Fatal("a token revoked a TTL ago is still accepted")
	}
	src.set.Add(testToken, "gestor-1")
	src.fail.Store(true)
	advance(2 * time.Second)
	before := src.calls.Load()
	for range 100 {
		if ok, _ := v.Verify(context.Background(), testToken); ok {
			t.Fatal("a token was accepted while the source failed")
		}
	}
	if n := src.calls.Load() - before; n != 1 {
		t.Fatalf("100 requests while the source failed asked it %d times, want 1", n)
	}
}

// TestWrongTokenFloodLogsOneLineAndCountsTheRest: 500 wrong tokens write
// one log line, not 500; the next line, 10 s later, says how many were not
// logged, and the listener's refusal count stays exact.
func TestWrongTokenFloodLogsOneLineAndCountsTheRest(t *testing.T) {
	var mu sync.Mutex
	var buf strings.Builder
	now := time.Date(2026, 12, 7, 5, 0, 0, 0, time.UTC)
	f := newFixture(t, func(c *Config) {
		c.Logger = slog.New(slog.NewTextHandler(lockedWriter{&mu, &buf}, nil))
		c.Now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	})
	f.start(t)
	for range 500 {
		if st, _ := f.post(t, "/webhooks/jivochat/token-errado", "application/json", []byte(`{}`)); st != http.StatusUnauthorized {
			t.Fatalf("wrong token: %d", st)
		}
	}
	lines := func() []string {
		mu.Lock()
		defer mu.Unlock()
		var out []string
		for _, l := range strings.Split(buf.String(), "\n") {
			if strings.Contains(l, "unknown or revoked token") {
				out = append(out, l)
			}
		}
		return out
	}
	if got := lines(); len(got) != 1 {
		t.Fatalf("500 wrong tokens wrote %d log lines, want 1", len(got))
	}
	mu.Lock()
	now = now.Add(10 * time.Second)
	mu.Unlock()
	f.post(t, "/webhooks/jivochat/token-errado", "application/json", []byte(`{}`))
	got := lines()
	if len(got) != 2 || !strings.Contains(got[1], "more_not_logged=499") {
		t.Fatalf("10 s later: %q, want a second line saying 499 were not logged", got)
	}
	if n := f.srv.Status().Rejected; n != 501 {
		t.Fatalf("the listener counted %d refusals, want 501", n)
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	b  *strings.Builder
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

// TestSlowClicksignBodiesHoldNoSlot: anyone can reach the Clicksign route,
// so connections trickling their bodies must not take its slots; a real
// delivery arriving meanwhile gets its 200 instead of a 503.
func TestSlowClicksignBodiesHoldNoSlot(t *testing.T) {
	f, _, committed := isolationFixture(t, Gate{}, Gate{Slots: 1, Wait: 300 * time.Millisecond})
	addr := strings.TrimPrefix(f.url, "http://")
	for range 3 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		// Headers and a first few bytes of a 1,000-byte body, then nothing.
		fmt.Fprintf(c, "POST /webhooks/clicksign/7 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"ev")
	}
	time.Sleep(100 * time.Millisecond) // the slow requests reach the handler
	st, _ := f.post(t, "/webhooks/clicksign/7", "application/json", []byte(`{}`))
	if st != http.StatusOK || committed.Load() != 1 {
		t.Fatalf("a delivery beside slow bodies: %d, committed %d", st, committed.Load())
	}
}
