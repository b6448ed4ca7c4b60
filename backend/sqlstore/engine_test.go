package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/stdlib"
)

// The package's tests are the store contract suite. They run on SQLite by
// default; with SELO_TEST_POSTGRES set to a server DSN whose role may
// CREATE DATABASE, the whole binary runs on PostgreSQL instead, each test on
// a fresh database of its own. A PostgreSQL that cannot be reached then
// fails the tests: it never turns them into skips.
//
// Read at each call, not in a package variable: go test's result cache only
// notices environment variables read while tests run.
func testPostgresDSN() string { return os.Getenv("SELO_TEST_POSTGRES") }

// onPostgres says the suite runs on PostgreSQL.
func onPostgres() bool { return testPostgresDSN() != "" }

// pgConfigs remembers how each test database was opened, so a test can
// close and reopen it as an app restart would.
var pgConfigs sync.Map // *DB -> PostgresConfig

// openTestDB opens a fresh, migrated database on the engine under test;
// path is the SQLite file ("" on PostgreSQL).
func openTestDB(t *testing.T) (db *DB, path string) {
	t.Helper()
	ctx := context.Background()
	if !onPostgres() {
		p := filepath.Join(t.TempDir(), "selo.db")
		db, err := Open(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db, p
	}
	cfg := freshPostgresDatabase(t)
	db, err := OpenPostgres(ctx, cfg)
	if err != nil {
		t.Fatalf("opening the test database on PostgreSQL: %v", err)
	}
	pgConfigs.Store(db, cfg)
	// Registered after the DROP cleanup, so it runs first.
	t.Cleanup(func() { db.Close() })
	return db, ""
}

// reopenTestDB opens again the database db was opened on (after db.Close),
// as the next start of the app would.
func reopenTestDB(t *testing.T, db *DB) (*DB, error) {
	t.Helper()
	if !onPostgres() {
		return Open(context.Background(), db.Path())
	}
	cfg, ok := pgConfigs.Load(db)
	if !ok {
		t.Fatal("reopenTestDB: not a database opened by openTestDB")
	}
	return OpenPostgres(context.Background(), cfg.(PostgresConfig))
}

// skipOnPostgres skips a test that is about the SQLite file itself.
func skipOnPostgres(t *testing.T, why string) {
	t.Helper()
	if onPostgres() {
		t.Skip("SQLite file only: " + why)
	}
}

// testServerConfig reads SELO_TEST_POSTGRES into a PostgresConfig.
func testServerConfig(t *testing.T) PostgresConfig {
	t.Helper()
	u, err := url.Parse(testPostgresDSN())
	if err != nil || u.Host == "" {
		t.Fatal("SELO_TEST_POSTGRES is not a postgres:// URL")
	}
	port := 5432
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil {
			t.Fatal("SELO_TEST_POSTGRES has a bad port")
		}
	}
	pw, _ := u.User.Password()
	return PostgresConfig{
		Host: u.Hostname(), Port: port, Database: u.Path[1:], User: u.User.Username(), Password: pw,
		SSLMode: u.Query().Get("sslmode"), RootCertFile: u.Query().Get("sslrootcert"),
	}
}

// freshPostgresDatabase creates selo_t_<random> on the test server and drops
// it when the test ends.
func freshPostgresDatabase(t *testing.T) PostgresConfig {
	t.Helper()
	server := testServerConfig(t)
	cc, err := server.connConfig()
	if err != nil {
		t.Fatal(err)
	}
	admin := openAdmin(t, server)
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	name := "selo_t_" + hex.EncodeToString(b[:])
	// An office server sorts text by its locale, not byte by byte as this
	// machine's C cluster would: give the test database pt-BR's ICU order,
	// so a query that only works in byte order is caught here.
	if _, err := admin.Exec(`CREATE DATABASE ` + name + ` TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'pt-BR' LOCALE 'C.UTF-8'`); err != nil {
		t.Logf("no ICU pt-BR database on this server (%v); using its default locale", err)
		if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
			t.Fatalf("creating the test database on %s:%d: %v", cc.Host, cc.Port, err)
		}
	}
	t.Cleanup(func() {
		defer admin.Close()
		// Not WITH (FORCE): that needs the right to signal autovacuum,
		// which the test role may lack. The test's own connections are
		// closed by now; a closing one may linger a moment, hence the
		// retries.
		var err error
		for try := 0; try < 50; try++ {
			if _, err = admin.Exec(`DROP DATABASE IF EXISTS ` + name); err == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Errorf("dropping %s: %v", name, err)
	})
	cfg := server
	cfg.Database = name
	return cfg
}

// openAdmin connects to the database named in the DSN, from which test
// databases are created and dropped.
func openAdmin(t *testing.T, c PostgresConfig) *sql.DB {
	t.Helper()
	cc, err := c.connConfig()
	if err != nil {
		t.Fatal(err)
	}
	return stdlib.OpenDB(*cc)
}
