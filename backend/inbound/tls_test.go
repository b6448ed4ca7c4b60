package inbound

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// The headless server hands the listener a bound socket and a TLS config;
// the routes, token check and limits are the desktop's.
func TestGivenListenerServesHTTPS(t *testing.T) {
	// httptest's certificate covers 127.0.0.1 and example.com.
	ts := httptest.NewTLSServer(nil)
	defer ts.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	logs := &lockedBuffer{}
	f := newFixture(t, func(c *Config) {
		c.Listener = ln
		c.TLS = &tls.Config{Certificates: ts.TLS.Certificates}
		c.Logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
	})
	f.start(t)
	if got := f.srv.Status().Addr; got != ln.Addr().String() {
		t.Fatalf("listening on %s, want the given %s", got, ln.Addr())
	}
	roots := x509.NewCertPool()
	roots.AddCert(ts.Certificate())
	f.client = &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots}}}
	f.url = "https://" + ln.Addr().String()
	if status, reply := f.post(t, "/webhooks/jivochat/"+testToken, "application/json", readRef(t, "chat_accepted")); status != 200 {
		t.Fatalf("JivoChat over HTTPS: %d %s", status, reply)
	}
	if status, _ := f.post(t, "/webhooks/jivochat/wrong", "application/json", readRef(t, "chat_accepted")); status != 401 {
		t.Fatalf("a wrong token over HTTPS: %d", status)
	}
	// Plain HTTP on the TLS port is not served.
	if resp, err := http.Get("http://" + ln.Addr().String() + "/health"); err == nil {
		resp.Body.Close()
		if resp.StatusCode == 200 {
			t.Fatal("plain HTTP answered on the TLS listener")
		}
	}
	// Internet scanners fail handshakes all day on a public port: net/http
	// reports each one, and they stay out of the journal's warnings.
	for i := 0; i < 3; i++ {
		if c, err := net.Dial("tcp", ln.Addr().String()); err == nil {
			_, _ = c.Write([]byte("\x16\x03\x01\x00\x05hello"))
			_, _ = c.Read(make([]byte, 64))
			c.Close()
		}
	}
	time.Sleep(100 * time.Millisecond) // net/http logs after the handshake fails
	if strings.Contains(logs.String(), "handshake") {
		t.Fatalf("failed handshakes logged as warnings:\n%s", logs)
	}
}

// lockedBuffer is a log sink the server's goroutines write concurrently.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
