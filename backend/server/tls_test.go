package server

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"selo/backend/inbound"
)

// testCA is a throwaway certificate authority for the static and pebble
// tests.
type testCA struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
	pool *x509.CertPool
}

func newTestCA(t *testing.T) *testCA {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Selo test CA"},
		NotBefore: time.Now().Add(-7 * 24 * time.Hour), NotAfter: time.Now().Add(365 * 24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(c)
	return &testCA{cert: c, key: key, pool: pool}
}

var serials struct {
	sync.Mutex
	n int64
}

// leaf issues a certificate for names (DNS names or IPs) valid until
// notAfter, and returns its PEM, its key's PEM and its serial.
func (ca *testCA) leaf(t *testing.T, notAfter time.Time, names ...string) (certPEM, keyPEM []byte, serial string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	serials.Lock()
	serials.n++
	sn := big.NewInt(1000 + serials.n)
	serials.Unlock()
	notBefore := time.Now().Add(-time.Hour)
	if notAfter.Before(notBefore) {
		notBefore = notAfter.Add(-48 * time.Hour)
	}
	tpl := &x509.Certificate{SerialNumber: sn, Subject: pkix.Name{CommonName: names[0]},
		NotBefore: notBefore, NotAfter: notAfter,
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	for _, n := range names {
		if ip := net.ParseIP(n); ip != nil {
			tpl.IPAddresses = append(tpl.IPAddresses, ip)
		} else {
			tpl.DNSNames = append(tpl.DNSNames, n)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kder}), sn.String()
}

// writePair replaces the pair's files the way certbot does: a new file
// renamed over the old one.
func writePair(t *testing.T, certFile, keyFile string, certPEM, keyPEM []byte) {
	t.Helper()
	for _, f := range []struct {
		path string
		b    []byte
	}{{certFile, certPEM}, {keyFile, keyPEM}} {
		tmp := f.path + ".new"
		if err := os.WriteFile(tmp, f.b, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, f.path); err != nil {
			t.Fatal(err)
		}
	}
}

// syncBuffer is a log sink the test reads while Run writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type yesTokens struct{}

func (yesTokens) Verify(context.Context, string) (bool, string) { return true, "gestor" }

func fakeOpen(context.Context, Config, Secrets) (Parts, error) {
	clicksign := func(context.Context, string, http.Header, []byte) (int, []byte) { return 200, []byte(`{}`) }
	return Parts{JivoChat: okJivo{}, Tokens: yesTokens{}, Clicksign: inbound.ClicksignFunc(clicksign),
		Ping: func(context.Context) error { return nil },
		Sync: func(ctx context.Context) { <-ctx.Done() }, Close: func(context.Context) {}}, nil
}

// startRun runs Run in the background; the returned stop ends it and
// returns its error.
func startRun(t *testing.T, c Config, o Options) (addr string, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	o.Open = fakeOpen
	o.Ready = func(a string) { ready <- a }
	go func() { done <- Run(ctx, c, o) }()
	select {
	case addr = <-ready:
	case err := <-done:
		cancel()
		t.Fatalf("Run: %v", err)
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatal("Run never got ready")
	}
	var once sync.Once
	var err error
	stop = func() error {
		once.Do(func() { cancel(); err = <-done })
		return err
	}
	t.Cleanup(func() { _ = stop() })
	return addr, stop
}

// httpsGet fetches path from addr as a client would reach serverName, trusting
// only roots, and returns the status, body and the served certificate's serial.
func httpsGet(t *testing.T, addr, serverName string, roots *x509.CertPool, method, path string) (int, string, string) {
	t.Helper()
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots, ServerName: serverName},
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, "tcp", addr)
		}}
	defer tr.CloseIdleConnections()
	cl := &http.Client{Transport: tr, Timeout: 20 * time.Second}
	var body *strings.Reader = strings.NewReader("")
	if method == http.MethodPost {
		body = strings.NewReader(`{"event_name":"chat_accepted"}`)
	}
	req, _ := http.NewRequest(method, "https://"+serverName+path, body)
	req.Header.Set("Content-Type", "application/json")
	resp, err := cl.Do(req)
	if err != nil {
		t.Fatalf("%s https://%s%s: %v", method, serverName, path, err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	_, _ = b.ReadFrom(resp.Body)
	return resp.StatusCode, b.String(), resp.TLS.PeerCertificates[0].SerialNumber.String()
}

func staticConfig(t *testing.T, certFile, keyFile string) Config {
	c := fakeConfig(t, DefaultListen)
	c.Web = Web{Mode: ModeStatic, Domain: "selo.test", HTTPSListen: "127.0.0.1:0", CertFile: certFile, KeyFile: keyFile}
	c = c.withDefaults()
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestStaticCertificateServesHTTPSAndReloadsWithoutRestart(t *testing.T) {
	ca := newTestCA(t)
	dir := t.TempDir()
	certFile, keyFile := filepath.Join(dir, "fullchain.pem"), filepath.Join(dir, "privkey.pem")
	c1, k1, s1 := ca.leaf(t, time.Now().Add(90*24*time.Hour), "selo.test")
	writePair(t, certFile, keyFile, c1, k1)
	logs := &syncBuffer{}
	// A long poll: only SIGHUP can make the first reloads happen.
	addr, stop := startRun(t, staticConfig(t, certFile, keyFile),
		Options{Log: slog.New(slog.NewTextHandler(logs, nil)), CertPoll: time.Hour})

	if st, body, serial := httpsGet(t, addr, "selo.test", ca.pool, http.MethodGet, "/health"); st != 200 || serial != s1 || !strings.Contains(body, `"database":true`) {
		t.Fatalf("health over HTTPS: %d %s serial %s, want 200 with %s", st, body, serial, s1)
	}
	if st, _, _ := httpsGet(t, addr, "selo.test", ca.pool, http.MethodPost, "/webhooks/jivochat/tok"); st != 200 {
		t.Fatalf("JivoChat webhook over HTTPS: %d", st)
	}

	// certbot renewed: systemctl reload sends SIGHUP; the next handshake
	// gets the new certificate from the same process.
	c2, k2, s2 := ca.leaf(t, time.Now().Add(90*24*time.Hour), "selo.test")
	writePair(t, certFile, keyFile, c2, k2)
	sendHUP(t)
	waitServed(t, addr, ca.pool, s2)

	// A bad new pair (the key of another certificate) is refused and
	// logged; the good one stays in service.
	c3, _, _ := ca.leaf(t, time.Now().Add(90*24*time.Hour), "selo.test")
	writePair(t, certFile, keyFile, c3, k2)
	sendHUP(t)
	for deadline := time.Now().Add(5 * time.Second); !strings.Contains(logs.String(), "previous one stays in service"); {
		if time.Now().After(deadline) {
			t.Fatalf("the bad pair was not reported; log:\n%s", logs)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if _, _, serial := httpsGet(t, addr, "selo.test", ca.pool, http.MethodGet, "/health"); serial != s2 {
		t.Fatalf("after a bad pair the server serves %s, want the previous %s", serial, s2)
	}
	// Nor does a certificate for another name replace it.
	c4, k4, _ := ca.leaf(t, time.Now().Add(90*24*time.Hour), "outro.test")
	writePair(t, certFile, keyFile, c4, k4)
	// Wait for its refusal to be logged, the second one, so the check
	// below runs after the reload rather than before it.
	sendHUP(t)
	for deadline := time.Now().Add(5 * time.Second); strings.Count(logs.String(), "previous one stays in service") < 2; {
		if time.Now().After(deadline) {
			t.Fatalf("the certificate for another name was not reported; log:\n%s", logs)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if _, _, serial := httpsGet(t, addr, "selo.test", ca.pool, http.MethodGet, "/health"); serial != s2 {
		t.Fatalf("a certificate for outro.test replaced %s (now %s)", s2, serial)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}

func TestStaticCertificateFilesAreWatched(t *testing.T) {
	ca := newTestCA(t)
	dir := t.TempDir()
	certFile, keyFile := filepath.Join(dir, "fullchain.pem"), filepath.Join(dir, "privkey.pem")
	c1, k1, s1 := ca.leaf(t, time.Now().Add(90*24*time.Hour), "selo.test")
	writePair(t, certFile, keyFile, c1, k1)
	addr, _ := startRun(t, staticConfig(t, certFile, keyFile), Options{CertPoll: 20 * time.Millisecond})
	if _, _, serial := httpsGet(t, addr, "selo.test", ca.pool, http.MethodGet, "/health"); serial != s1 {
		t.Fatalf("serial %s, want %s", serial, s1)
	}
	c2, k2, s2 := ca.leaf(t, time.Now().Add(90*24*time.Hour), "selo.test")
	writePair(t, certFile, keyFile, c2, k2)
	waitServed(t, addr, ca.pool, s2)
}

func waitServed(t *testing.T, addr string, roots *x509.CertPool, serial string) {
	t.Helper()
	var got string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if _, _, got = httpsGet(t, addr, "selo.test", roots, http.MethodGet, "/health"); got == serial {
			return
		}
	}
	t.Fatalf("the server still serves certificate %s, want the new %s", got, serial)
}

func TestStaticStartRefusesABadPairByField(t *testing.T) {
	ca := newTestCA(t)
	dir := t.TempDir()
	certFile, keyFile := filepath.Join(dir, "c.pem"), filepath.Join(dir, "k.pem")
	c1, _, _ := ca.leaf(t, time.Now().Add(90*24*time.Hour), "selo.test")
	_, k2, _ := ca.leaf(t, time.Now().Add(90*24*time.Hour), "selo.test")
	writePair(t, certFile, keyFile, c1, k2)
	err := Run(context.Background(), staticConfig(t, certFile, keyFile), Options{Open: fakeOpen})
	var p *Problem
	if !errors.As(err, &p) || p.Field != "web.key_file" {
		t.Fatalf("mismatched key: %v", err)
	}
	err = Run(context.Background(), staticConfig(t, filepath.Join(dir, "none.pem"), keyFile), Options{Open: fakeOpen})
	if !errors.As(err, &p) || p.Field != "web.cert_file" || !strings.Contains(p.PT, "não existe") {
		t.Fatalf("missing certificate: %v", err)
	}
}

func TestStaticPlainListenerRedirectsBrowsersAndRefusesWebhooks(t *testing.T) {
	ca := newTestCA(t)
	dir := t.TempDir()
	certFile, keyFile := filepath.Join(dir, "c.pem"), filepath.Join(dir, "k.pem")
	c1, k1, _ := ca.leaf(t, time.Now().Add(90*24*time.Hour), "selo.test")
	writePair(t, certFile, keyFile, c1, k1)
	c := staticConfig(t, certFile, keyFile)
	plain := freeAddr(t)
	c.Web.HTTPListen = plain
	startRun(t, c, Options{})
	cl := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := cl.Get("http://" + plain + "/health?x=1")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "https://selo.test/health?x=1" {
		t.Fatalf("GET over http: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, err = cl.Post("http://"+plain+"/webhooks/jivochat/tok", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Location") != "" {
		t.Fatalf("POST over http: %d %q, want 400 and no redirect", resp.StatusCode, resp.Header.Get("Location"))
	}
	// An opaque request target, which no browser sends, must not steer
	// the Location to another host (https://selo.test@evil.example).
	conn, err := net.Dial("tcp", plain)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprint(conn, "GET http:@evil.example HTTP/1.1\r\nHost: selo.test\r\nConnection: close\r\n\r\n")
	raw, _ := io.ReadAll(conn)
	if strings.Contains(string(raw), "evil.example") || !strings.HasPrefix(string(raw), "HTTP/1.1 400") {
		t.Fatalf("opaque target: %q", raw)
	}
}

// freeAddr is a loopback address nobody listens on right now.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func TestCheckTLSStaticNamesWhatIsWrong(t *testing.T) {
	ca := newTestCA(t)
	dir := t.TempDir()
	now := time.Now()
	write := func(name string, certPEM, keyPEM []byte) Config {
		cf, kf := filepath.Join(dir, name+".crt"), filepath.Join(dir, name+".key")
		writePair(t, cf, kf, certPEM, keyPEM)
		return staticConfig(t, cf, kf)
	}
	good, goodKey, _ := ca.leaf(t, now.Add(60*24*time.Hour), "selo.test")
	expired, expiredKey, _ := ca.leaf(t, now.Add(-24*time.Hour), "selo.test")
	soon, soonKey, _ := ca.leaf(t, now.Add(10*24*time.Hour), "selo.test")
	other, otherKey, _ := ca.leaf(t, now.Add(60*24*time.Hour), "outro.test", "www.outro.test")
	for _, c := range []struct {
		name, field, text string
		cfg               Config
	}{
		{"expired", "web.cert_file", "venceu em", write("expired", expired, expiredKey)},
		{"another name", "web.cert_file", "outro.test, www.outro.test, não de selo.test", write("other", other, otherKey)},
		{"key of another certificate", "web.key_file", "não formam um par", write("mismatch", good, otherKey)},
	} {
		var out bytes.Buffer
		err := CheckTLS(context.Background(), c.cfg, now, nil, &out)
		var p *Problem
		if !errors.As(err, &p) || p.Field != c.field || !strings.Contains(p.PT, c.text) || p.EN == "" {
			t.Errorf("%s: %v, want %s saying %q", c.name, err, c.field, c.text)
		}
	}
	var out bytes.Buffer
	if err := CheckTLS(context.Background(), write("soon", soon, soonKey), now, nil, &out); err != nil || !strings.Contains(out.String(), "aviso: o certificado de selo.test vence em") {
		t.Fatalf("expiring in 10 days: %v %q", err, out.String())
	}
	out.Reset()
	if err := CheckTLS(context.Background(), write("good", good, goodKey), now, nil, &out); err != nil ||
		strings.Contains(out.String(), "aviso") || !strings.Contains(out.String(), "ok: HTTPS") {
		t.Fatalf("good pair: %v %q", err, out.String())
	}
}

func TestCheckTLSACMEAndProxy(t *testing.T) {
	dirSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/dir" {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write([]byte(`{"newOrder":"https://ca/new-order"}`))
	}))
	defer dirSrv.Close()
	c := fakeConfig(t, DefaultListen)
	c.Web = Web{Mode: ModeACME, Domain: "selo.test", ACMEDirectory: dirSrv.URL + "/dir", StateDir: t.TempDir()}
	c = c.withDefaults()
	var out bytes.Buffer
	if err := CheckTLS(context.Background(), c, time.Now(), dirSrv.Client(), &out); err != nil ||
		!strings.Contains(out.String(), "portas 80 (:80) e 443 (:443) devem ser alcançáveis da internet") {
		t.Fatalf("acme: %v %q", err, out.String())
	}
	var p *Problem
	bad := c
	bad.Web.ACMEDirectory = dirSrv.URL + "/nada"
	if err := CheckTLS(context.Background(), bad, time.Now(), dirSrv.Client(), &out); !errors.As(err, &p) || p.Field != "web.acme_directory" {
		t.Fatalf("a directory that is not there: %v", err)
	}
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	bad = c
	bad.Web.StateDir = filepath.Join(file, "state") // under a file: never writable
	if err := CheckTLS(context.Background(), bad, time.Now(), dirSrv.Client(), &out); !errors.As(err, &p) || p.Field != "web.state_dir" {
		t.Fatalf("unwritable state dir: %v", err)
	}
	// A fresh install: systemd has not created state_dir yet. --check
	// says so, passes, and creates nothing.
	out.Reset()
	fresh := c
	fresh.Web.StateDir = filepath.Join(t.TempDir(), "selo-server")
	if err := CheckTLS(context.Background(), fresh, time.Now(), dirSrv.Client(), &out); err != nil ||
		!strings.Contains(out.String(), "StateDirectory=selo-server") {
		t.Fatalf("fresh install: %v %q", err, out.String())
	}
	if _, err := os.Stat(fresh.Web.StateDir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("--check created %s: %v", fresh.Web.StateDir, err)
	}
	out.Reset()
	proxy := fakeConfig(t, DefaultListen).withDefaults()
	if err := CheckTLS(context.Background(), proxy, time.Now(), nil, &out); err != nil || !strings.Contains(out.String(), "atrás do seu proxy reverso") {
		t.Fatalf("proxy: %v %q", err, out.String())
	}
}

func TestWebModesValidateByField(t *testing.T) {
	dir := t.TempDir()
	const db = "[database]\nhost = \"db\"\ndatabase = \"selo\"\nuser = \"selo\"\n"
	cases := []struct{ toml, field string }{
		{"[web]\nmode = \"https\"\n", "web.mode"},
		{"[web]\nmode = \"acme\"\n", "web.domain"},
		{"[web]\nmode = \"acme\"\ndomain = \"localhost\"\n", "web.domain"},
		{"[web]\nmode = \"acme\"\ndomain = \"https://selo.imobiliaria.com.br\"\n", "web.domain"},
		{"[web]\nmode = \"acme\"\ndomain = \"10.0.0.1\"\n", "web.domain"},
		{"[web]\nmode = \"acme\"\ndomain = \"selo.test\"\nacme_directory = \"http://ca/dir\"\n", "web.acme_directory"},
		{"[web]\nmode = \"acme\"\ndomain = \"selo.test\"\nacme_email = \"ti\"\n", "web.acme_email"},
		{"[web]\nmode = \"acme\"\ndomain = \"selo.test\"\nstate_dir = \"selo\"\n", "web.state_dir"},
		{"[web]\nmode = \"acme\"\ndomain = \"selo.test\"\nhttps_listen = \"443\"\n", "web.https_listen"},
		{"[web]\nmode = \"acme\"\ndomain = \"selo.test\"\nhttp_listen = \"porta80\"\n", "web.http_listen"},
		{"[web]\nmode = \"static\"\ndomain = \"selo.test\"\nkey_file = \"/k\"\n", "web.cert_file"},
		{"[web]\nmode = \"static\"\ndomain = \"selo.test\"\ncert_file = \"/c\"\n", "web.key_file"},
		{"[web]\nmode = \"proxy\"\nlisten = \"0.0.0.0:38410\"\n", "web.listen"},
		// Loads but cannot work: the certificate is only for domain, and
		// two listeners cannot share a port.
		{"[web]\nmode = \"acme\"\ndomain = \"selo.imobiliaria.com.br\"\npublic_url = \"https://www.imobiliaria.com.br\"\n", "web.public_url"},
		{"[web]\nmode = \"static\"\ndomain = \"selo.test\"\ncert_file = \"/c\"\nkey_file = \"/k\"\npublic_url = \"https://outro.test\"\n", "web.public_url"},
		{"[web]\nmode = \"acme\"\ndomain = \"selo.test\"\nhttps_listen = \":8443\"\nhttp_listen = \"127.0.0.1:8443\"\n", "web.http_listen"},
	}
	for _, c := range cases {
		p := writeFile(t, dir, "s.toml", db+c.toml, 0o644)
		_, err := Load(p)
		var pr *Problem
		if !errors.As(err, &pr) || pr.Field != c.field || pr.PT == "" || pr.EN == "" {
			t.Errorf("%q: got %v, want a problem on %s", c.toml, err, c.field)
		}
	}
	p := writeFile(t, dir, "acme.toml", db+"[web]\nmode = \"acme\"\ndomain = \"Selo.Imobiliaria.com.br.\"\n", 0o644)
	c, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	w := c.Web
	if w.Domain != "selo.imobiliaria.com.br" || w.PublicURL != "https://selo.imobiliaria.com.br" || w.HTTPSListen != ":443" ||
		w.HTTPListen != ":80" || w.StateDir != DefaultStateDir || w.ACMEDirectory != DefaultACMEDirectory {
		t.Fatalf("acme defaults: %+v", w)
	}
	p = writeFile(t, dir, "static.toml", db+"[web]\nmode = \"static\"\ndomain = \"selo.test\"\ncert_file = \"/c\"\nkey_file = \"/k\"\n", 0o644)
	if c, err = Load(p); err != nil || c.Web.HTTPListen != "" || c.Web.HTTPSListen != ":443" || c.Web.PublicURL != "https://selo.test" {
		t.Fatalf("static defaults: %+v %v", c.Web, err)
	}
}

func TestSIGHUPNeverStopsTheServer(t *testing.T) {
	// systemctl reload sends SIGHUP whatever the mode; uncaught, it would
	// end the process (and this test binary with it).
	logs := &syncBuffer{}
	addr, stop := startRun(t, fakeConfig(t, "127.0.0.1:0"), Options{Log: slog.New(slog.NewTextHandler(logs, nil))})
	sendHUP(t)
	for deadline := time.Now().Add(5 * time.Second); !strings.Contains(logs.String(), "SIGHUP"); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("SIGHUP not seen; log:\n%s", logs)
		}
	}
	resp, err := http.Get("http://" + addr + "/health")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if err := stop(); err != nil || resp.StatusCode != 200 {
		t.Fatalf("after SIGHUP: %d %v", resp.StatusCode, err)
	}
}

func TestHTTPSKeepsTheDesktopListenersBodyLimit(t *testing.T) {
	ca := newTestCA(t)
	dir := t.TempDir()
	certFile, keyFile := filepath.Join(dir, "c.pem"), filepath.Join(dir, "k.pem")
	c1, k1, _ := ca.leaf(t, time.Now().Add(90*24*time.Hour), "selo.test")
	writePair(t, certFile, keyFile, c1, k1)
	addr, _ := startRun(t, staticConfig(t, certFile, keyFile), Options{})
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: ca.pool, ServerName: "selo.test"}}
	defer tr.CloseIdleConnections()
	post := func(n int) int {
		req, _ := http.NewRequest(http.MethodPost, "https://"+addr+"/webhooks/clicksign/1", bytes.NewReader(bytes.Repeat([]byte("a"), n)))
		req.Header.Set("Content-Type", "application/json")
		resp, err := (&http.Client{Transport: tr}).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if st := post(1000); st != 200 {
		t.Fatalf("a small Clicksign event over HTTPS: %d", st)
	}
	if st := post(inbound.DefaultClicksignBodyLimit + 1); st != http.StatusRequestEntityTooLarge {
		t.Fatalf("a Clicksign body over the limit over HTTPS: %d, want 413", st)
	}
}

func TestACMEListenProblemsNameTheField(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	c := fakeConfig(t, DefaultListen)
	c.Web = Web{Mode: ModeACME, Domain: "selo.test", StateDir: t.TempDir(), ACMEDirectory: "https://127.0.0.1:1/dir"}
	c = c.withDefaults()
	var p *Problem
	for field, set := range map[string]func(*Web){
		"web.https_listen": func(w *Web) { w.HTTPSListen, w.HTTPListen = busy.Addr().String(), freeAddr(t) },
		"web.http_listen":  func(w *Web) { w.HTTPSListen, w.HTTPListen = freeAddr(t), busy.Addr().String() },
	} {
		cc := c
		set(&cc.Web)
		if err := Run(context.Background(), cc, Options{Open: fakeOpen}); !errors.As(err, &p) || p.Field != field {
			t.Errorf("%s in use: %v", field, err)
		}
	}
}
