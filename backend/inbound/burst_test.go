package inbound

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"selo/backend/jivochat"
)

func portOf(t *testing.T, addr string) int {
	t.Helper()
	_, p, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := strconv.Atoi(p)
	return n
}

// burstEvent is a chat_finished of a distinct visitor with two lines, so
// every event must end as exactly one lead and two messages.
func burstEvent(i int) []byte {
	return []byte(fmt.Sprintf(`{"event_name":"chat_finished","widget_id":"burst","chat_id":%d,
	"visitor":{"name":"Cliente %d","email":"cliente%d@exemplo.com.br","phone":"+55119%08d","number":"%d"},
	"session":{"utm_json":{"source":"google","medium":"cpc"}},"page":{"url":"https://imobiliaria.exemplo/"},
	"agents":[{"id":"401","name":"Carlos Lima"}],
	"chat":{"messages":[{"timestamp":1717000000,"type":"visitor","message":"Olá, tem unidade disponível?"},
	{"timestamp":1717000030,"type":"agent","agent_id":401,"message":"Temos sim, posso ligar?"}]}}`, 500000+i, i, i, i, 700000+i))
}

type burstResult struct {
	events, ok, leads, messages, lost int
	elapsed                           time.Duration
}

func (r burstResult) rate() float64 { return float64(r.events) / r.elapsed.Seconds() }

// runBurst starts a listener on 127.0.0.1:0 and posts events from a bounded
// pool of workers, then counts what the store holds.
func runBurst(tb testing.TB, events, workers int) burstResult {
	tb.Helper()
	store := jivochat.NewMemoryStore()
	h, err := jivochat.NewHandler(jivochat.Config{Store: store})
	if err != nil {
		tb.Fatal(err)
	}
	tokens := NewTokenSet()
	tokens.Add(testToken, "burst")
	srv, err := New(Config{Port: 0, JivoChat: h, Tokens: HashVerifier{Source: tokens}})
	if err != nil {
		tb.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		tb.Fatal(err)
	}
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}()
	url := "http://" + srv.Status().Addr + "/webhooks/jivochat/" + testToken
	tr := &http.Transport{MaxIdleConnsPerHost: workers, MaxConnsPerHost: workers}
	defer tr.CloseIdleConnections()
	client := &http.Client{Timeout: 15 * time.Second, Transport: tr}

	bodies := make([][]byte, events)
	for i := range bodies {
		bodies[i] = burstEvent(i)
	}
	jobs := make(chan int)
	var mu sync.Mutex
	okCount := 0
	var firstErr error
	var wg sync.WaitGroup
	start := time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				resp, err := client.Post(url, "application/json", bytes.NewReader(bodies[i]))
				if err == nil {
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				mu.Lock()
				switch {
				case err != nil && firstErr == nil:
					firstErr = err
				case err == nil && resp.StatusCode == http.StatusOK:
					okCount++
				case err == nil && firstErr == nil:
					firstErr = fmt.Errorf("event %d: status %d", i, resp.StatusCode)
				}
				mu.Unlock()
			}
		}()
	}
	for i := range events {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	elapsed := time.Since(start)
	if firstErr != nil {
		tb.Logf("first failure: %v", firstErr)
	}
	st := store.Stats()
	stored := min(st.Leads, st.Messages/2, st.RawEvents)
	return burstResult{events: events, ok: okCount, leads: st.Leads, messages: st.Messages,
		lost: events - stored, elapsed: elapsed}
}

func TestBurstLosesNothing(t *testing.T) {
	r := runBurst(t, 1000, 8)
	if r.ok != 1000 || r.leads != 1000 || r.messages != 2000 || r.lost != 0 {
		t.Fatalf("%+v", r)
	}
	t.Logf("1000 events in %v (%.0f/s)", r.elapsed, r.rate())
}

// BenchmarkBurst posts 1,000 JivoChat events over loopback with 8 workers and
// prints the figures as "name: value" lines for `make bench`:
//
//	go test -run '^$' -bench '^BenchmarkBurst$' -benchtime 1x ./backend/inbound/
func BenchmarkBurst(b *testing.B) {
	var r burstResult
	for b.Loop() {
		r = runBurst(b, 1000, 8)
	}
	b.ReportMetric(r.rate(), "events/s")
	b.ReportMetric(float64(r.lost), "lost")
	fmt.Printf("jivochat_burst_events: %d\n", r.events)
	fmt.Printf("jivochat_burst_concurrency: %d\n", 8)
	fmt.Printf("jivochat_burst_seconds: %.3f\n", r.elapsed.Seconds())
	fmt.Printf("jivochat_burst_rate_per_s: %.0f\n", r.rate())
	fmt.Printf("jivochat_burst_leads: %d\n", r.leads)
	fmt.Printf("jivochat_burst_messages: %d\n", r.messages)
	fmt.Printf("jivochat_burst_lost: %d\n", r.lost)
}
