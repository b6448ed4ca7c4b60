package sqlstore

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestMigrationSetsMatch: the SQLite and PostgreSQL migrations have the same
// numbers and names and build the same tables with the same columns in the
// same order, of the same kind and nullability, so one SQL text serves both
// and data can move from one to the other. It needs both engines, so it runs
// when SELO_TEST_POSTGRES is set.
func TestMigrationSetsMatch(t *testing.T) {
	lite, err := MigrationsFor(SQLite)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := MigrationsFor(Postgres)
	if err != nil {
		t.Fatal(err)
	}
	if len(lite) != len(pg) {
		t.Fatalf("%d SQLite migrations, %d PostgreSQL ones", len(lite), len(pg))
	}
	for i := range lite {
		if lite[i].Version != pg[i].Version || lite[i].Name != pg[i].Name {
			t.Errorf("migration %d: SQLite %04d_%s, PostgreSQL %04d_%s", i, lite[i].Version, lite[i].Name, pg[i].Version, pg[i].Name)
		}
	}
	if !onPostgres() {
		t.Skip("comparing the built schemas needs PostgreSQL: set SELO_TEST_POSTGRES")
	}
	ctx := context.Background()
	sdb, err := Open(ctx, filepath.Join(t.TempDir(), "selo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	pdb, _ := openTestDB(t)

	want := sqliteSchema(t, sdb)
	got := postgresSchema(t, pdb)
	if len(want) < 20 {
		t.Fatalf("SQLite schema has only %d tables", len(want))
	}
	if w, g := strings.Join(want, "\n"), strings.Join(got, "\n"); w != g {
		t.Fatalf("schemas differ\nSQLite:\n%s\n\nPostgreSQL:\n%s", w, g)
	}
}

// sqliteSchema lists each table as "name: col kind null, …" in column order.
func sqliteSchema(t *testing.T, db *DB) []string {
	t.Helper()
	tables, err := queryStrings(context.Background(), db,
		`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, tb := range tables {
		rows, err := db.Query(`SELECT name, type, "notnull", pk FROM pragma_table_info(?) ORDER BY cid`, tb)
		if err != nil {
			t.Fatal(err)
		}
		var cols []string
		for rows.Next() {
			var name, typ string
			var notNull, pk int
			if err := rows.Scan(&name, &typ, &notNull, &pk); err != nil {
				t.Fatal(err)
			}
			// A primary key column is never NULL on PostgreSQL; SQLite's
			// pragma does not say so for a rowid alias.
			cols = append(cols, column(name, typ, notNull == 1 || pk > 0))
		}
		rows.Close()
		out = append(out, tb+": "+strings.Join(cols, ", "))
	}
	return out
}

// postgresSchema lists the public schema's tables like sqliteSchema.
func postgresSchema(t *testing.T, db *DB) []string {
	t.Helper()
	tables, err := queryStrings(context.Background(), db, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name COLLATE "C"`)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, tb := range tables {
		rows, err := db.Query(`SELECT column_name, data_type, is_nullable FROM information_schema.columns
			WHERE table_schema = 'public' AND table_name = ? ORDER BY ordinal_position`, tb)
		if err != nil {
			t.Fatal(err)
		}
		var cols []string
		for rows.Next() {
			var name, typ, nullable string
			if err := rows.Scan(&name, &typ, &nullable); err != nil {
				t.Fatal(err)
			}
			cols = append(cols, column(name, typ, nullable == "NO"))
		}
		rows.Close()
		out = append(out, tb+": "+strings.Join(cols, ", "))
	}
	return out
}

// column names a column's kind the same way for both engines' type names.
func column(name, typ string, notNull bool) string {
	kind := strings.ToLower(typ)
	switch kind {
	case "integer", "bigint":
		kind = "int"
	case "blob", "bytea":
		kind = "bytes"
	}
	null := ""
	if notNull {
		null = " not null"
	}
	return fmt.Sprintf("%s %s%s", name, kind, null)
}
