package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"selo/backend/crm"
	"selo/backend/integrations"
	"selo/backend/leads"
	"selo/backend/logging"
	"selo/backend/privacy"
	"selo/backend/server"
	"selo/backend/signing"
	"selo/backend/sqlstore"
	"selo/backend/users"
)

// serverMain is `selo server [--config FILE] [--check]`: the headless
// office server. It touches nothing of Wails, so it runs with no display.
// It returns the process's exit code.
func serverMain(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("selo server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := fs.String("config", server.DefaultConfigPath, "arquivo de configuração / config file (TOML)")
	check := fs.Bool("check", false, "confere configuração, credenciais, banco e HTTPS, e mostra as URLs / checks config, credentials, database and HTTPS, and prints the URLs")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	// A reload (SIGHUP: systemctl reload, a certbot hook) may come at any
	// moment, also while the database opens or the server stops, when no
	// reload handler listens: one channel wants it for the process's whole
	// life, so it never falls back to its default, which ends the process.
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	go func() {
		for range hup {
		}
	}()
	// stderr is the journal under systemd; the same redaction as the
	// desktop's log files keeps tokens and CPFs out of it.
	log := slog.New(logging.NewHandler(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}), logging.Default))
	slog.SetDefault(log)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if !*check {
		log.Info("selo server starting", "config", *path)
	}
	err := runServer(ctx, *path, *check, stdout, log, nil)
	if err != nil {
		fmt.Fprintln(stderr, "selo server:", err)
		return 1
	}
	return 0
}

// runServer loads the config and checks it or serves until ctx ends;
// ready (tests) is told the listener's address.
func runServer(ctx context.Context, path string, check bool, stdout io.Writer, log *slog.Logger, ready func(string)) error {
	c, err := server.Load(path)
	if err != nil {
		return err
	}
	if check {
		return server.Check(ctx, c, probeOffice, stdout)
	}
	return server.Run(ctx, c, server.Options{Version: version, Log: log, Ready: ready,
		Open: func(ctx context.Context, c server.Config, s server.Secrets) (server.Parts, error) {
			return openServerOffice(ctx, c, s, log)
		}})
}

func serverPG(c server.Config, password string) sqlstore.PostgresConfig {
	d := c.Database
	return sqlstore.PostgresConfig{Host: d.Host, Port: d.Port, Database: d.Database, User: d.User,
		Password: password, SSLMode: d.TLS, RootCertFile: d.CAFile, MaxConns: server.PoolSize}
}

func probeOffice(ctx context.Context, c server.Config, password string) error {
	pctx, cancel := context.WithTimeout(ctx, officeStartTimeout)
	defer cancel()
	_, err := sqlstore.ProbePostgres(pctx, serverPG(c, password))
	return err
}

// serverClicksignURLs overrides Clicksign's addresses for the server's
// tests; nil in use.
var serverClicksignURLs map[crm.Environment]string

func hostName() string {
	h, _ := os.Hostname()
	return h
}

// openServerOffice wires, over the office database, the parts of wire()
// the server runs: the JivoChat lead desk, the Clicksign webhook receiver
// and status sync, with its secrets in place of the keyring.
func openServerOffice(ctx context.Context, c server.Config, s server.Secrets, log *slog.Logger) (server.Parts, error) {
	if err := probeOffice(ctx, c, s.DatabasePassword); err != nil {
		return server.Parts{}, err
	}
	db, err := sqlstore.OpenPostgres(ctx, serverPG(c, s.DatabasePassword))
	if err != nil {
		var ce *crm.Error
		if !errors.As(err, &ce) {
			err = crm.E(crm.CodeOfficeUnreachable, "host", c.Database.Host, "port", c.Database.Port).Wrap(err)
		}
		return server.Parts{}, err
	}
	store := s.Store()
	// No Simulador local on a server: its envelopes belong to a trainee's PC.
	connector := &signing.Connector{BaseURLs: serverClicksignURLs}
	keys := integrations.New(db.Integrations(), store, connector.Check, log)
	people := users.New(db.Users(), store, log)
	sender := signing.NewSender(db.Envelopes(), keys, connector, func(string, any) {})
	sender.Log = log
	// The server is the office's one syncer: it asks for the lease every
	// few seconds, so a desktop that gave it way is replaced at once.
	syncer := &signing.Syncer{Sender: sender, Store: db.Envelopes(), Files: db.Files(), Lease: db.SyncLease(),
		Emit: func(string, any) {}, LeaseRetry: 3 * time.Second}
	// DocuSign's tokens live only in the desktops' keyrings, so their
	// DocuSign loop follows those keys; the server leaves them alone.
	syncer.Scope = signing.SyncClicksignKeys
	syncer.DocuSign = &signing.DocuSignStatus{Keys: db.Integrations()}
	hooks := signing.NewWebhookReceiver(syncer, db.Webhooks(), store, log)
	// DocuSign Connect: the key's HMAC secret is the systemd credential
	// docusign-<id>-connect-secret. The server holds no DocuSign sign-in,
	// so a delivery is applied from its own summary (NoClient) by a Syncer
	// of its own that never polls; the signed PDF of a completed envelope
	// is left to a signed-in desktop's pass.
	dsSyncer := &signing.Syncer{Sender: sender, Store: db.Envelopes(), Files: db.Files(), Emit: func(string, any) {},
		DocuSign: &signing.DocuSignStatus{Keys: db.Integrations(), Settings: db}}
	dsHooks := signing.NewDocuSignReceiver(dsSyncer, store, log)
	dsHooks.NoClient = true
	chat, err := leads.New(leads.Options{Store: db.Leads(), Settings: db, Users: people, Logger: log, Clicksign: hooks})
	if err != nil {
		db.Close()
		return server.Parts{}, err
	}
	return server.Parts{
		JivoChat: chat.Handler(), Tokens: chat.CachedTokenVerifier(server.TokenCacheTTL), Clicksign: hooks,
		DocuSign: dsHooks, Ping: db.PingContext,
		Sync: func(ctx context.Context) {
			// "Atualizar" on a desktop while the server runs.
			reqs := db.OfficeServer().SyncRequests(ctx)
			done := make(chan struct{})
			go func() {
				defer close(done)
				server.ServeSyncRequests(reqs, func(id int64) error {
					if id == 0 {
						// A desktop sent: the loop syncs now and then
						// polls at its fast pace while envelopes move.
						syncer.Kick()
						return nil
					}
					_, err := syncer.Sync(ctx, id)
					return err
				}, log)
			}()
			// LGPD lead retention: the server is on every day, and the
			// claim in the database keeps it to one pass a day with the
			// desktops.
			retained := make(chan struct{})
			go func() {
				defer close(retained)
				(&privacy.Service{Store: db.Privacy(), Log: log, Host: hostName()}).RunRetention(ctx)
			}()
			syncer.Run(ctx, func(err error) { log.Warn("status sync", "code", crm.AsError(err).Code) })
			<-done
			<-retained
		},
		Presence: (&server.Presence{Store: db.OfficeServer(), Log: log, Row: crm.OfficeServer{
			HostName: hostName(), Version: version, WebMode: c.Web.Mode, PublicURL: c.Web.PublicURL}}).Run,
		Close: func(ctx context.Context) {
			if err := hooks.Close(ctx); err != nil {
				log.Warn("a webhook sync was still running at shutdown", "err", err)
			}
			if err := db.Close(); err != nil {
				log.Error("closing database", "err", err)
			}
		},
	}, nil
}
