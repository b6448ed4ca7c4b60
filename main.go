// Selo is a desktop app for small Brazilian real-estate offices: it sends a
// reservation's contracts for e-signature through Clicksign, shows who has
// signed, and receives JivoChat leads. main only wires the parts together.
package main

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"selo/app"
	"selo/app/webassets"
	"selo/backend/board"
	"selo/backend/bus"
	"selo/backend/clicksign/simulator"
	"selo/backend/contracts"
	"selo/backend/crm"
	"selo/backend/datahome"
	"selo/backend/demo"
	"selo/backend/developments"
	dssim "selo/backend/docusign/simulator"
	"selo/backend/filestore"
	"selo/backend/integrations"
	"selo/backend/leads"
	"selo/backend/legal"
	"selo/backend/logging"
	"selo/backend/office"
	"selo/backend/officeserver"
	"selo/backend/privacy"
	"selo/backend/reservations"
	"selo/backend/secrets"
	"selo/backend/signing"
	"selo/backend/sqlstore"
	"selo/backend/templates"
	"selo/backend/training"
	"selo/backend/users"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/logger"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"github.com/wailsapp/wails/v2/pkg/options/windows"
)

// The frontend, gzipped by the Vite build (app/webassets serves it inflated).
//
//go:embed all:frontend/dist-gz
var assets embed.FS

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// updateFeed is the release feed address built in (-X main.updateFeed=...);
// the office can set another on the Sobre screen.
var updateFeed = ""

func main() {
	// The headless office server never reaches Wails (no window, no display).
	if len(os.Args) > 1 && os.Args[1] == "server" {
		os.Exit(serverMain(os.Args[2:], os.Stdout, os.Stderr))
	}
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "selo:", err)
		os.Exit(1)
	}
}

