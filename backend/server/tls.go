package server

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/crypto/acme"
	"golang.org/x/crypto/acme/autocert"
)

// expiryWarning is how close to its end a static certificate makes
// --check warn: certbot renews at 30 days, so 14 means renewal is failing.
const expiryWarning = 14 * 24 * time.Hour

// DefaultCertPoll is how often a static certificate's files are looked at
// for a change (SIGHUP reloads at once).
const DefaultCertPoll = time.Minute

// pemPair reads and parses a static pair and checks that it covers domain.
// The problem names the field to fix.
func pemPair(w Web) (*tls.Certificate, error) {
	if _, err := os.Stat(w.CertFile); err != nil {
		return nil, unreadable("web.cert_file", w.CertFile, err)
	}
	if _, err := os.Stat(w.KeyFile); err != nil {
		return nil, unreadable("web.key_file", w.KeyFile, err)
	}
	pair, err := tls.LoadX509KeyPair(w.CertFile, w.KeyFile)
	if err != nil {
		// Which file is wrong is not always knowable: say both, and why.
		return nil, problem("web.key_file", "o certificado "+w.CertFile+" e a chave "+w.KeyFile+" não formam um par válido (PEM ilegível ou chave de outro certificado): "+err.Error(),
			"the certificate "+w.CertFile+" and the key "+w.KeyFile+" are not a valid pair (unreadable PEM or the key of another certificate): "+err.Error())
	}
	leaf := pair.Leaf
	if leaf == nil {
		if leaf, err = x509.ParseCertificate(pair.Certificate[0]); err != nil {
			return nil, problem("web.cert_file", "o certificado "+w.CertFile+" não pôde ser lido: "+err.Error(),
				"the certificate "+w.CertFile+" cannot be parsed: "+err.Error())
		}
		pair.Leaf = leaf
	}
	if err := leaf.VerifyHostname(w.Domain); err != nil {
		names := strings.Join(leaf.DNSNames, ", ")
		if names == "" {
			names = leaf.Subject.CommonName
		}
		return nil, problem("web.cert_file", "o certificado "+w.CertFile+" é de "+names+", não de "+w.Domain+" (web.domain)",
			"the certificate "+w.CertFile+" is for "+names+", not "+w.Domain+" (web.domain)")
	}
	return &pair, nil
}

// staticCert serves ModeStatic's pair and swaps it for a new one on
// reload; a bad new pair leaves the old one in service.
type staticCert struct {
	web Web
	log *slog.Logger

	mu    sync.RWMutex
	cert  *tls.Certificate
	stamp string // the files' sizes and times when cert was read
}

func newStaticCert(w Web, log *slog.Logger) (*staticCert, error) {
	s := &staticCert{web: w, log: log}
	stamp := s.fileStamp()
	c, err := pemPair(w)
	if err != nil {
		return nil, err
	}
	s.cert, s.stamp = c, stamp
	s.warnExpiry(c.Leaf)
	return s, nil
}

// fileStamp changes whenever either file is replaced or rewritten.
func (s *staticCert) fileStamp() string {
	var b strings.Builder
	for _, f := range []string{s.web.CertFile, s.web.KeyFile} {
		if st, err := os.Stat(f); err == nil {
			fmt.Fprintf(&b, "%d/%d;", st.Size(), st.ModTime().UnixNano())
		} else {
			b.WriteString("-;")
		}
	}
	return b.String()
}

func (s *staticCert) warnExpiry(leaf *x509.Certificate) {
	if left := time.Until(leaf.NotAfter); left < 0 {
		s.log.Error("the TLS certificate has expired: renew it and reload (systemctl reload selo-server)",
			"file", s.web.CertFile, "not_after", leaf.NotAfter.UTC())
	} else if left < expiryWarning {
		s.log.Warn("the TLS certificate expires soon: check its renewal", "file", s.web.CertFile, "not_after", leaf.NotAfter.UTC())
	}
}

