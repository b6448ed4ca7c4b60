// Package sqlstore is Selo's storage adapter: the SQL behind every service's
// store interface. On one PC it runs on one SQLite file in the data home,
// opened through the pure-Go modernc.org/sqlite driver (no cgo, so the
// Windows build cross-compiles) with WAL, foreign keys and a busy timeout,
// and brought to the current schema by embedded, numbered migrations at
// start-up. The office's PostgreSQL is its second engine.
package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"selo/backend/crm"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// fileMode keeps the database readable by its owner only.
const fileMode = 0o600

// busyTimeout lets a writer wait for another instead of failing at once; the
// sync loop and a user's save can overlap.
const busyTimeout = 5 * time.Second

// DB is an open Selo database.
type DB struct {
	*sql.DB
	path   string
	engine Engine
}

// Migration is one numbered schema step.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations returns the embedded migrations in order. It fails on a badly
// named or duplicated file, which is a programming error caught by tests.
func Migrations() ([]Migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
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
		body, err := fs.ReadFile(migrationFiles, path.Join("migrations", name))
		if err != nil {
			return nil, err
		}
		ms = append(ms, Migration{Version: v, Name: rest, SQL: string(body)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	return ms, nil
}

// Open opens (creating if needed) the database at path and migrates it.
// A database written by a newer Selo is refused untouched with
// crm.CodeDatabaseNewer rather than risk damaging data it does not understand.
func Open(ctx context.Context, filePath string) (*DB, error) {
	// Create the file with private permissions before SQLite does, so it is
	// never world-readable even for a moment.
	// A file that cannot be opened for writing (another user's, a read-only
	// disk) is the data folder's problem as the user sees it: same code, the
	// file named, so the start-up screen says what to fix.
	f, err := os.OpenFile(filePath, os.O_RDWR|os.O_CREATE, fileMode)
	if err != nil {
		return nil, crm.Unwritable(filePath, fmt.Errorf("creating database file: %w", err))
	}
	f.Close()
	if err := os.Chmod(filePath, fileMode); err != nil {
		return nil, crm.Unwritable(filePath, fmt.Errorf("securing database file: %w", err))
	}
	// SQLite creates -wal and -shm with the main file's mode, but keeps the
	// mode of ones that already exist: tighten any an older Selo left loose.
	for _, side := range []string{filePath + "-wal", filePath + "-shm"} {
		if err := os.Chmod(side, fileMode); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, crm.Unwritable(side, fmt.Errorf("securing database file: %w", err))
		}
	}

	q := url.Values{}
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_txlock", "immediate")
	sqldb, err := sql.Open("sqlite", "file:"+filePath+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	db := &DB{DB: sqldb, path: filePath, engine: SQLite}
	if err := db.PingContext(ctx); err != nil {
		sqldb.Close()
		return nil, fmt.Errorf("opening database: %w", err)
	}
	if err := db.migrate(ctx); err != nil {
		sqldb.Close()
		return nil, err
	}
	return db, nil
}

// Path is the database file.
func (db *DB) Path() string { return db.path }

// SchemaVersion is the highest migration applied.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v sql.NullInt64
	err := db.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&v)
	return int(v.Int64), err
}

func (db *DB) migrate(ctx context.Context) error {
	ms, err := Migrations()
	if err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TEXT NOT NULL
	)`); err != nil {
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
		return crm.E(crm.CodeDatabaseNewer, "dbVersion", current, "appVersion", latest, "path", db.path)
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

// apply runs one migration and records it in the same transaction, so a crash
// mid-migration leaves the previous schema, never a half-applied one.
func (db *DB) apply(ctx context.Context, m Migration) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return fmt.Errorf("migration %04d_%s: %w", m.Version, m.Name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		m.Version, m.Name, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	return tx.Commit()
}

// IntegrityCheck runs SQLite's own consistency check and returns its verdict
// ("ok" when healthy).
func (db *DB) IntegrityCheck(ctx context.Context) (string, error) {
	var res string
	err := db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res)
	return res, err
}
