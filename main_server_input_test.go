package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"selo/backend/clicksign"
	"selo/backend/server"
	"selo/backend/signing"
	"selo/backend/sqlstore"
)

// stored counts what webhooks may leave in the office database: leads,
// JivoChat deliveries, Clicksign deliveries and the key's last delivery.
func (f *serverFixture) stored(t *testing.T) string {
	t.Helper()
	db, err := sqlstore.OpenPostgres(context.Background(), f.pg)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	w, _, err := db.Webhooks().Webhook(context.Background(), f.keyID)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("leads=%d jivochat_events=%d clicksign_deliveries=%d last_delivery=%v",
		f.count(t, db, `SELECT COUNT(*) FROM leads`), f.count(t, db, `SELECT COUNT(*) FROM jivochat_events`),
		f.count(t, db, `SELECT COUNT(*) FROM clicksign_webhook_deliveries`), !w.LastDeliveryAt.IsZero())
}

const nothingStored = "leads=0 jivochat_events=0 clicksign_deliveries=0 last_delivery=false"

// rawExchange writes head (and body) on a new connection and returns the
// status line the server answers ("" when it closed without one) and how
// long that took.
func rawExchange(t *testing.T, base, head string, body []byte) (string, time.Duration) {
	t.Helper()
	c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	start := time.Now()
	_ = c.SetDeadline(time.Now().Add(40 * time.Second))
	if _, err := io.WriteString(c, head); err != nil {
		t.Fatal(err)
	}
	if body != nil {
		_, _ = c.Write(body) // the server may stop reading early
	}
	line, _ := bufio.NewReader(c).ReadString('\n')
	return strings.TrimSpace(line), time.Since(start)
}

// TestServerProcessRefusesBadInputStoringNothing: against the `selo server`
// process's listener, a wrong token and a bad HMAC get 401, malformed
// bodies 400, bodies over the limits 413, and a client that sends its
// headers or its body too slowly is cut off by the server's timeouts; after
// all of it nothing is stored.
func TestServerProcessRefusesBadInputStoringNothing(t *testing.T) {
	f := newServerFixture(t)
	p := startServerProcess(t, f)
	jivo := p.base + "/webhooks/jivochat/" + f.jivoToken
	cs := p.base + signing.WebhookPath(f.keyID)

	// The slow clients first, in the background: they take the longest.
	var wg sync.WaitGroup
	wg.Go(func() {
		// Headers never finished: cut at the 5 s header timeout.
		line, took := rawExchange(t, p.base, "POST /webhooks/jivochat/"+f.jivoToken+" HTTP/1.1\r\nHost: selo\r\n", nil)
		if strings.Contains(line, " 200 ") || took > 10*time.Second {
			t.Errorf("slow headers: %q after %v, want the connection cut within 10 s", line, took)
		}
	})
	wg.Go(func() {
		// A body announced as 4 KiB of which 100 bytes come: cut at the
		// server's read timeout, with no 200.
		head := "POST /webhooks/jivochat/" + f.jivoToken + " HTTP/1.1\r\nHost: selo\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n"
		line, took := rawExchange(t, p.base, head, bytes.Repeat([]byte(" "), 100))
		if strings.Contains(line, " 200 ") || took > server.ReadTimeout+5*time.Second {
			t.Errorf("slow body: %q after %v, want no 200 within %v", line, took, server.ReadTimeout+5*time.Second)
		}
		t.Logf("slow body: %q after %v", line, took)
	})

	cases := []struct {
		name   string
		url    string
		header http.Header
		body   []byte
		want   int
	}{
		{"JivoChat, wrong token", p.base + "/webhooks/jivochat/token-errado", nil, burstChat(1), http.StatusUnauthorized},
		{"JivoChat, no token", p.base + "/webhooks/jivochat", nil, burstChat(1), http.StatusUnauthorized},
		{"JivoChat, cut JSON", jivo, nil, burstChat(1)[:40], http.StatusBadRequest},
		{"JivoChat, not an event", jivo, nil, []byte(`{"hello":"world"}`), http.StatusBadRequest},
		{"JivoChat, empty", jivo, nil, nil, http.StatusBadRequest},
		{"JivoChat, 17 MiB", jivo, nil, bytes.Repeat([]byte(" "), 17<<20), http.StatusRequestEntityTooLarge},
		{"Clicksign, bad HMAC", cs, http.Header{clicksign.HeaderContentHmac: {clicksign.SignWebhook("outro", []byte(`{}`))}},
			[]byte(`{}`), http.StatusUnauthorized},
		{"Clicksign, good HMAC over a malformed body", cs,
			http.Header{clicksign.HeaderContentHmac: {clicksign.SignWebhook(f.secret, []byte(`{"event":`))}},
			[]byte(`{"event":`), http.StatusBadRequest},
		{"Clicksign, 2 MiB", cs, nil, bytes.Repeat([]byte(" "), 2<<20), http.StatusRequestEntityTooLarge},
	}
	for _, c := range cases {
		if st, reply := post(t, c.url, c.header, c.body); st != c.want {
			t.Errorf("%s: %d %s, want %d", c.name, st, reply, c.want)
		}
	}
	// A body over the limit announced by its Content-Length is refused
	// before it is read.
	line, _ := rawExchange(t, p.base, "POST /webhooks/jivochat/"+f.jivoToken+
		" HTTP/1.1\r\nHost: selo\r\nContent-Type: application/json\r\nContent-Length: 17825792\r\n\r\n", nil)
	if !strings.Contains(line, " 413 ") {
		t.Errorf("announced 17 MiB: %q, want 413", line)
	}
	wg.Wait()
	if got := f.stored(t); got != nothingStored {
		t.Fatalf("after the refused requests: %s, want %s", got, nothingStored)
	}
	// The server is still fine: a good event is stored.
	if st, reply := post(t, jivo, nil, burstChat(1)); st != http.StatusOK {
		t.Fatalf("a good event after the bad ones: %d %s", st, reply)
	}
}