// reload reads the files again; a bad pair is logged and the old kept.
func (s *staticCert) reload() {
	stamp := s.fileStamp()
	c, err := pemPair(s.web)
	if err != nil {
		s.log.Error("the new TLS certificate was refused; the previous one stays in service", "problem", err.Error())
		s.mu.Lock()
		s.stamp = stamp // do not retry the same bad files every poll
		s.mu.Unlock()
		return
	}
	s.mu.Lock()
	s.cert, s.stamp = c, stamp
	s.mu.Unlock()
	s.log.Info("TLS certificate loaded", "file", s.web.CertFile, "not_after", c.Leaf.NotAfter.UTC())
	s.warnExpiry(c.Leaf)
}

// reloadSignals catches SIGHUP (systemctl reload) for the life of ctx, so
// a reload never kills the server, whatever its mode; it is caught before
// this returns, so one sent right after start is not lost either.
func reloadSignals(ctx context.Context) <-chan os.Signal {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	go func() {
		<-ctx.Done()
		signal.Stop(hup)
	}()
	return hup
}

// watch reloads on hup and when the files change, until ctx ends.
func (s *staticCert) watch(ctx context.Context, every time.Duration, hup <-chan os.Signal) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-hup:
			s.reload()
		case <-t.C:
			s.mu.RLock()
			same := s.stamp == s.fileStamp()
			s.mu.RUnlock()
			if !same {
				s.reload()
			}
		}
	}
}

func (s *staticCert) getCertificate(*tls.ClientHelloInfo) (*tls.Certificate, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.cert, nil
}

// acmeManager builds the autocert manager of ModeACME: one domain, its
// state under state_dir, so a restart reuses the account and certificate.
// The returned acmeWork is what Run waits for before it exits; the
// manager's GetCertificate must be called through it.
func acmeManager(w Web, client *http.Client, version string) (*autocert.Manager, *acmeWork, error) {
	dir := filepath.Join(w.StateDir, "acme")
	if err := writableDir(dir); err != nil {
		return nil, nil, err
	}
	work := &acmeWork{}
	m := &autocert.Manager{
		Prompt:     autocert.AcceptTOS,
		Cache:      trackedCache{Cache: autocert.DirCache(dir), work: work},
		HostPolicy: autocert.HostWhitelist(w.Domain),
		Email:      w.ACMEEmail,
		Client:     &acme.Client{DirectoryURL: w.ACMEDirectory, HTTPClient: client, UserAgent: "selo-server/" + version},
	}
	work.get = m.GetCertificate
	return m, work, nil
}

// acmeWork counts the certificate requests and cache writes under way, so
// a stop can wait for them. autocert hands a new certificate to the
// handshakes waiting on it before the goroutine that ordered it has written
// it to state_dir, and that goroutine is the start-up warm-up, which nothing
// else waits for. A stop in between would lose a certificate the CA has
// issued, and the next start would order another (Let's Encrypt allows five
// for the same name a week).
type acmeWork struct {
	get func(*tls.ClientHelloInfo) (*tls.Certificate, error)

	mu   sync.Mutex
	n    int
	idle chan struct{} // closed when n drops to 0; nil while n is 0
}

func (a *acmeWork) begin() {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.n == 0 {
		a.idle = make(chan struct{})
	}
	a.n++
}

func (a *acmeWork) end() {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.n--; a.n == 0 {
		close(a.idle)
		a.idle = nil
	}
}

// getCertificate is the manager's GetCertificate, counted.
func (a *acmeWork) getCertificate(hello *tls.ClientHelloInfo) (*tls.Certificate, error) {
	a.begin()
	defer a.end()
	return a.get(hello)
}

