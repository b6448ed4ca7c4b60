package server

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// pebble is Let's Encrypt's test CA (Debian package pebble) run for one
// test, with its fake DNS answering 127.0.0.1 for every name.
type pebble struct {
	dirURL string
	client *http.Client // trusts pebble's own HTTPS
	roots  *x509.CertPool
	// orders counts new-order requests Selo's ACME client made.
	orders atomic.Int64
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// countingTransport counts the ACME client's POSTs to the new-order URL.
type countingTransport struct {
	next     http.RoundTripper
	newOrder func() string
	n        *atomic.Int64
}

func (c countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method == http.MethodPost && r.URL.String() == c.newOrder() {
		c.n.Add(1)
	}
	return c.next.RoundTrip(r)
}

// startPebble runs pebble and pebble-challtestsrv; httpPort and tlsPort
// are where pebble validates challenges, so Selo listens there.
func startPebble(t *testing.T, httpPort, tlsPort int) *pebble {
	t.Helper()
	for _, bin := range []string{"pebble", "pebble-challtestsrv"} {
		if _, err := exec.LookPath(bin); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is missing: install the Debian package pebble (build/scripts/deps.sh test)", bin)
			}
			t.Skipf("%s is missing (Debian package pebble); skipped outside CI", bin)
		}
	}
	dir := t.TempDir()
	ca := newTestCA(t)
	certPEM, keyPEM, _ := ca.leaf(t, time.Now().Add(24*time.Hour), "127.0.0.1", "localhost")
	certFile, keyFile := filepath.Join(dir, "pebble.crt"), filepath.Join(dir, "pebble.key")
	writePair(t, certFile, keyFile, certPEM, keyPEM)
	acmePort, mgmtPort, dnsPort, challMgmt := freePort(t), freePort(t), freePort(t), freePort(t)
	cfg := map[string]any{"pebble": map[string]any{
		"listenAddress":           fmt.Sprintf("127.0.0.1:%d", acmePort),
		"managementListenAddress": fmt.Sprintf("127.0.0.1:%d", mgmtPort),
		"certificate":             certFile, "privateKey": keyFile,
		"httpPort": httpPort, "tlsPort": tlsPort,
		"ocspResponderURL": "", "externalAccountBindingRequired": false,
	}}
	b, _ := json.Marshal(cfg)
	cfgFile := filepath.Join(dir, "pebble.json")
	if err := os.WriteFile(cfgFile, b, 0o600); err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	run := func(env []string, name string, args ...string) {
		cmd := exec.Command(name, args...)
		cmd.Env = append(os.Environ(), env...)
		cmd.Stdout, cmd.Stderr = logs, logs
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			if t.Failed() {
				t.Logf("pebble's output:\n%s", logs)
			}
		})
	}
	run(nil, "pebble-challtestsrv", "-dns01", fmt.Sprintf("127.0.0.1:%d", dnsPort), "-http01", "", "-https01", "", "-tlsalpn01", "",
		"-management", fmt.Sprintf("127.0.0.1:%d", challMgmt), "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "")
	run([]string{"PEBBLE_VA_NOSLEEP=1", "PEBBLE_WFE_NONCEREJECT=0"}, "pebble", "-config", cfgFile, "-strict=false",
		"-dnsserver", fmt.Sprintf("127.0.0.1:%d", dnsPort))

	p := &pebble{dirURL: fmt.Sprintf("https://127.0.0.1:%d/dir", acmePort)}
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: ca.pool}}
	t.Cleanup(tr.CloseIdleConnections)
	var newOrder atomic.Value
	newOrder.Store("")
	p.client = &http.Client{Timeout: 30 * time.Second,
		Transport: countingTransport{next: tr, n: &p.orders, newOrder: func() string { return newOrder.Load().(string) }}}
	var dirBody struct {
		NewOrder string `json:"newOrder"`
	}
	get := func(url string) ([]byte, error) {
		resp, err := p.client.Get(url)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		if resp.StatusCode != 200 {
			return nil, fmt.Errorf("%s", resp.Status)
		}
		return io.ReadAll(resp.Body)
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		b, err := get(p.dirURL)
		if err == nil && json.Unmarshal(b, &dirBody) == nil && dirBody.NewOrder != "" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("pebble did not answer at %s: %v\n%s", p.dirURL, err, logs)
		}
		time.Sleep(50 * time.Millisecond)
	}
	newOrder.Store(dirBody.NewOrder)
	root, err := get(fmt.Sprintf("https://127.0.0.1:%d/roots/0", mgmtPort))
	if err != nil {
		t.Fatalf("pebble's root: %v", err)
	}
	p.roots = x509.NewCertPool()
	if !p.roots.AppendCertsFromPEM(root) {
		t.Fatalf("pebble's root is not PEM: %q", root)
	}
	return p
}

