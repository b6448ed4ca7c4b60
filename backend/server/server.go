package server

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"selo/backend/crm"
	"selo/backend/inbound"
)

// Parts are the office database and the services over it, as main.go wires
// them: the server itself knows only these interfaces.
type Parts struct {
	// JivoChat, Tokens and Clicksign are the desktop listener's handlers.
	JivoChat  inbound.WebhookHandler
	Tokens    inbound.TokenVerifier
	Clicksign inbound.ClicksignHandler
	// DocuSign receives DocuSign Connect deliveries; nil leaves the route off.
	DocuSign inbound.DocuSignHandler
	// Ping reports whether the database answers (for /health).
	Ping func(ctx context.Context) error
	// Sync runs status sync, under the office's sync lease, until ctx ends.
	Sync func(ctx context.Context)
	// Presence, when set, tells the desktops a server runs (Presence.Run)
	// from before the listener starts until after sync stopped.
	Presence func(ctx context.Context)
	// Close stops the services and closes the database; it runs after the
	// listener stopped, so no webhook arrives after it.
	Close func(ctx context.Context)
}

// Opener connects to the office database with the config and secrets and
// builds the Parts.
type Opener func(ctx context.Context, c Config, s Secrets) (Parts, error)

// Options are what Run needs beside the config.
type Options struct {
	Version string
	// Log is discarded when nil. Secrets never reach it.
	Log  *slog.Logger
	Open Opener
	// Ready, when set, is told the listener's address once it serves (the
	// HTTPS one in the HTTPS modes).
	Ready func(addr string)
	// ACMEClient reaches the ACME directory (nil: the default client);
	// tests trust their own CA with it.
	ACMEClient *http.Client
	// CertPoll is how often ModeStatic looks for new certificate files
	// (default DefaultCertPoll); SIGHUP reloads at once.
	CertPoll time.Duration
}

// stopGrace bounds the listener's and the services' stop at exit.
const stopGrace = 20 * time.Second

// acmeStopGrace bounds the wait at exit for a certificate being ordered or
// saved: an order takes seconds, and a CA out of reach must not keep
// systemd waiting (its default stop timeout is 90 s).
const acmeStopGrace = 15 * time.Second

