package inbound

import (
	"crypto/tls"
	"crypto/x509"
	"net"
	"net/http"
	"net/http/httptest"
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
	f := newFixture(t, func(c *Config) {
		c.Listener = ln
		c.TLS = &tls.Config{Certificates: ts.TLS.Certificates}
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
}
