package app

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	// The database/sql driver named "pgx", to create and drop bench databases.
	_ "github.com/jackc/pgx/v5/stdlib"

	"selo/backend/sqlstore"
)

// benchEngine is one engine a bench figure is measured on; its name ends
// every figure ("…_sqlite", "…_postgres").
type benchEngine struct {
	name string
	// open returns a fresh, migrated, empty database; each call on
	// PostgreSQL opens a new pool on the same database (another PC).
	open func(t *testing.T) *sqlstore.DB
}

// benchEngines lists SQLite and, when SELO_TEST_POSTGRES names a server
// (bench.sh starts one), PostgreSQL on a fresh database of its own. A
// server that cannot be reached fails the bench: it is never skipped.
func benchEngines(t *testing.T) []benchEngine {
	t.Helper()
	engines := []benchEngine{{name: "sqlite", open: func(t *testing.T) *sqlstore.DB {
		db, err := sqlstore.Open(context.Background(), filepath.Join(t.TempDir(), "selo.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}}}
	if os.Getenv("SELO_TEST_POSTGRES") == "" {
		t.Log("SELO_TEST_POSTGRES is not set: PostgreSQL figures left out (bench.sh starts a server)")
		return engines
	}
	return append(engines, benchEngine{name: "postgres", open: func(t *testing.T) *sqlstore.DB {
		return openBenchPostgres(t, freshBenchDatabase(t))
	}})
}

// openBenchPostgres opens another pool on cfg's database, as one more PC.
func openBenchPostgres(t *testing.T, cfg sqlstore.PostgresConfig) *sqlstore.DB {
	t.Helper()
	db, err := sqlstore.OpenPostgres(context.Background(), cfg)
	if err != nil {
		t.Fatalf("opening the bench database on PostgreSQL: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// freshBenchDatabase creates selo_bench_<random> on the SELO_TEST_POSTGRES
// server, dropped when the test ends.
func freshBenchDatabase(t *testing.T) sqlstore.PostgresConfig {
	t.Helper()
	dsn := os.Getenv("SELO_TEST_POSTGRES")
	u, err := url.Parse(dsn)
	if err != nil || u.Host == "" || len(u.Path) < 2 {
		t.Fatal("SELO_TEST_POSTGRES is not a postgres:// URL with a database")
	}
	port := 5432
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil {
			t.Fatal("SELO_TEST_POSTGRES has a bad port")
		}
	}
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	var b [6]byte
	rand.Read(b[:])
	name := "selo_bench_" + hex.EncodeToString(b[:])
	// As the store suite does: pt-BR ICU order, as an office server sorts.
	if _, err := admin.Exec(`CREATE DATABASE ` + name + ` TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'pt-BR' LOCALE 'C.UTF-8'`); err != nil {
		if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
			admin.Close()
			t.Fatalf("creating the bench database on %s: %v", u.Host, err)
		}
	}
	t.Cleanup(func() {
		defer admin.Close()
		var err error
		for try := 0; try < 50; try++ {
			if _, err = admin.Exec(`DROP DATABASE IF EXISTS ` + name); err == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Errorf("dropping %s: %v", name, err)
	})
	pw, _ := u.User.Password()
	return sqlstore.PostgresConfig{Host: u.Hostname(), Port: port, Database: name, User: u.User.Username(),
		Password: pw, SSLMode: u.Query().Get("sslmode")}
}

// batchInsert writes rows into table in multi-row INSERTs of at most 500
// rows, the fast way to seed either engine inside one transaction.
func batchInsert(t *testing.T, tx *sqlstore.Tx, table, columns string, rows [][]any) {
	t.Helper()
	if len(rows) == 0 {
		return
	}
	marks := "(?" + strings.Repeat(", ?", len(rows[0])-1) + ")"
	for start := 0; start < len(rows); start += 500 {
		end := min(start+500, len(rows))
		var sb strings.Builder
		var args []any
		sb.WriteString("INSERT INTO " + table + " (" + columns + ") VALUES ")
		for i, r := range rows[start:end] {
			if i > 0 {
				sb.WriteString(", ")
			}
			sb.WriteString(marks)
			args = append(args, r...)
		}
		if _, err := tx.Exec(sb.String(), args...); err != nil {
			t.Fatalf("seeding %s: %v", table, err)
		}
	}
}

// resetSequences moves PostgreSQL's identity sequences past ids the seed
// wrote explicitly, so rows the app inserts afterwards get fresh ids.
func resetSequences(t *testing.T, db *sqlstore.DB, engine sqlstore.Engine, tables ...string) {
	t.Helper()
	if engine != sqlstore.Postgres {
		return
	}
	for _, table := range tables {
		if _, err := db.Exec(`SELECT setval(pg_get_serial_sequence('` + table + `', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM ` + table + `), false)`); err != nil {
			t.Fatalf("resetting %s's sequence: %v", table, err)
		}
	}
}

// latencies summarises samples as the bench prints them.
type latencies []time.Duration

func (l latencies) pct(p int) float64 {
	s := append(latencies(nil), l...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := min(len(s)*p/100, len(s)-1)
	return float64(s[i].Microseconds()) / 1000
}

func (l latencies) print(name, engine string) {
	fmt.Printf("%s_calls_%s: %d\n", name, engine, len(l))
	fmt.Printf("%s_p50_ms_%s: %.2f\n", name, engine, l.pct(50))
	fmt.Printf("%s_p99_ms_%s: %.2f\n", name, engine, l.pct(99))
	fmt.Printf("%s_max_ms_%s: %.2f\n", name, engine, l.pct(100))
}

// processCPU is the CPU time this test process has used. Per call, it is a
// figure the other work on a shared machine barely moves, unlike wall time:
// on SQLite it is the whole cost of a call, on PostgreSQL the client's share
// (the server's CPU is in another process).
func processCPU() time.Duration {
	var r syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &r); err != nil {
		return 0
	}
	return time.Duration(r.Utime.Nano() + r.Stime.Nano())
}

// printCPU prints the process CPU per call spent since start.
func printCPU(name, engine string, start time.Duration, calls int) {
	fmt.Printf("%s_cpu_ms_per_call_%s: %.2f\n", name, engine, float64((processCPU()-start).Microseconds())/1000/float64(calls))
}