// wait returns once nothing is under way, or with ctx's error when ctx ends
// first (a CA that does not answer cannot hold the stop).
func (a *acmeWork) wait(ctx context.Context) error {
	a.mu.Lock()
	idle := a.idle
	a.mu.Unlock()
	if idle == nil {
		return nil
	}
	select {
	case <-idle:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// trackedCache is autocert's cache with its writes counted in work: a
// renewal writes from a goroutine of autocert's own.
type trackedCache struct {
	autocert.Cache
	work *acmeWork
}

// Put writes through to the directory, counted.
func (c trackedCache) Put(ctx context.Context, name string, data []byte) error {
	c.work.begin()
	defer c.work.end()
	return c.Cache.Put(ctx, name, data)
}

// writableDir creates dir (0700) and proves a file can be written in it.
func writableDir(dir string) error {
	bad := func(err error) error {
		pt, en := errText(err)
		return problem("web.state_dir", "não foi possível gravar em "+dir+": "+pt+" (o serviço usa StateDirectory=selo-server)",
			"cannot write in "+dir+": "+en+" (the service uses StateDirectory=selo-server)")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return bad(err)
	}
	f, err := os.CreateTemp(dir, ".check-*")
	if err != nil {
		return bad(err)
	}
	f.Close()
	return os.Remove(f.Name())
}

// writableExisting proves a file can be written in the existing dir,
// leaving nothing behind.
func writableExisting(dir string) error {
	f, err := os.CreateTemp(dir, ".check-*")
	if err != nil {
		pt, en := errText(err)
		return problem("web.state_dir", "não foi possível gravar em "+dir+": "+pt+" (o serviço usa StateDirectory=selo-server)",
			"cannot write in "+dir+": "+en+" (the service uses StateDirectory=selo-server)")
	}
	f.Close()
	return os.Remove(f.Name())
}

// warmACME asks for the certificate at start, as a modern client would, so
// that a DNS or firewall mistake shows in the journal now rather than on
// the first webhook, and that webhook does not wait for the issuance.
func warmACME(get func(*tls.ClientHelloInfo) (*tls.Certificate, error), domain string, log *slog.Logger) {
	hello := &tls.ClientHelloInfo{ServerName: domain,
		CipherSuites:     []uint16{tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256},
		SupportedCurves:  []tls.CurveID{tls.CurveP256},
		SignatureSchemes: []tls.SignatureScheme{tls.ECDSAWithP256AndSHA256}}
	c, err := get(hello)
	if err != nil {
		log.Error("the ACME certificate could not be obtained; check that "+domain+" points at this server and ports 80/443 are reachable from the internet",
			"error", err.Error())
		return
	}
	if c.Leaf != nil {
		log.Info("ACME certificate ready", "domain", domain, "not_after", c.Leaf.NotAfter.UTC())
	}
}

// httpsRedirect is the plain listener's fallback: browsers go to the
// HTTPS address; anything else (a webhook posted over http) is refused
// without a redirect, so a sender does not learn to post in clear.
func httpsRedirect(publicURL string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.WriteHeader(http.StatusBadRequest)
			_, _ = io.WriteString(w, "use HTTPS: "+publicURL+"\n")
			return
		}
		// Only the path and query are carried over: an absolute or opaque
		// request target (GET http:@other.host) must not steer the
		// Location to another host.
		if r.URL.Opaque != "" || !strings.HasPrefix(r.URL.EscapedPath(), "/") {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		target := publicURL + r.URL.EscapedPath()
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
	})
}

// plainServer serves h (ACME challenges, redirects) on ln with short
// limits: nothing on it carries a body.
func plainServer(ln net.Listener, h http.Handler, log *slog.Logger) *http.Server {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 10 * time.Second, IdleTimeout: 60 * time.Second, MaxHeaderBytes: 64 << 10,
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("plain HTTP listener stopped", "error", err.Error())
		}
	}()
	return srv
}

// listenProblem names the listen field that could not be bound.
func listenProblem(field, addr string) error {
	return problem(field, "não foi possível escutar em "+addr+" (porta em uso ou sem permissão; portas abaixo de 1024 pedem CAP_NET_BIND_SERVICE)",
		"cannot listen on "+addr+" (port in use or no permission; ports below 1024 need CAP_NET_BIND_SERVICE)")
}

