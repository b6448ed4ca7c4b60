package signing_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"selo/backend/clicksign"
	"selo/backend/clicksign/simulator"
	"selo/backend/crm"
	"selo/backend/integrations"
	"selo/backend/secrets"
	"selo/backend/signing"
	"selo/backend/sqlstore"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx", for the admin connection
)

// newPostgresFixture is newFixture on a fresh database of the office server
// SELO_TEST_POSTGRES names (build/scripts/test.sh's PostgreSQL step). It
// returns the admin connection too, to cut the sessions of that database.
// Without the variable the test is skipped; with it, a server that cannot
// be reached fails the test.
func newPostgresFixture(t *testing.T) (*fixture, *sql.DB, string) {
	t.Helper()
	dsn := os.Getenv("SELO_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("needs SELO_TEST_POSTGRES (build/scripts/test.sh's PostgreSQL step sets it)")
	}
	ctx := context.Background()
	u, err := url.Parse(dsn)
	if err != nil || u.Host == "" {
		t.Fatal("SELO_TEST_POSTGRES is not a postgres:// URL")
	}
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "selo_sig_" + hex.EncodeToString(b[:])
	if _, err := admin.ExecContext(ctx, `CREATE DATABASE `+name); err != nil {
		t.Fatalf("creating the test database: %v", err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		for try := 0; try < 50; try++ {
			if _, err := admin.Exec(`DROP DATABASE IF EXISTS ` + name); err == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	port, _ := strconv.Atoi(u.Port())
	pw, _ := u.User.Password()
	db, err := sqlstore.OpenPostgres(ctx, sqlstore.PostgresConfig{Host: u.Hostname(), Port: port, Database: name,
		User: u.User.Username(), Password: pw, SSLMode: u.Query().Get("sslmode")})
	if err != nil {
		t.Fatalf("opening the office database: %v", err)
	}
	t.Cleanup(func() { db.Close() })

	sim, err := simulator.New(simulator.Options{Tokens: []string{simToken}, RateLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	inflight := &sync.WaitGroup{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		inflight.Add(1)
		defer inflight.Done()
		sim.ServeHTTP(w, r)
	}))
	t.Cleanup(func() { srv.Close(); sim.Close() })
	sec := secrets.NewMemory()
	keys := integrations.New(db.Integrations(), sec, func(context.Context, crm.Environment, string) error { return nil }, slog.New(slog.DiscardHandler))
	key, err := keys.Save(ctx, crm.IntegrationInput{Description: "Clicksign teste", Environment: crm.EnvSandbox, Token: simToken})
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, sim: sim, srv: srv, db: db, keys: keys, sec: sec, key: key, base: srv.URL + "/api/v3",
		trace: &tracer{}, logBuf: &syncBuffer{}, inflight: inflight}, admin, name
}

// The office server restarts while a send is in flight, after Clicksign
// made the envelope: every session of the database is cut (57P01
// admin_shutdown, what a restart sends each of them). The send resumes
// once, from what was saved, and there is exactly one envelope at
// Clicksign and in the database.
func TestSendOnPostgresSurvivesAServerRestartMidSend(t *testing.T) {
	f, admin, name := newPostgresFixture(t)
	ctx := context.Background()
	reached := make(chan struct{})
	release := make(chan struct{})
	var once sync.Once
	emit := func(name string, data any) {
		f.mu.Lock()
		f.events = append(f.events, event{name, data})
		f.mu.Unlock()
		if p, ok := data.(signing.Progress); ok && p.Step == signing.ProgressSigners {
			once.Do(func() { close(reached); <-release })
		}
	}
	a := signing.NewSender(f.db.Envelopes(), f.keys, &signing.Connector{BaseURLs: map[crm.Environment]string{crm.EnvSandbox: f.base}}, emit)
	a.ClientOptions = []clicksign.Option{clicksign.WithRateLimit(0, 0)}
	a.ClaimHeartbeat = 20 * time.Millisecond
	free := sync.OnceFunc(func() { close(release) })
	t.Cleanup(func() { free(); a.Wait() })

	id, err := a.Start(ctx, f.request())
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-reached:
	case <-time.After(20 * time.Second):
		t.Fatal("the send did not reach the signers")
	}
	op, err := f.db.Envelopes().Send(ctx, id)
	if err != nil || op.EnvelopeID == "" {
		t.Fatalf("before the restart: op %+v, %v; want the envelope id saved", op, err)
	}
	// The heartbeat holds a session; let it and the run's own be in use.
	time.Sleep(60 * time.Millisecond)
	var cut int
	if err := admin.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE datname = $1 AND pid <> pg_backend_pid()) s`, name).Scan(&cut); err != nil {
		t.Fatal(err)
	}
	if cut == 0 {
		t.Fatal("no session of the send's database was cut: the test tests nothing")
	}
	free()
	a.Wait()
	// The run's next write met its cut session. Either it stopped and said
	// so, or the pool replaced the dead connection and the run finished:
	// database/sql retries a statement on a fresh connection when the old
	// one is already known dead. Both are right; what must hold either way
	// is checked below: one envelope, sent once, and a resume that
	// completes the send or changes nothing.
	if op, err := f.db.Envelopes().Send(ctx, id); err != nil {
		t.Fatalf("reading the operation after the restart: %v", err)
	} else if op.Status == signing.SendSent {
		t.Log("the run finished on a fresh connection after the restart")
	}

	// A restart takes a moment; by the next run (the user's "Tentar
	// novamente", or another PC once the claim is stale) the pool checks a
	// connection idle for over a second before reusing it, so the dead
	// ones are dropped, not handed to the resume.
	time.Sleep(1500 * time.Millisecond)
	// The next run, on this PC or another, with the run's claim stale by
	// then, completes the send from the saved steps.
	b := f.sender("")
	b.Now = func() time.Time { return time.Now().Add(signing.DefaultClaimStale + time.Second) }
	if err := b.Resume(ctx, id); err != nil {
		t.Fatalf("resume after the restart: %v", err)
	}
	b.Wait()
	f.checkSent(id)
	if n := f.sim.RequestCounts()["POST /api/v3/envelopes"]; n != 1 {
		t.Fatalf("envelope creates at Clicksign = %d, want 1", n)
	}
	if n := f.count(signing.EventSent); n > 1 {
		t.Fatalf("runs that sent = %d, want at most 1 from A and none twice", n)
	}
	// A resume more changes nothing.
	if err := f.sender("").Resume(ctx, id); err != nil {
		t.Fatal(err)
	}
	f.checkSent(id)
}