func run() error {
	if app.GeneratingBindings {
		return generateBindings()
	}
	awaitPredecessor()
	// Every start-up failure below still opens the window, which says what
	// happened and what to do; only stderr would otherwise know, and a
	// desktop user never sees stderr.
	var startupErr error
	dir, err := datahome.Resolve()
	if err != nil {
		startupErr = crm.E(crm.CodeDataDirUnwritable, "path", "", "reason", datahome.ReasonOther).Wrap(err)
	}
	home := &datahome.Home{Dir: dir}
	if startupErr == nil {
		home, startupErr = datahome.Open(dir)
	}
	logsDir := home.LogsDir()
	var log *slog.Logger
	var logFile io.Closer
	if startupErr != nil {
		// The data folder cannot take the log: stderr and a temporary
		// folder, which the error screen offers as the logs folder.
		log, logFile, logsDir = logging.Fallback(logging.Options{Level: slog.LevelInfo})
	} else {
		log, logFile = logging.New(logsDir, logging.Options{Level: slog.LevelInfo, Console: version == "dev"})
	}
	defer logFile.Close()
	slog.SetDefault(log)
	log.Info("starting", "version", version, "dataDir", home.Dir)

	a := app.New(log)
	app.ReportPaint(a, os.Stderr)
	// Dropped or chosen template PDFs are posted to the asset server and wait
	// in a temporary folder of the data home until the form is submitted.
	uploads := app.NewUploads(templates.NewInbox(filepath.Join(home.Dir, "uploads"), crm.MaxTemplateBytes, log), log)
	a.OnShutdown(func(context.Context) { uploads.Close() })
	bound := []any{}
	// Where the data lives is this PC's choice (Configurações → Escritório):
	// its own selo.db, or the office's PostgreSQL.
	keyring := secrets.NewKeyring()
	officeHost := ""
	var schema func(context.Context) (int, error)
	var warnings []error
	var conn *app.Connection // the office server's watch; nil on selo.db
	if startupErr != nil {
		log.Error("data folder not usable", "err", startupErr)
	} else {
		// A database that cannot be opened (one written by a newer Selo,
		// say) gets the same window.
		var db *sqlstore.DB
		var dbErr error
		db, officeHost, dbErr = openDatabase(context.Background(), home, keyring)
		if dbErr != nil {
			log.Error("database not opened", "err", dbErr)
			startupErr = dbErr
		} else {
			schema = db.SchemaVersion
			a.RememberSaveFolder(db)
			if db.Engine() == sqlstore.Postgres {
				conn = watchOffice(a, home, db, log)
			}
			bound, warnings = wire(a, home, db, log, uploads)
		}
	}
	paths := app.Paths{DataDir: home.Dir, LogsDir: logsDir, DatabasePath: home.DatabasePath(), OfficeHost: officeHost}
	if officeHost != "" {
		// The file openDatabase just read: Sobre names the server in use.
		st, _ := office.Load(filepath.Join(home.Dir, office.FileName))
		paths.OfficePort, paths.OfficeDatabase = st.Port, st.Database
	}
	system := app.NewSystem(a, app.BuildInfo{Version: version}, paths, schema, startupErr)
	app.SetStartupRecheck(system, func() error {
		h, err := datahome.Open(dir)
		if err != nil {
			return err
		}
		// The folder may be fine while the database is not (a selo.db Selo
		// cannot write, one from a newer Selo): check it too, or every
		// retry restarts into the same screen.
		db, _, err := openDatabase(context.Background(), h, keyring)
		if err != nil {
			return err
		}
		return db.Close()
	})
	for _, w := range warnings {
		app.AddStartupWarning(system, w)
	}
	bound = append(bound, system, app.NewOffice(office.NewService(filepath.Join(home.Dir, office.FileName), keyring, officeProber{}, log).
		WithCopier(officeCopier{dbPath: home.DatabasePath(), filesDir: home.FilesDir()}), system))

	// Before the window exists: its WebKit processes copy the environment
	// when they start.
	engineSet, untuneEngine := app.TuneWebEngine()
	if len(engineSet) > 0 {
		log.Info("web engine options", "set", engineSet)
	}
	// The window opens as this PC left it (size, place, maximised).
	winFile := ""
	if home.Dir != "" {
		winFile = filepath.Join(home.Dir, app.WindowFileName)
	}
	win := app.NewWindowMemory(winFile, app.WindowSize{Width: 1280, Height: 800}, app.WindowSize{Width: 1024, Height: 680}, log)
	width, height, startState := win.Options()
	err = wails.Run(&options.App{
		Title:            "Selo",
		Width:            width,
		Height:           height,
		MinWidth:         1024,
		MinHeight:        680,
		WindowStartState: startState,
		OnDomReady: func(ctx context.Context) {
			// The WebKit processes run by now and keep what they inherited.
			untuneEngine()
			win.DomReady(ctx)
		},
		OnBeforeClose:    win.BeforeClose,
		AssetServer:      &assetserver.Options{Assets: webassets.New(assets, "frontend/dist-gz"), Handler: uploads},
		BackgroundColour: &options.RGBA{R: 250, G: 250, B: 252, A: 255},
		OnStartup:        a.Startup,
		OnShutdown:       a.Shutdown,
		Bind:             bound,
		EnumBind:         []any{app.AllEvents, app.AllChangeAreas},
		ErrorFormatter:   app.ErrorFormatter(log, conn),
		Logger:           logging.WailsLogger{L: log, Rejected: a.CallRejected},
		LogLevel:         logger.INFO,
		SingleInstanceLock: &options.SingleInstanceLock{
			// One lock per data home: a second launch on the same data focuses
			// the first window, while tests with their own SELO_DATA_DIR can
			// run beside a real instance.
			UniqueId:               "br.selo.app." + shortHash(home.Dir),
			OnSecondInstanceLaunch: a.SecondInstance,
		},
		// Never, as Wails defaults to: with on-demand acceleration the web
		// process kept ~70 MiB more (GL compositing buffers; bench-window.sh,
		// 164.9 -> 94.5 MiB PSS) for a UI of forms and lists that gains
		// nothing from it, and some GPU drivers leave the window blank.
		Linux:   &linux.Options{ProgramName: "selo", WebviewGpuPolicy: linux.WebviewGpuPolicyNever},
		Windows: &windows.Options{Theme: windows.SystemDefault},
	})
	if err == nil && app.RelaunchRequested(system) {
		// "Tentar de novo" found the problem gone: start over in a fresh
		// process, so every service is wired as on a normal start.
		log.Info("restarting after the start-up problem was fixed")
		logFile.Close()
		return relaunch()
	}
	return err
}