// acmeDirectoryTimeout keeps --check short when the CA does not answer.
const acmeDirectoryTimeout = 10 * time.Second

// CheckTLS is --check's TLS part, printing what it verified on out: the
// static pair (parses, matches, covers the domain, not expired; a warning
// within 14 days of its end), or the ACME state dir and directory, or the
// proxy mode's reminder. client reaches the ACME directory (nil: the
// default client).
func CheckTLS(ctx context.Context, c Config, now time.Time, client *http.Client, out io.Writer) error {
	w := c.Web
	switch w.Mode {
	case ModeStatic:
		pair, err := pemPair(w)
		if err != nil {
			return err
		}
		end := pair.Leaf.NotAfter
		day := end.UTC().Format("2006-01-02")
		if now.After(end) {
			return problem("web.cert_file", "o certificado "+w.CertFile+" venceu em "+day+"; renove-o (certbot renew) e recarregue (systemctl reload selo-server)",
				"the certificate "+w.CertFile+" expired on "+day+"; renew it (certbot renew) and reload (systemctl reload selo-server)")
		}
		if end.Sub(now) < expiryWarning {
			fmt.Fprintf(out, "aviso: o certificado de %s vence em %s; confira a renovação / warning: the certificate expires on %s; check its renewal\n", w.Domain, day, day)
		}
		fmt.Fprintf(out, "ok: HTTPS em %s com o certificado %s, válido até %s / HTTPS with a static certificate\n", w.HTTPSListen, w.CertFile, day)
	case ModeACME:
		// --check changes nothing: on a fresh install state_dir does not
		// exist yet (systemd's StateDirectory= creates it at the first
		// start), so it is only proved writable when it is there.
		if _, err := os.Stat(w.StateDir); errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(out, "ok: %s ainda não existe; o systemd o cria ao iniciar o serviço (StateDirectory=selo-server) / does not exist yet; systemd creates it when the service starts\n", w.StateDir)
		} else if err := writableExisting(w.StateDir); err != nil {
			return err
		}
		if err := acmeDirectoryAnswers(ctx, w.ACMEDirectory, client); err != nil {
			return err
		}
		fmt.Fprintf(out, "ok: diretório ACME %s responde; certificados em %s / ACME directory answers\n", w.ACMEDirectory, w.StateDir)
		fmt.Fprintf(out, "atenção: %s deve apontar para este servidor e as portas 80 (%s) e 443 (%s) devem ser alcançáveis da internet / %s must point here and ports 80 and 443 must be reachable from the internet\n",
			w.Domain, w.HTTPListen, w.HTTPSListen, w.Domain)
	default:
		fmt.Fprintf(out, "ok: modo proxy: http://%s, atrás do seu proxy reverso com HTTPS / behind your HTTPS reverse proxy\n", w.Listen)
	}
	return nil
}

func acmeDirectoryAnswers(ctx context.Context, dirURL string, client *http.Client) error {
	if client == nil {
		client = http.DefaultClient
	}
	bad := func(why string) error {
		return problem("web.acme_directory", "o diretório ACME "+dirURL+" não respondeu ("+why+"); confira o endereço e o acesso deste servidor à internet",
			"the ACME directory "+dirURL+" did not answer ("+why+"); check the address and this server's internet access")
	}
	ctx, cancel := context.WithTimeout(ctx, acmeDirectoryTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, dirURL, nil)
	if err != nil {
		return bad(err.Error())
	}
	resp, err := client.Do(req)
	if err != nil {
		return bad(err.Error())
	}
	defer resp.Body.Close()
	var dir struct {
		NewOrder string `json:"newOrder"`
	}
	if resp.StatusCode != http.StatusOK {
		return bad(resp.Status)
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&dir); err != nil || dir.NewOrder == "" {
		return bad("a resposta não é um diretório ACME / not an ACME directory")
	}
	return nil
}