func TestACMEObtainsACertificateFromPebbleAndReusesItAfterARestart(t *testing.T) {
	httpPort, tlsPort := freePort(t), freePort(t)
	pb := startPebble(t, httpPort, tlsPort)
	c := fakeConfig(t, DefaultListen)
	c.Web = Web{Mode: ModeACME, Domain: "selo.test", ACMEDirectory: pb.dirURL, ACMEEmail: "ti@selo.test",
		HTTPSListen: fmt.Sprintf("127.0.0.1:%d", tlsPort), HTTPListen: fmt.Sprintf("127.0.0.1:%d", httpPort),
		StateDir: t.TempDir()}
	c = c.withDefaults()
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := CheckTLS(context.Background(), c, time.Now(), pb.client, &out); err != nil {
		t.Fatalf("--check against pebble: %v", err)
	}

	// The client trusts pebble's root alone and checks the name selo.test.
	addr, stop := startRun(t, c, Options{ACMEClient: pb.client, Version: "9"})
	st, body, serial := httpsGet(t, addr, "selo.test", pb.roots, http.MethodGet, "/health")
	if st != 200 || !strings.Contains(body, `"version":"9"`) {
		t.Fatalf("health over ACME HTTPS: %d %s", st, body)
	}
	if st, body, _ := httpsGet(t, addr, "selo.test", pb.roots, http.MethodPost, "/webhooks/jivochat/tok"); st != 200 {
		t.Fatalf("JivoChat webhook over ACME HTTPS: %d %s", st, body)
	}
	if n := pb.orders.Load(); n != 1 {
		t.Fatalf("%d orders for one domain, want 1", n)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}

	// A restart finds the certificate in state_dir: no new order. autocert
	// (rightly) takes a certificate whose NotBefore is still ahead of the
	// clock for none; pebble stamps NotBefore at issuance, and this restart
	// may come within that same second, which a real one never does.
	waitValidFrom(t, filepath.Join(c.Web.StateDir, "acme", "selo.test"))
	addr, stop = startRun(t, c, Options{ACMEClient: pb.client})
	_, _, again := httpsGet(t, addr, "selo.test", pb.roots, http.MethodGet, "/health")
	if again != serial {
		t.Fatalf("after a restart the certificate is %s, want the cached %s", again, serial)
	}
	// Leave the warm-up time to ask pebble, should it wrongly try.
	time.Sleep(300 * time.Millisecond)
	if n := pb.orders.Load(); n != 1 {
		t.Fatalf("a restart made %d orders in all, want still 1", n)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(c.Web.StateDir, "acme", "selo.test")); err != nil {
		t.Fatalf("the certificate is not cached under state_dir: %v", err)
	}
}

// alpnDeadEnd listens where pebble validates tls-alpn-01 and fails every
// handshake, recording how many of them asked for acme-tls/1: autocert
// tries tls-alpn-01 first, so only then can a certificate come from http-01.
func alpnDeadEnd(t *testing.T) (port int, alpnTries *atomic.Int64) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	alpnTries = &atomic.Int64{}
	refuse := &tls.Config{GetConfigForClient: func(hello *tls.ClientHelloInfo) (*tls.Config, error) {
		for _, p := range hello.SupportedProtos {
			if p == "acme-tls/1" {
				alpnTries.Add(1)
			}
		}
		return nil, fmt.Errorf("no tls-alpn-01 here")
	}}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				_ = c.SetDeadline(time.Now().Add(5 * time.Second))
				_ = tls.Server(c, refuse).Handshake()
			}()
		}
	}()
	return ln.Addr().(*net.TCPAddr).Port, alpnTries
}