// openDatabase opens the database the office settings name: this PC's
// selo.db, or the office server (host returned, for the start-up window).
// The server is probed first, so the window says why it cannot be used
// (wrong password, TLS, unreachable, too old), never a bare driver error.
func openDatabase(ctx context.Context, home *datahome.Home, keyring secrets.Store) (*sqlstore.DB, string, error) {
	t, isOffice, err := office.Next(ctx, filepath.Join(home.Dir, office.FileName), keyring)
	if !isOffice {
		db, err := sqlstore.Open(ctx, home.DatabasePath())
		return db, "", err
	}
	if err != nil {
		return nil, t.Host, err
	}
	cfg := pgConfig(t)
	// The window opens only after this: a server that never answers (a
	// firewall dropping packets) must not keep the PC blank for long.
	pctx, cancel := context.WithTimeout(ctx, officeStartTimeout)
	_, err = sqlstore.ProbePostgres(pctx, cfg)
	cancel()
	if err != nil {
		return nil, t.Host, err
	}
	db, err := sqlstore.OpenPostgres(ctx, cfg)
	var ce *crm.Error
	if err != nil && !errors.As(err, &ce) {
		// It answered the probe a moment ago: it went away since.
		err = crm.E(crm.CodeOfficeUnreachable, "host", t.Host, "port", t.Port).Wrap(err)
	}
	return db, t.Host, err
}

// watchOffice pings the office server while Selo runs, so the shell shows
// when it stops answering and when it is back, and bound calls that fail
// for that reason say so (app.Connection). Registered before wire's
// shutdown closes the database it pings (hence called before wire).
func watchOffice(a *app.App, home *datahome.Home, db *sqlstore.DB, log *slog.Logger) *app.Connection {
	st, _ := office.Load(filepath.Join(home.Dir, office.FileName))
	conn := &app.Connection{Host: st.Host, Port: st.Port, Ping: db.PingContext, Lost: sqlstore.IsConnectionLost,
		Emit: func(name string, data any) { a.Emitter.Emit(name, data) }, Every: 5 * time.Second, WhileDown: time.Second, Log: log}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	a.OnStartup(func(context.Context) { wg.Go(func() { conn.Run(ctx) }) })
	a.OnShutdown(func(context.Context) { cancel(); wg.Wait() })
	return conn
}

// officeStartTimeout bounds the check of the office server at start-up.
const officeStartTimeout = 8 * time.Second

// officeProber lets the Escritório screen's "Testar conexão" reach the
// storage adapter through office's interface.
type officeProber struct{}

// Probe checks the server t names, changing nothing.
func (officeProber) Probe(ctx context.Context, t office.Target) (office.ProbeResult, error) {
	r, err := sqlstore.ProbePostgres(ctx, pgConfig(t))
	return office.ProbeResult{ServerVersion: r.ServerVersion, Empty: r.Empty, SchemaVersion: r.SchemaVersion, HasData: r.HasData}, err
}

// officeCopier takes this PC's selo.db and files folder to the office
// server for the Escritório screen.
type officeCopier struct{ dbPath, filesDir string }

// CopyToServer opens both databases for the copy alone: this PC's selo.db
// (only read) and the server, migrated so the copy finds Selo's tables.
func (c officeCopier) CopyToServer(ctx context.Context, t office.Target, progress func(office.CopyProgress)) (office.CopyResult, error) {
	src, err := sqlstore.Open(ctx, c.dbPath)
	if err != nil {
		return office.CopyResult{}, err
	}
	defer src.Close()
	if _, err := sqlstore.ProbePostgres(ctx, pgConfig(t)); err != nil {
		return office.CopyResult{}, err
	}
	dst, err := sqlstore.OpenPostgres(ctx, pgConfig(t))
	if err != nil {
		return office.CopyResult{}, err
	}
	defer dst.Close()
	n, err := sqlstore.CopySQLiteTo(ctx, src, dst, c.filesDir, func(table string, done, total int) {
		progress(office.CopyProgress{Table: table, Done: done, Total: total})
	})
	if err != nil {
		return office.CopyResult{}, err
	}
	res := office.CopyResult{DiskFiles: n.DiskFiles}
	for _, tc := range n.Tables {
		res.Tables = append(res.Tables, office.TableCount{Table: tc.Table, Rows: tc.Rows})
	}
	return res, nil
}

