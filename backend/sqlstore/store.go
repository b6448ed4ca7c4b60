// Package sqlstore is Selo's storage adapter: the SQL behind every service's
// store interface, on either of two engines.
//
// On one PC it runs on one SQLite file in the data home, opened through the
// pure-Go modernc.org/sqlite driver (no cgo, so the Windows build
// cross-compiles) with WAL, foreign keys and a busy timeout (Open). In an
// office it runs on a shared PostgreSQL server through pgx's database/sql
// driver, also pure Go (OpenPostgres).
//
// Approach: one shared query layer with the dialect differences isolated,
// not two adapters and not generated code. The stores hold a single SQL text
// per query, written in the subset both engines accept: ? placeholders
// (DB and Tx renumber them to $n for PostgreSQL, skipping quoted text),
// INTEGER 0/1 flags (Go bools are stored as 0/1), INSERT … RETURNING id
// instead of LastInsertId, ON CONFLICT instead of INSERT OR …, timestamps as
// fixed-format UTC TEXT so values and ordering match, and COLLATE NOCASE,
// which the PostgreSQL schema provides as a nondeterministic ICU collation
// of the same name. Transactions behave as the stores expect from SQLite:
// write transactions take turns (an advisory lock on PostgreSQL, BEGIN
// IMMEDIATE on SQLite), and inside a PostgreSQL transaction each write runs
// under a savepoint, so a refused write leaves the transaction usable.
//
// What cannot be shared is small and named: the migrations
// (migrations/sqlite and migrations/postgres, one file per version each, same numbers
// and names, same tables and columns in the same order, checked by
// TestMigrationSetsMatch); one SQL fragment (Engine.numberOrder, the numeric
// order of unit numbers); one statement (IntegrityCheck); the three
// constraint-violation checks (violations.go reads SQLite's message or
// PostgreSQL's SQLSTATE); and the opening of each engine (sqlite.go,
// postgres.go). No store query exists twice. Two adapters would have
// duplicated every query (about 180 call sites) and sqlc would have needed both
// engines' SQL for each of them, so this layer is what keeps the stores
// written once. ONE test suite proves them on both engines: the package's
// tests open the engine SELO_TEST_POSTGRES selects (SQLite when unset).
package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"selo/backend/crm"
)

//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFiles embed.FS

// DB is an open Selo database on either engine. Its query methods take the
// stores' single SQL text and adapt it to the engine (dialect.go).
type DB struct {
	*sql.DB
	path   string
	engine Engine
	// where names the database in errors: the file, or host/database.
	where string
	// listen is how the change feed reaches the server on a connection of
	// its own (nil on SQLite). It holds the password: never log it.
	listen *pgx.ConnConfig
	// actor is who uses this desktop (actor.go).
	actor actorBox
}

// Migration is one numbered schema step.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations returns the SQLite migrations in order; see MigrationsFor.
func Migrations() ([]Migration, error) { return MigrationsFor(SQLite) }

// MigrationsFor returns engine e's embedded migrations in order. It fails on
// a badly named or duplicated file, which is a programming error caught by
// tests.
func MigrationsFor(e Engine) ([]Migration, error) {
	dir := path.Join("migrations", string(e))
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, err
	}
	var ms []Migration
	seen := map[int]string{}
	for _, e := range entries {
		name := e.Name()
		num, rest, ok := strings.Cut(strings.TrimSuffix(name, ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %q: want NNNN_name.sql", name)
		}
		if other, dup := seen[v]; dup {
			return nil, fmt.Errorf("migrations %q and %q share number %d", other, name, v)
		}
		seen[v] = name
		body, err := fs.ReadFile(migrationFiles, path.Join(dir, name))
		if err != nil {
			return nil, err
		}
		ms = append(ms, Migration{Version: v, Name: rest, SQL: string(body)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	return ms, nil
}

// Path is the database file ("" on PostgreSQL).
func (db *DB) Path() string { return db.path }

// SchemaVersion is the highest migration applied.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	return schemaVersion(ctx, db)
}

func schemaVersion(ctx context.Context, q querier) (int, error) {
	var v sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&v)
	return int(v.Int64), err
}

// migrate brings the schema to the latest version; a database written by a
// newer Selo is refused untouched with crm.CodeDatabaseNewer on either
// engine, rather than risk damaging data this version does not understand.
//
// Several PCs may start against a new office database at once: every step,
// the creation of schema_migrations included, runs in a write transaction,
// which takes turns with the other PCs' (see BeginTx), and reads the version
// again inside it, so each step is applied exactly once.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := MigrationsFor(db.engine)
	if err != nil {
		return err
	}
	if err := db.inWriteTx(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version    INTEGER PRIMARY KEY,
			name       TEXT NOT NULL,
			applied_at TEXT NOT NULL
		)`)
		return err
	}); err != nil {
		return fmt.Errorf("creating schema_migrations: %w", err)
	}
	current, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	latest := 0
	if len(ms) > 0 {
		latest = ms[len(ms)-1].Version
	}
	if current > latest {
		return crm.E(crm.CodeDatabaseNewer, "dbVersion", current, "appVersion", latest, "path", db.where)
	}
	for _, m := range ms {
		if m.Version <= current {
			continue
		}
		if err := db.apply(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

// inWriteTx runs fn in a write transaction, committed when fn succeeds.
func (db *DB) inWriteTx(ctx context.Context, fn func(*Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// apply runs one migration and records it in the same transaction, so a crash
// mid-migration leaves the previous schema, never a half-applied one. A step
// another PC applied meanwhile is skipped.
func (db *DB) apply(ctx context.Context, m Migration) error {
	return db.inWriteTx(ctx, func(tx *Tx) error {
		v, err := schemaVersion(ctx, tx)
		if err != nil {
			return err
		}
		if v >= m.Version {
			return nil
		}
		// The file as written: it may hold several statements and its own
		// literal question marks, so it bypasses the placeholder rewriting.
		if _, err := tx.tx.ExecContext(ctx, m.SQL); err != nil {
			return fmt.Errorf("migration %04d_%s: %w", m.Version, m.Name, err)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
			m.Version, m.Name, time.Now().UTC().Format(time.RFC3339))
		return err
	})
}

// IntegrityCheck runs the engine's own consistency check and returns its
// verdict ("ok" when healthy). SQLite checks the file page by page;
// PostgreSQL has no such statement (the server guards its own pages), so
// there the check is that the server answers a query.
func (db *DB) IntegrityCheck(ctx context.Context) (string, error) {
	q := `PRAGMA integrity_check`
	if db.engine == Postgres {
		q = `SELECT 'ok'`
	}
	var res string
	err := db.QueryRowContext(ctx, q).Scan(&res)
	return res, err
}