// flood keeps n clients sending req until stop is closed, and counts the
// answers.
func flood(n int, stop <-chan struct{}, send func(*http.Client) int) (wait func() map[int]int) {
	var mu sync.Mutex
	counts := map[int]int{}
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			client := &http.Client{Timeout: 30 * time.Second}
			for {
				select {
				case <-stop:
					return
				default:
				}
				st := send(client)
				mu.Lock()
				counts[st]++
				mu.Unlock()
			}
		})
	}
	return func() map[int]int { wg.Wait(); return counts }
}

// slowBodies opens n JivoChat deliveries with the right token whose bodies
// trickle in a byte at a time, holding the route's slots.
func slowBodies(t *testing.T, base, token string, n int, stop <-chan struct{}) {
	for range n {
		go func() {
			c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
			if err != nil {
				return
			}
			defer c.Close()
			fmt.Fprintf(c, "POST /webhooks/jivochat/%s HTTP/1.1\r\nHost: selo\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n", token)
			tick := time.NewTicker(200 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-stop:
					return
				case <-tick.C:
					if _, err := c.Write([]byte(" ")); err != nil {
						return
					}
				}
			}
		}()
	}
}

// TestServerProcessFloodOnOneRouteLeavesTheOtherPrompt: while JivoChat's
// route is flooded (64 clients with wrong tokens and 40 slow bodies with the
// right one), Clicksign deliveries get their 200 within 1 s and are
// recorded; while Clicksign's route is flooded with bad signatures, JivoChat
// events get their 200 within 1 s and their leads are there. Neither flood
// takes the office database's connections: wrong tokens none, Clicksign
// no more than its gate's slots.
func TestServerProcessFloodOnOneRouteLeavesTheOtherPrompt(t *testing.T) {
	f := newServerFixture(t)
	p := startServerProcess(t, f)
	db, err := sqlstore.OpenPostgres(context.Background(), f.pg)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	within := func(what string, fn func() int) {
		t.Helper()
		start := time.Now()
		if st := fn(); st != http.StatusOK {
			t.Fatalf("%s during the flood: %d, want 200\n%s", what, st, p.logText())
		}
		if took := time.Since(start); took > time.Second {
			t.Fatalf("%s during the flood answered after %v, want within 1 s", what, took)
		} else {
			t.Logf("%s during the flood: 200 after %v", what, took)
		}
	}

	// At rest first, in this run: LISTEN, the sync lease, presence, a sync
	// pass or a token refresh now and then, and this test's own session.
	rest := peakConnections(t, db, time.Second)
	stop := make(chan struct{})
	slowBodies(t, p.base, f.jivoToken, 40, stop)
	badTokens := flood(64, stop, func(c *http.Client) int {
		return deliver(c, p.base+"/webhooks/jivochat/token-errado", burstChat(0))
	})
	// Wrong tokens cost the database nothing: while they pour in, the
	// server uses no more connections than at rest, give or take a sync
	// pass and a token refresh the rest window missed. Looking each token
	// up would fill the pool (server.PoolSize connections).
	if n := peakConnections(t, db, time.Second); n > rest+2 {
		t.Fatalf("a wrong-token flood took %d connections to the office database, want at most %d (%d at rest)", n, rest+2, rest)
	} else {
		t.Logf("connections to the office database during the wrong-token flood: at most %d (%d at rest)", n, rest)
	}
	cs := p.base + signing.WebhookPath(f.keyID)
	for i := range 5 {
		body := fmt.Appendf(nil, `{"event":{"name":"sign","occurred_at":"2026-12-07T04:0%d:00Z"},"document":{"key":"0b6f1c3e-8d2a-4f5b-9c7e-1a2b3c4d5e6f"}}`, i)
		within(fmt.Sprintf("Clicksign delivery %d", i), func() int {
			st, _ := post(t, cs, http.Header{clicksign.HeaderContentHmac: {clicksign.SignWebhook(f.secret, body)}}, body)
			return st
		})
	}
	if w, _, _ := db.Webhooks().Webhook(context.Background(), f.keyID); w.LastDeliveryAt.IsZero() {
		t.Fatal("the Clicksign deliveries answered 200 left no trace")
	}
	close(stop)
	counts := badTokens()
	t.Logf("wrong-token flood answers: %v", counts)
	if len(counts) != 1 || counts[http.StatusUnauthorized] == 0 {
		t.Fatalf("wrong-token flood answers %v, want only 401", counts)
	}

	stop = make(chan struct{})
	var sent atomic.Int64
	badHMAC := flood(64, stop, func(c *http.Client) int {
		body := []byte(`{"event":{"name":"sign"}}`)
		req, _ := http.NewRequest(http.MethodPost, cs, bytes.NewReader(body))
		req.Header.Set(clicksign.HeaderContentHmac, clicksign.SignWebhook("outro", body))
		sent.Add(1)
		resp, err := c.Do(req)
		if err != nil {
			return 0
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	})
	// Clicksign's gate keeps its flood to its slots; beside them stand the
	// sync lease, a sync pass and this test's sessions (4 at most).
	if n, most := peakConnections(t, db, time.Second), server.ClicksignGate.Slots+4; n > most {
		t.Fatalf("a bad-HMAC flood took %d connections to the office database, want at most %d", n, most)
	} else {
		t.Logf("connections to the office database during the bad-HMAC flood: at most %d", n)
	}
	jivo := p.base + "/webhooks/jivochat/" + f.jivoToken
	for i := range 5 {
		within(fmt.Sprintf("JivoChat event %d", i), func() int { return deliver(http.DefaultClient, jivo, burstChat(i)) })
	}
	close(stop)
	counts = badHMAC()
	t.Logf("bad-HMAC flood: %d sent, answers %v", sent.Load(), counts)
	if n := f.count(t, db, `SELECT COUNT(*) FROM leads`); n != 5 {
		t.Fatalf("%d leads after 5 events answered 200, want 5", n)
	}
}

// peakConnections samples, for d, how many sessions other than the
// sampler's own are open on the office database, and returns the most.
func peakConnections(t *testing.T, db *sqlstore.DB, d time.Duration) int {
	t.Helper()
	peak := 0
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		n := 0
		if err := db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM pg_stat_activity
			WHERE datname = current_database() AND pid <> pg_backend_pid()`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		peak = max(peak, n)
	}
	return peak
}