// Run serves until ctx ends (SIGTERM from systemd), then stops the
// listener first (so every webhook answered was committed), status sync,
// and the database last.
func Run(ctx context.Context, c Config, o Options) error {
	log := o.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	sec, err := LoadSecrets(c)
	if err != nil {
		return err
	}
	parts, err := o.Open(ctx, c, sec)
	if err != nil {
		return databaseProblem(c, err)
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.Background(), stopGrace)
		defer cancel()
		parts.Close(cctx)
	}()
	ictx, stopInbound := context.WithCancel(context.Background())
	defer stopInbound()
	in := inbound.Config{JivoChat: parts.JivoChat, Tokens: parts.Tokens,
		Clicksign: parts.Clicksign, DocuSign: parts.DocuSign, Health: Health(o.Version, parts.Ping), Logger: log}
	var plain *http.Server
	var warm func()
	var certWork *acmeWork
	hup := reloadSignals(ictx)
	if c.Web.HTTPS() {
		var challenges func(http.Handler) http.Handler
		switch c.Web.Mode {
		case ModeStatic:
			cert, err := newStaticCert(c.Web, log)
			if err != nil {
				return err
			}
			every := o.CertPoll
			if every <= 0 {
				every = DefaultCertPoll
			}
			go cert.watch(ictx, every, hup)
			hup = nil
			in.TLS = &tls.Config{MinVersion: tls.VersionTLS12, GetCertificate: cert.getCertificate}
		case ModeACME:
			m, work, err := acmeManager(c.Web, o.ACMEClient, o.Version)
			if err != nil {
				return err
			}
			certWork = work
			in.TLS = m.TLSConfig()
			in.TLS.GetCertificate = work.getCertificate
			challenges = m.HTTPHandler
			warm = func() { warmACME(work.getCertificate, c.Web.Domain, log) }
		}
		if in.Listener, err = net.Listen("tcp", c.Web.HTTPSListen); err != nil {
			return listenProblem("web.https_listen", c.Web.HTTPSListen)
		}
		if c.Web.HTTPListen != "" {
			ln, err := net.Listen("tcp", c.Web.HTTPListen)
			if err != nil {
				in.Listener.Close()
				return listenProblem("web.http_listen", c.Web.HTTPListen)
			}
			h := httpsRedirect(c.Web.PublicURL)
			if challenges != nil {
				h = challenges(h)
			}
			plain = plainServer(ln, h, log)
		}
	} else {
		host, port, _ := hostPort(c.Web.Listen)
		in.Host, in.Port = host, port
	}
	// On a failed start the sockets already bound are released, so a
	// supervisor's restart can bind them again.
	release := func() {
		if plain != nil {
			plain.Close()
		}
		if in.Listener != nil {
			in.Listener.Close()
		}
	}
	srv, err := inbound.New(withLimits(in))
	if err != nil {
		release()
		return err
	}
	if err := srv.Start(); err != nil {
		release()
		if c.Web.HTTPS() {
			// The socket was bound above: this is not a busy port.
			return fmt.Errorf("serving HTTPS on %s: %w", c.Web.HTTPSListen, err)
		}
		return listenProblem("web.listen", c.Web.Listen)
	}
	if plain != nil {
		defer func() {
			sctx, cancel := context.WithTimeout(context.Background(), stopGrace)
			defer cancel()
			_ = plain.Shutdown(sctx)
		}()
	}
	// Presence only once the listener serves: a server that fails to
	// start (a crash loop under systemd) must not keep desktops from
	// syncing.
	stopPresence := runPresence(parts.Presence)
	defer stopPresence()
	addr := srv.Status().Addr
	log.Info("selo server started", "version", o.Version, "mode", c.Web.Mode, "addr", addr, "public_url", c.Web.PublicURL)
	if warm != nil {
		go warm()
	}
	if hup != nil {
		go func() {
			for {
				select {
				case <-ictx.Done():
					return
				case <-hup:
					log.Info("SIGHUP: only mode \"static\" has something to reload (its certificate)")
				}
			}
		}()
	}
	if o.Ready != nil {
		o.Ready(addr)
	}
	syncCtx, stopSync := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { parts.Sync(syncCtx) })
	<-ctx.Done()
	log.Info("selo server stopping")
	sctx, cancel := context.WithTimeout(context.Background(), stopGrace)
	defer cancel()
	err = srv.Shutdown(sctx)
	if certWork != nil {
		// A certificate being ordered or written when the stop came is on
		// disk before the process ends, so the next start does not order
		// another. Its own deadline: Shutdown may have used all of sctx.
		actx, cancel := context.WithTimeout(context.Background(), acmeStopGrace)
		if werr := certWork.wait(actx); werr != nil {
			log.Warn("stopping while the ACME certificate was still being obtained or saved in state_dir", "error", werr.Error())
		}
		cancel()
	}
	stopSync()
	wg.Wait()
	// Sync has released the lease; desktops take it once presence goes.
	stopPresence()
	return err
}

// runPresence starts presence (nil: none) and returns its stop, which
// waits for it and is safe to call twice.
func runPresence(presence func(ctx context.Context)) (stop func()) {
	if presence == nil {
		return func() {}
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); presence(ctx) }()
	return func() { cancel(); <-done }
}

// HealthReport is GET /health's body.
type HealthReport struct {
	Status   string `json:"status"`
	Version  string `json:"version"`
	Database bool   `json:"database"`
}

// healthPingTimeout keeps a monitor's probe short when the database hangs.
const healthPingTimeout = 3 * time.Second

// Health answers 200 with the version and a reachable database, 503 when
// the database does not answer, so a monitor sees the server is useless.
func Health(version string, ping func(context.Context) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), healthPingTimeout)
		defer cancel()
		rep := HealthReport{Status: "ok", Version: version, Database: ping(ctx) == nil}
		status := http.StatusOK
		if !rep.Database {
			rep.Status, status = "database_unreachable", http.StatusServiceUnavailable
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(rep)
	})
}