func pgConfig(t office.Target) sqlstore.PostgresConfig {
	return sqlstore.PostgresConfig{Host: t.Host, Port: t.Port, Database: t.Database, User: t.User,
		Password: t.Password, SSLMode: t.TLS, RootCertFile: t.CAFile}
}

// wire builds the services over an open database and returns the bound
// structs, plus start-up problems the window must show without blocking
// the app (the webhook listener's port in use). Each part is built once,
// after what it needs; the one piece of news that flows the other way (a
// finished send wakes status sync) goes through a bus topic. What runs at
// start-up and at shutdown is registered last, in the order it runs.
func wire(a *app.App, home *datahome.Home, db *sqlstore.DB, log *slog.Logger, uploads *app.Uploads) (bound []any, warnings []error) {
	keyring := secrets.NewKeyring()
	// The Simulador local starts on first use, so an office that never
	// trains opens no port.
	sim := &simulator.Host{Options: simulator.Options{DBPath: filepath.Join(home.Dir, "simulator.db")}}
	connector := &signing.Connector{Sim: sim}
	// The DocuSign Simulador local, one for the app's life, also started on
	// first use (its BaseURI). Its URL func goes to the DocuSign clients of
	// Simulador local keys (signing.DocuSignConnector's SimulatorURL, with
	// SimulatorAccountID dssim.DefaultAccountID), and the training desk
	// drives the same simulator.
	dsSim := &dssim.Host{}
	keys := integrations.New(db.Integrations(), keyring, connector.Check, log)
	// DocuSign keys sign in through the system browser: one oauth Client per
	// environment for the process, which the send engine shares.
	dsLogins := integrations.NewDocuSignLogins(keyring, a.OpenBrowser)
	keys.UseDocuSign(a.DocuSignKeys(dsLogins, func(context.Context) error { _, err := dsSim.BaseURI(); return err }))
	devs := developments.New(db.Developments(), log)
	people := users.New(db.Users(), keyring, log)
	// Where templates, contracts and signed PDFs live: this PC's folders on
	// one PC, the office database in office mode, so every PC reaches them.
	var files crm.FileStore = filestore.New(home.FilesDir())
	if db.Engine() == sqlstore.Postgres {
		files = db.Files()
	}
	tpls := templates.New(db.Templates(), files, log)
	lg := legal.New(db.Legal(), log)
	lg.Developments = devs
	resv := reservations.New(db.Reservations(), log)

	// E-signature: the send engine, status sync over it, and Clicksign
	// webhooks, whose deliveries re-read their envelope through the syncer.
	sent := &bus.Topic[signing.SendResult]{}
	sender := newSender(a, db, keys, connector, sent, log)
	// DocuSign keys send through the same engine, with the sign-in's own
	// oauth clients, and their status comes from listStatusChanges passes.
	sender.DocuSign = newDocuSignConnector(dsLogins, dsSim.BaseURI)
	syncer := &signing.Syncer{Sender: sender, Store: db.Envelopes(), Files: files, Lease: db.SyncLease(),
		Emit: func(name string, data any) { a.Emitter.Emit(name, data) }}
	syncer.DocuSign = &signing.DocuSignStatus{Keys: db.Integrations(), Clients: sender.DocuSign, Settings: db}
	// The Simulador local's Connect deliveries go straight to this PC's
	// receiver (no listener, no tunnel), signed with a secret of this run.
	// In an office, DocuSign keys are followed by a loop of their own on a
	// lease of their own that does not give way to `selo server` (which has
	// no DocuSign tokens) and that only a PC signed in to DocuSign takes.
	dsSyncer := syncer
	if db.Engine() == sqlstore.Postgres {
		dsSyncer = officeDocuSignSync(db, syncer, keyring)
	}
	dsHooks := signing.NewDocuSignReceiver(dsSyncer, keyring, log)
	dsHooks.SimulatorSecret = simulatorConnectSecret()
	dsSim.Options.ConnectSecret = dsHooks.SimulatorSecret
	dsSim.Options.ConnectClient = &http.Client{Transport: dsHooks.Transport()}
	if db.Engine() == sqlstore.Postgres {
		// While the office's `selo server` runs, it syncs and this PC only
		// reads: "Atualizar" asks the server.
		syncer.Lease = signing.YieldToServer(syncer.Lease, db.OfficeServer(), signing.ServerPresenceCheck)
		syncer.Server = db.OfficeServer()
	}
	sent.Subscribe(func(signing.SendResult) { syncer.Kick() })
	hooks := signing.NewWebhookReceiver(syncer, db.Webhooks(), keyring, log)
	// A real DocuSign key's Connect deliveries reach the same receiver
	// through the listener once its secret is in this PC's keyring.
	connect := &signing.DocuSignConnectSettings{Keys: keys, Secrets: keyring, Settings: db, Log: log}
	// Leads: JivoChat, Clicksign webhooks and DocuSign Connect share one
	// local listener.
	chat, err := startLeads(a, db, people, hooks, dsHooks, connect.Wanted, log)
	connect.Listener = chat
	if err != nil {
		warnings = append(warnings, err)
	}
	// Reserva → Contratos and the send for e-signature.
	docs := contracts.New(contracts.Deps{Store: db.Contracts(), Reservations: resv,
		Legal: lg, Templates: tpls, Developments: devs, Keys: keys, Sender: sender, Files: files, Log: log})
	// A send prepared before its contract was marked "Vai a registro" is
	// checked again before it goes live (Tentar novamente, start-up resume).
	sender.Recheck = docs.RecheckRegistry
	// The training desk's signatures, refusals and passing days reach
	// status sync at once, as a webhook would tell it.
	desk := &training.Desk{Host: sim, DocuSign: dsSim, Changed: syncer.Kick}
	// "Avançar N dias" moves the DocuSign simulator's clock too; set before
	// its first start (nothing has called BaseURI while wiring).
	dsSim.Options.Now = desk.DocuSignNow
	// Painel: the manager's board of every envelope in the office; the
	// Simulador local's envelopes count days on the simulator's clock.
	painel := board.New(db.Board())
	painel.SimulatorNow = func(t time.Time) time.Time { return connector.Now(crm.EnvSimulator, t) }

	bound = []any{app.NewIntegrations(keys), app.NewDevelopments(devs), app.NewUsers(people), app.NewLeads(a, chat),
		app.NewSimulator(desk)}
	bound = append(bound, app.NewTemplates(a, tpls, uploads), app.NewLegal(lg), app.NewReservations(resv))
	bound = append(bound, app.NewUpdates(a, db, version, updateFeed))
	// Painel: the "Comece aqui" guide and the dados de exemplo.
	bound = append(bound, app.NewFirstRun(demo.New(db.Demo(), keyring, files, log)))
	bound = append(bound, app.NewContracts(a, docs, uploads), app.NewEnvelopes(a, syncer))
	bound = append(bound, app.NewWebhooks(&signing.WebhookSettings{Sender: sender, Keys: keys, Store: db.Webhooks(),
		Secrets: keyring, Listener: chat, Log: log}))
	bound = append(bound, app.NewDocuSignConnect(connect))
	bound = append(bound, app.NewBoard(a, painel))
	// Integrações: where webhooks land when the office runs `selo server`.
	server := &officeserver.Service{}
	if db.Engine() == sqlstore.Postgres {
		server.Store = db.OfficeServer()
	}
	bound = append(bound, app.NewOfficeServer(server))
	// Office mode: who uses this PC, stamped on what it creates and sends.
	who := office.NewWho(filepath.Join(home.Dir, office.WhoFileName), db.Engine() == sqlstore.Postgres, people, db.SetActor)
	if _, err := who.Restore(context.Background()); err != nil {
		warnings = append(warnings, err)
	}
	bound = append(bound, app.NewWho(who))
	// Pessoas → "Dados de uma pessoa" (LGPD), and the daily lead retention
	// pass (a claim in the database keeps it to one PC a day in an office).
	lgpd := &privacy.Service{Store: db.Privacy(), Actors: db, Files: files, Log: log, Host: hostName()}
	bound = append(bound, app.NewPrivacy(a, lgpd))
	retentionCtx, stopRetention := context.WithCancel(context.Background())
	a.OnStartup(func(context.Context) { go lgpd.RunRetention(retentionCtx) })

	// Start-up, once the window (and so the single-instance lock) is ours:
	// sends a previous run left unfinished resume in the background, then
	// status sync starts.
	// A send another PC (or this one's previous start) was running when it
	// died keeps a fresh claim for a while; WatchOrphans resumes it once the
	// claim is stale.
	watchCtx, stopWatch := context.WithCancel(context.Background())
	a.OnStartup(func(context.Context) {
		if ids, err := sender.ResumeOpen(context.Background()); err != nil {
			log.Error("resuming unfinished sends", "err", err)
		} else if len(ids) > 0 {
			log.Info("resuming unfinished sends", "count", len(ids))
		}
		go sender.WatchOrphans(watchCtx)
	})
	stopSync := runSync(a, syncer, log)
	if dsSyncer != syncer {
		stopClicksign := stopSync
		stopDocuSign := runSync(a, dsSyncer, log)
		stopSync = func() { stopClicksign(); stopDocuSign() }
	}
	// Live updates: what any PC writes to the office database reloads the
	// screens that show it (nothing to hear on SQLite).
	changes := &bus.Topic[[]crm.ChangeArea]{}
	changes.Subscribe(app.EmitDataChanged(a))
	stopChanges := followChanges(a, db.ChangeFeed(), changes)
	// Shutdown, in reverse dependency order: status sync stops; a send in
	// flight gets 5 s to save what Clicksign answered (one still running
	// after that stays "running" in the database and resumes at the next
	// start); the listener stops, so no webhook arrives after the
	// receiver's jobs are waited for; then the simulator, and last the
	// database all of them write to.
	a.OnShutdown(func(ctx context.Context) {
		stopRetention()
		stopWatch()
		stopChanges()
		stopSync()
		waitForSends(sender, 5*time.Second, log)
		if err := chat.Stop(ctx); err != nil {
			log.Error("stopping the JivoChat listener", "err", err)
		}
		if err := hooks.Close(ctx); err != nil {
			log.Warn("a webhook sync was still running at shutdown", "err", err)
		}
		if err := sim.Close(ctx); err != nil {
			log.Error("closing the simulator", "err", err)
		}
		if err := dsSim.Close(ctx); err != nil {
			log.Error("closing the DocuSign simulator", "err", err)
		}
		if err := db.Close(); err != nil {
			log.Error("closing database", "err", err)
		}
	})
	return bound, warnings
}