// portForward stands in for the router's port 80 in front of Selo's plain
// listener at target. pebble, unlike a real CA, validates http-01 on a
// port other than 80 and so sends Host: selo.test:PORT, which autocert's
// HostWhitelist refuses; the relay sends the Host a CA sends on port 80.
// answered counts the challenge answers Selo gave: 200 and a body that is
// the key authorization of the token asked for (token + "." + thumbprint).
func portForward(t *testing.T, host, target string) (port int, answered *atomic.Int64) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	answered = &atomic.Int64{}
	rp := &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			r.Out.URL.Scheme, r.Out.URL.Host, r.Out.Host = "http", target, host
		},
		ModifyResponse: func(resp *http.Response) error {
			const prefix = "/.well-known/acme-challenge/"
			path := resp.Request.URL.Path
			if !strings.HasPrefix(path, prefix) {
				return nil
			}
			b, err := io.ReadAll(io.LimitReader(resp.Body, 4096))
			resp.Body.Close()
			if err != nil {
				return err
			}
			resp.Body = io.NopCloser(bytes.NewReader(b))
			token := strings.TrimPrefix(path, prefix)
			if resp.StatusCode == http.StatusOK && token != "" && strings.HasPrefix(string(b), token+".") {
				answered.Add(1)
			}
			return nil
		},
	}
	srv := &http.Server{Handler: rp, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().(*net.TCPAddr).Port, answered
}

func TestACMEFallsBackToHTTP01OnThePlainListenerWhenTLSALPN01Fails(t *testing.T) {
	seloHTTP, seloHTTPS := freePort(t), freePort(t)
	alpnPort, alpnTries := alpnDeadEnd(t)
	httpPort, answered := portForward(t, "selo.test", fmt.Sprintf("127.0.0.1:%d", seloHTTP))
	// pebble validates tls-alpn-01 at the dead end, never at Selo's HTTPS
	// listener, and http-01 through the port forward at Selo's plain
	// listener: a certificate can only come from http-01.
	pb := startPebble(t, httpPort, alpnPort)
	c := fakeConfig(t, DefaultListen)
	c.Web = Web{Mode: ModeACME, Domain: "selo.test", ACMEDirectory: pb.dirURL, ACMEEmail: "ti@selo.test",
		HTTPSListen: fmt.Sprintf("127.0.0.1:%d", seloHTTPS), HTTPListen: fmt.Sprintf("127.0.0.1:%d", seloHTTP),
		StateDir: t.TempDir()}
	c = c.withDefaults()
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}

	addr, stop := startRun(t, c, Options{ACMEClient: pb.client, Version: "9"})
	// The client trusts pebble's root alone and checks the name selo.test.
	st, body, _ := httpsGet(t, addr, "selo.test", pb.roots, http.MethodGet, "/health")
	if st != 200 || !strings.Contains(body, `"version":"9"`) {
		t.Fatalf("health over ACME HTTPS: %d %s", st, body)
	}
	if n := alpnTries.Load(); n == 0 {
		t.Fatal("pebble never tried tls-alpn-01 at the dead end, so autocert's fallback to http-01 was not exercised")
	}
	if n := answered.Load(); n == 0 {
		t.Fatal("Selo's plain listener never answered an http-01 challenge with its key authorization")
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}

// waitValidFrom waits until the cached certificate in file is valid by the
// clock (its NotBefore passed), as autocert requires of a cached one.
func waitValidFrom(t *testing.T, file string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("no cached certificate: %v", err)
	}
	for len(data) > 0 {
		var b *pem.Block
		if b, data = pem.Decode(data); b == nil {
			break
		}
		if b.Type != "CERTIFICATE" {
			continue
		}
		leaf, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			t.Fatal(err)
		}
		if d := time.Until(leaf.NotBefore); d > -time.Second {
			time.Sleep(d + time.Second)
		}
		return
	}
	t.Fatalf("no certificate in %s", file)
}
