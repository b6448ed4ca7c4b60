package sqlstore

import (
	"context"
	"errors"
	"os"
	"runtime"
	"testing"

	"github.com/jackc/pgx/v5/stdlib"

	"selo/backend/crm"
)

// openTemp opens a fresh database on the engine under test (engine_test.go);
// the path is the SQLite file, "" on PostgreSQL.
func openTemp(t *testing.T) (*DB, string) {
	t.Helper()
	return openTestDB(t)
}

func TestOpenMigratesFromZero(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	ms, err := MigrationsFor(db.Engine())
	if err != nil {
		t.Fatal(err)
	}
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v != ms[len(ms)-1].Version {
		t.Fatalf("schema version %d, want the latest migration %d", v, ms[len(ms)-1].Version)
	}
	var applied int
	if err := db.QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&applied); err != nil {
		t.Fatal(err)
	}
	if applied != len(ms) {
		t.Fatalf("%d migrations recorded, want %d", applied, len(ms))
	}
	if res, err := db.IntegrityCheck(ctx); err != nil || res != "ok" {
		t.Fatalf("integrity_check = %q, %v", res, err)
	}
}

func TestOpenSetsPragmasAndPermissions(t *testing.T) {
	skipOnPostgres(t, "SQLite pragmas and the file's permissions")
	db, p := openTemp(t)
	var mode string
	var fk, busy int
	if err := db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`PRAGMA foreign_keys`).Scan(&fk); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`PRAGMA busy_timeout`).Scan(&busy); err != nil {
		t.Fatal(err)
	}
	if mode != "wal" || fk != 1 || busy < 1000 {
		t.Fatalf("journal_mode=%s foreign_keys=%d busy_timeout=%d", mode, fk, busy)
	}
	if runtime.GOOS != "windows" {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Fatalf("database mode %v, want 0600", st.Mode().Perm())
		}
	}
}

func TestReopenIsIdempotent(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	if err := db.SetSetting(ctx, "guide.hidden", "true"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db2, err := reopenTestDB(t, db)
	if err != nil {
		t.Fatalf("reopening a current database: %v", err)
	}
	defer db2.Close()
	v, ok, err := db2.Setting(ctx, "guide.hidden")
	if err != nil || !ok || v != "true" {
		t.Fatalf("setting after reopen = %q, %v, %v", v, ok, err)
	}
}

func TestNewerDatabaseIsRefusedUntouched(t *testing.T) {
	db, p := openTemp(t)
	if _, err := db.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'from_the_future', 'x')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, err := schemaSnapshot(t, db, p)
	if err != nil {
		t.Fatal(err)
	}

	_, err = reopenTestDB(t, db)
	var ce *crm.Error
	if !errors.As(err, &ce) || ce.Code != crm.CodeDatabaseNewer {
		t.Fatalf("Open of a newer database = %v, want %s", err, crm.CodeDatabaseNewer)
	}
	if ce.Data["dbVersion"] != 9999 {
		t.Fatalf("error data %v does not name the database's version", ce.Data)
	}
	after, err := schemaSnapshot(t, db, p)
	if err != nil {
		t.Fatal(err)
	}
	if string(before) != string(after) {
		t.Fatal("refusing a newer database must not alter it")
	}
}

func TestSettingMissing(t *testing.T) {
	db, _ := openTemp(t)
	_, ok, err := db.Setting(context.Background(), "nope")
	if err != nil || ok {
		t.Fatalf("missing setting: ok=%v err=%v", ok, err)
	}
}

// schemaSnapshot is what "untouched" compares: the SQLite file's bytes, or on
// PostgreSQL (no file) the recorded migrations and the schema's columns.
func schemaSnapshot(t *testing.T, closed *DB, path string) ([]byte, error) {
	t.Helper()
	if !onPostgres() {
		return os.ReadFile(path)
	}
	cfg, _ := pgConfigs.Load(closed)
	cc, err := cfg.(PostgresConfig).connConfig()
	if err != nil {
		return nil, err
	}
	raw := stdlib.OpenDB(*cc)
	defer raw.Close()
	rows, err := raw.Query(`SELECT 'm' || version || name || applied_at FROM schema_migrations
		UNION ALL SELECT 'c' || table_name || '.' || column_name || ':' || data_type FROM information_schema.columns
		WHERE table_schema = 'public' ORDER BY 1`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []byte
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s...)
		out = append(out, '\n')
	}
	return out, rows.Err()
}
