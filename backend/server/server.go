package server

import (
	"context"
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
	// Ready, when set, is told the listener's address once it serves.
	Ready func(addr string)
}

// stopGrace bounds the listener's and the services' stop at exit.
const stopGrace = 20 * time.Second

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
	stopPresence := runPresence(parts.Presence)
	defer stopPresence()
	host, port, _ := net.SplitHostPort(c.Listen)
	p, _ := strconv.Atoi(port)
	srv, err := inbound.New(inbound.Config{Host: host, Port: p, JivoChat: parts.JivoChat, Tokens: parts.Tokens,
		Clicksign: parts.Clicksign, Health: Health(o.Version, parts.Ping), Logger: log})
	if err != nil {
		return err
	}
	if err := srv.Start(); err != nil {
		return problem("listen", "não foi possível escutar em "+c.Listen+" (porta em uso ou sem permissão)",
			"cannot listen on "+c.Listen+" (port in use or no permission)")
	}
	addr := srv.Status().Addr
	log.Info("selo server started", "version", o.Version, "addr", addr)
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
// then the URLs to paste into JivoChat and Clicksign, printed on out.
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
	base := c.PublicURL
	if base == "" {
		base = "https://<publicUrl>"
		fmt.Fprintln(out, "aviso: publicUrl não informado; troque <publicUrl> pelo endereço do proxy / warning: publicUrl not set")
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
	pw := "database.passwordFile"
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
		return problem("database.tls", "a conexão criptografada falhou ou é exigida; confira database.tls e database.caFile",
			"the encrypted connection failed or is required; check database.tls and database.caFile")
	case crm.CodeDatabaseNewer:
		return problem("database", "o banco foi gravado por um Selo mais novo; atualize o selo deste servidor",
			"the database was written by a newer Selo; update this server's selo")
	case crm.CodeServerTooOld:
		return problem("database.host", "o PostgreSQL em "+where+" é antigo demais; o Selo precisa da versão 14 ou mais nova",
			"the PostgreSQL at "+where+" is too old; Selo needs version 14 or newer")
	case crm.CodeOfficeCAFile:
		return problem("database.caFile", "não foi possível usar o certificado "+d.CAFile, "cannot use the certificate "+d.CAFile)
	}
	return problem("database", "o banco do escritório não pôde ser usado ("+crm.AsError(err).Code+")",
		"the office database could not be used ("+crm.AsError(err).Code+")")
}