// newSender builds the send engine. Its events reach the window, and a
// finished send is published on sent, whose subscriber (status sync)
// starts watching the new envelope at once.
func newSender(a *app.App, db *sqlstore.DB, keys *integrations.Service, connector *signing.Connector,
	sent *bus.Topic[signing.SendResult], log *slog.Logger) *signing.Sender {
	sender := signing.NewSender(db.Envelopes(), keys, connector, func(name string, data any) {
		a.Emitter.Emit(name, data)
		if r, ok := data.(signing.SendResult); ok && name == signing.EventSent {
			sent.Publish(r)
		}
	})
	sender.Log = log
	return sender
}

// startLeads builds the lead desk and starts its local listener (JivoChat,
// and Clicksign webhooks through hooks) when either is on. A port in use is
// no reason to stay closed, but the user must see it at once (leads would
// silently stop arriving): that error comes back as a start-up warning.
func startLeads(a *app.App, db *sqlstore.DB, people *users.Service, hooks *signing.WebhookReceiver,
	dsHooks *signing.DocuSignReceiver, connectWanted func(context.Context) (bool, error), log *slog.Logger) (*leads.Service, error) {
	chat, err := leads.New(leads.Options{Store: db.Leads(), Settings: db, Users: people, Logger: log,
		Clicksign: hooks, ClicksignWanted: db.Webhooks().AnyWebhook, DocuSign: dsHooks, DocuSignWanted: connectWanted})
	if err != nil {
		// Only a wiring mistake gets here (a nil store); fail loudly.
		panic(err)
	}
	chat.SetOnNewLead(func(id, name string) {
		a.Emitter.Emit(string(app.EventLeadNew), map[string]string{"id": id, "name": name})
	})
	if err := chat.Start(context.Background()); err != nil {
		log.Warn("JivoChat listener not started", "err", err)
		return chat, err
	}
	return chat, nil
}