// Prober checks that the office database answers to the config and
// password, changing nothing.
type Prober func(ctx context.Context, c Config, password string) error

// Check is `selo server --check`: the config, the secrets, the database,
// TLS (CheckTLS), then the URLs to paste into JivoChat and Clicksign, printed on out.
func Check(ctx context.Context, c Config, probe Prober, out io.Writer) error {
	sec, err := LoadSecrets(c)
	if err != nil {
		return err
	}
	if err := probe(ctx, c, sec.DatabasePassword); err != nil {
		return databaseProblem(c, err)
	}
	fmt.Fprintf(out, "ok: configuração, credenciais e banco %s@%s:%d/%s / config, credentials and database\n",
		c.Database.User, c.Database.Host, c.Database.Port, c.Database.Database)
	if err := CheckTLS(ctx, c, time.Now(), nil, out); err != nil {
		return err
	}
	base := c.Web.PublicURL
	if base == "" {
		base = "https://<public_url>"
		fmt.Fprintln(out, "aviso: web.public_url não informado; troque <public_url> pelo endereço do proxy / warning: web.public_url not set")
	}
	tok := sec.JivoChatToken
	if tok == "" {
		tok = "<token-do-gestor>"
	}
	fmt.Fprintf(out, "JivoChat (URL para Webhooks): %s/webhooks/jivochat/%s\n", base, tok)
	for _, k := range c.Clicksign {
		fmt.Fprintf(out, "Clicksign (chave %d, webhook): %s/webhooks/clicksign/%d\n", k.KeyID, base, k.KeyID)
	}
	return nil
}

// databaseProblem turns the storage's coded errors into the config field
// to fix, in both languages; the password never appears.
func databaseProblem(c Config, err error) error {
	var p *Problem
	if errors.As(err, &p) {
		return p
	}
	d := c.Database
	where := d.Host + ":" + strconv.Itoa(d.Port)
	pw := "database.password_file"
	if d.PasswordFile == "" {
		pw = "credencial/credential " + CredDatabasePassword
	}
	switch crm.AsError(err).Code {
	case crm.CodeOfficeWrongPassword:
		return problem(pw, "o servidor "+where+" recusou o usuário \""+d.User+"\" ou a senha; confira a senha e database.user",
			"the server "+where+" refused user \""+d.User+"\" or the password; check the password and database.user")
	case crm.CodeOfficeUnreachable:
		return problem("database.host", "nada respondeu em "+where+"; confira database.host e database.port",
			"nothing answered at "+where+"; check database.host and database.port")
	case crm.CodeOfficeDatabaseMissing:
		return problem("database.database", "o servidor não tem o banco \""+d.Database+"\"",
			"the server has no database \""+d.Database+"\"")
	case crm.CodeOfficeTLSRequired, crm.CodeOfficeTLSFailed:
		return problem("database.tls", "a conexão criptografada falhou ou é exigida; confira database.tls e database.ca_file",
			"the encrypted connection failed or is required; check database.tls and database.ca_file")
	case crm.CodeDatabaseNewer:
		return problem("database", "o banco foi gravado por um Selo mais novo; atualize o selo deste servidor",
			"the database was written by a newer Selo; update this server's selo")
	case crm.CodeServerTooOld:
		return problem("database.host", "o PostgreSQL em "+where+" é antigo demais; o Selo precisa da versão 14 ou mais nova",
			"the PostgreSQL at "+where+" is too old; Selo needs version 14 or newer")
	case crm.CodeOfficeCAFile:
		return problem("database.ca_file", "não foi possível usar o certificado "+d.CAFile, "cannot use the certificate "+d.CAFile)
	}
	return problem("database", "o banco do escritório não pôde ser usado ("+crm.AsError(err).Code+")",
		"the office database could not be used ("+crm.AsError(err).Code+")")
}
