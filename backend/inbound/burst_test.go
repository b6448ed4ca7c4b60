package inbound

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
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

// burstEvent is a chat_finished of visitor i with the first `lines` lines of
// its chat. Every tenth visitor leaves no e-mail or phone: it must still end
// as one row ("visitante sem contato") with its whole transcript.
func burstEvent(i, lines int) []byte {
	all := []string{
		`{"timestamp":1717000000,"type":"visitor","message":"Olá, tem unidade disponível?"}`,
		`{"timestamp":1717000030,"type":"agent","agent_id":401,"message":"Temos sim, posso ligar?"}`,
		`{"timestamp":1717000060,"type":"visitor","message":"Pode, depois das 18h."}`,
	}
	contact := fmt.Sprintf(`,"email":"cliente%d@exemplo.com.br","phone":"+55119%08d"`, i, i)
	if i%10 == 0 {
		contact = ""
	}
	return []byte(fmt.Sprintf(`{"event_name":"chat_finished","widget_id":"burst","chat_id":%d,
	"visitor":{"name":"Cliente %d","number":"%d"%s},
	"session":{"utm_json":{"source":"google","medium":"cpc"}},"page":{"url":"https://imobiliaria.exemplo/"},
	"agents":[{"id":"401","name":"Carlos Lima"}],
	"chat":{"messages":[%s]}}`, 500000+i, i, 700000+i, contact, strings.Join(all[:lines], ",")))
}

// burstDeliveries is what JivoChat may send for each visitor: the chat with
// two lines, the same chat finished again with a third line, and the first
// body once more. They are shuffled (fixed seed), so a later delivery often
// arrives first and concurrently with the others of its chat.
func burstDeliveries(visitors int) [][]byte {
	var out [][]byte
	for i := range visitors {
		out = append(out, burstEvent(i, 2), burstEvent(i, 3), burstEvent(i, 2))
	}
	r := rand.New(rand.NewPCG(13, 5))
	r.Shuffle(len(out), func(a, b int) { out[a], out[b] = out[b], out[a] })
	return out
}

type burstResult struct {
	visitors, events, ok, rows, withoutContact, messages, rawEvents, lost int
	elapsed                                                               time.Duration
}

func (r burstResult) rate() float64 { return float64(r.events) / r.elapsed.Seconds() }

// runBurst starts a listener on 127.0.0.1:0 and posts every delivery of
// `visitors` visitors from a bounded pool of workers, then counts what the
// store holds.
func runBurst(tb testing.TB, visitors, workers int) burstResult {
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

	bodies := burstDeliveries(visitors)
	events := len(bodies)
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
	without := 0
	for _, l := range store.Leads() {
		if !l.HasContact() {
			without++
		}
	}
	// Lost: a visitor without its row, a line that never made it, a body
	// that was not kept.
	lost := max(visitors-st.Leads, 0) + max(3*visitors-st.Messages, 0)/3 + (events - st.RawEvents)
	return burstResult{visitors: visitors, events: events, ok: okCount, rows: st.Leads, withoutContact: without,
		messages: st.Messages, rawEvents: st.RawEvents, lost: lost, elapsed: elapsed}
}

// Every visitor ends as exactly one row with its three lines, whatever the
// order its three deliveries arrived in, and every body is kept.
func TestBurstLosesNothing(t *testing.T) {
	r := runBurst(t, 500, 8)
	if r.events != 1500 || r.ok != 1500 || r.rows != 500 || r.withoutContact != 50 || r.messages != 1500 ||
		r.rawEvents != 1500 || r.lost != 0 {
		t.Fatalf("%+v", r)
	}
	t.Logf("%d events in %v (%.0f/s)", r.events, r.elapsed, r.rate())
}

// BenchmarkBurst posts the 3,000 deliveries of 1,000 visitors (chat, the chat
// again with one more line, a redelivery) over loopback with 8 workers and
// prints the figures as "name: value" lines for `make bench`:
//
//	go test -run '^$' -bench '^BenchmarkBurst$' -benchtime 1x ./backend/inbound/
func BenchmarkBurst(b *testing.B) {
	var r burstResult
	for b.Loop() {
		r = runBurst(b, 1000, 8)
		if r.lost != 0 {
			b.Fatalf("lost %d: %+v", r.lost, r)
		}
	}
	b.ReportMetric(r.rate(), "events/s")
	b.ReportMetric(float64(r.lost), "lost")
	fmt.Printf("jivochat_burst_events: %d\n", r.events)
	fmt.Printf("jivochat_burst_concurrency: %d\n", 8)
	fmt.Printf("jivochat_burst_seconds: %.3f\n", r.elapsed.Seconds())
	fmt.Printf("jivochat_burst_rate_per_s: %.0f\n", r.rate())
	fmt.Printf("jivochat_burst_visitors: %d\n", r.visitors)
	fmt.Printf("jivochat_burst_leads: %d\n", r.rows-r.withoutContact)
	fmt.Printf("jivochat_burst_without_contact: %d\n", r.withoutContact)
	fmt.Printf("jivochat_burst_messages: %d\n", r.messages)
	fmt.Printf("jivochat_burst_lost: %d\n", r.lost)
}