// runSync starts status sync with the window: at start-up, then on a timer
// while an envelope runs. The stop it returns ends the loop and waits for
// a sync in progress; a process that never got the window (a second
// launch) has no loop to wait for.
func runSync(a *app.App, syncer *signing.Syncer, log *slog.Logger) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	var started atomic.Bool
	a.OnStartup(func(context.Context) {
		started.Store(true)
		go func() {
			defer close(done)
			syncer.Run(ctx, func(err error) { log.Warn("status sync", "code", crm.AsError(err).Code) })
		}()
	})
	return func() {
		cancel()
		if started.Load() {
			<-done
		}
	}
}

// followChanges publishes the office database's change feed on topic from
// start-up until the stop it returns, which waits for the listener to
// close. A nil feed (SQLite) starts nothing.
func followChanges(a *app.App, feed crm.ChangeFeed, topic *bus.Topic[[]crm.ChangeArea]) (stop func()) {
	if feed == nil {
		return func() {}
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	var started atomic.Bool
	a.OnStartup(func(context.Context) {
		started.Store(true)
		go func() {
			defer close(done)
			for areas := range feed.Changes(ctx) {
				topic.Publish(areas)
			}
		}()
	})
	return func() {
		cancel()
		if started.Load() {
			<-done
		}
	}
}

// waitForSends gives the sends in flight up to limit to finish.
func waitForSends(sender *signing.Sender, limit time.Duration, log *slog.Logger) {
	done := make(chan struct{})
	go func() { sender.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(limit):
		log.Warn("a send was still running at shutdown; it resumes at the next start")
	}
}

// generateBindings hands Wails the bound structs without opening anything:
// the generator only reads their method sets.
func generateBindings() error {
	bound := []any{&app.System{}, &app.Integrations{}, &app.Developments{}, &app.Users{}, &app.Leads{}, &app.Simulator{}}
	// Contract templates (Contratos).
	bound = append(bound, &app.Templates{})
	// Jurídico: associated contracts and signer rules.
	bound = append(bound, &app.Legal{})
	// Reservas.
	bound = append(bound, &app.Reservations{}, &app.Updates{})
	// Painel: the "Comece aqui" guide and the dados de exemplo.
	bound = append(bound, &app.FirstRun{})
	// Reserva → Contratos.
	bound = append(bound, &app.Contracts{}, &app.Envelopes{})
	// Painel: the manager's board.
	bound = append(bound, &app.Board{})
	// Clicksign webhooks.
	bound = append(bound, &app.Webhooks{})
	// DocuSign Connect for real DocuSign keys.
	bound = append(bound, &app.DocuSignConnect{})
	// Configurações → Escritório.
	bound = append(bound, &app.Office{}, &app.Who{})
	// Integrações: the office server.
	bound = append(bound, &app.OfficeServer{})
	bound = append(bound, &app.Privacy{})
	return wails.Run(&options.App{Bind: bound, EnumBind: []any{app.AllEvents, app.AllChangeAreas}})
}

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:6])
}
