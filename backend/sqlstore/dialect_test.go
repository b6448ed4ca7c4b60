package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"selo/backend/crm"
)

func TestRebindNumbersPlaceholdersOutsideQuotes(t *testing.T) {
	cases := []struct{ in, want string }{
		{`SELECT 1`, `SELECT 1`},
		{`SELECT * FROM t WHERE a = ? AND b IN (?, ?)`, `SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)`},
		// A question mark in text, a quoted name or a comment is not a
		// parameter: a search for "Quem?" must not shift every argument.
		{`SELECT '?', "a?b" FROM t WHERE c = ? -- why?` + "\n" + `AND d = ?`,
			`SELECT '?', "a?b" FROM t WHERE c = $1 -- why?` + "\n" + `AND d = $2`},
		{`SELECT 'it''s ?' || ? /* ? */, ?`, `SELECT 'it''s ?' || $1 /* ? */, $2`},
		{`UPDATE t SET x = ? WHERE y LIKE ? ESCAPE '\'`, `UPDATE t SET x = $1 WHERE y LIKE $2 ESCAPE '\'`},
	}
	for _, c := range cases {
		if got := rebind(c.in); got != c.want {
			t.Errorf("rebind(%q)\n = %q\nwant %q", c.in, got, c.want)
		}
	}
}

func TestFlagArgsStoresBoolsAsIntegersOnPostgresOnly(t *testing.T) {
	args := []any{true, "x", false, int64(7)}
	q, got := Postgres.prepare(`UPDATE t SET a = ?, b = ?, c = ? WHERE id = ?`, args)
	if q != `UPDATE t SET a = $1, b = $2, c = $3 WHERE id = $4` {
		t.Fatalf("query %q", q)
	}
	if fmt.Sprint(got) != "[1 x 0 7]" {
		t.Fatalf("args %v, want bools as 1/0", got)
	}
	if args[0] != true {
		t.Fatal("the caller's arguments must not be modified")
	}
	if _, same := SQLite.prepare(`a = ?`, args); fmt.Sprint(same) != fmt.Sprint(args) {
		t.Fatalf("SQLite arguments changed: %v", same)
	}
}

func TestConstraintChecksKnowBothEngines(t *testing.T) {
	wrap := func(e error) error { return fmt.Errorf("saving: %w", e) }
	cases := []struct {
		err                  error
		unique, foreign, chk bool
	}{
		{wrap(&pgconn.PgError{Code: "23505"}), true, false, false},
		{wrap(&pgconn.PgError{Code: "23503"}), false, true, false},
		{wrap(&pgconn.PgError{Code: "23514"}), false, false, true},
		{errors.New("constraint failed: UNIQUE constraint failed: units.number (2067)"), true, false, false},
		{errors.New("constraint failed: FOREIGN KEY constraint failed (787)"), false, true, false},
		{errors.New("constraint failed: CHECK constraint failed: x (275)"), false, false, true},
		// A PostgreSQL error whose text happens to mention UNIQUE is judged
		// by its SQLSTATE only.
		{&pgconn.PgError{Code: "42P01", Message: "UNIQUE constraint failed"}, false, false, false},
		{nil, false, false, false},
	}
	for _, c := range cases {
		if uniqueViolation(c.err) != c.unique || foreignKeyViolation(c.err) != c.foreign || checkViolation(c.err) != c.chk {
			t.Errorf("%v: unique %v foreign %v check %v, want %v %v %v", c.err,
				uniqueViolation(c.err), foreignKeyViolation(c.err), checkViolation(c.err), c.unique, c.foreign, c.chk)
		}
	}
}

// A full disk on the office server is the same "disco cheio" the user knows
// from SQLite, not an internal error.
func TestPostgresDiskFullIsDiskFull(t *testing.T) {
	err := fmt.Errorf("saving: %w", &pgconn.PgError{Code: "53100", Message: "could not extend file"})
	if !crm.IsDiskFull(err) {
		t.Fatal("SQLSTATE 53100 must be crm.IsDiskFull")
	}
	if crm.IsDiskFull(&pgconn.PgError{Code: "23505"}) {
		t.Fatal("a unique violation is not a full disk")
	}
}

func TestServerOlderThan14IsRefused(t *testing.T) {
	err := serverVersionOK(130011, "13.11 (Debian 13.11-0+deb11u1)")
	e := crm.AsError(err)
	if e.Code != crm.CodeServerTooOld || e.Data["version"] != "13.11" || e.Data["min"] != MinServerVersion {
		t.Fatalf("PostgreSQL 13 = %v %v, want %s naming 13.11", err, e.Data, crm.CodeServerTooOld)
	}
	for _, ok := range []int{140000, 150004, 180000} {
		if err := serverVersionOK(ok, ""); err != nil {
			t.Errorf("server_version_num %d refused: %v", ok, err)
		}
	}
}

func TestPostgresConfigNamesTheBadField(t *testing.T) {
	good := PostgresConfig{Host: "db.escritorio", Database: "selo", User: "selo", Password: "x"}
	cases := []struct {
		edit  func(*PostgresConfig)
		field string
	}{
		{func(c *PostgresConfig) { c.Host = "" }, "host"},
		{func(c *PostgresConfig) { c.Database = "" }, "database"},
		{func(c *PostgresConfig) { c.User = "" }, "user"},
		{func(c *PostgresConfig) { c.Port = 70000 }, "port"},
		{func(c *PostgresConfig) { c.SSLMode = "prefer" }, "sslMode"},
		{func(c *PostgresConfig) { c.SSLMode = SSLVerifyFull }, "rootCertFile"},
	}
	for _, c := range cases {
		cfg := good
		c.edit(&cfg)
		_, err := OpenPostgres(context.Background(), cfg)
		var inv *crm.Invalid
		if !errors.As(err, &inv) || len(inv.Problems) != 1 || inv.Problems[0].Field != c.field {
			t.Errorf("%+v: %v, want one problem on field %s", cfg, err, c.field)
		}
	}
	cc, err := good.connConfig()
	if err != nil || cc.Port != 5432 || cc.TLSConfig != nil {
		t.Fatalf("defaults: %v port %d tls %v", err, cc.Port, cc.TLSConfig != nil)
	}
	good.SSLMode = SSLRequire
	if cc, err := good.connConfig(); err != nil || cc.TLSConfig == nil {
		t.Fatalf("require must use TLS: %v", err)
	}
}

// An unreachable server fails with an error that names where, never the
// password.
func TestOpenPostgresErrorHidesThePassword(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	const secret = "Sup3r-S3gredo-do-Escritorio"
	_, err = OpenPostgres(context.Background(), PostgresConfig{Host: "127.0.0.1", Port: port, Database: "selo",
		User: "selo", Password: secret})
	if err == nil {
		t.Fatal("opening a closed port succeeded")
	}
	if strings.Contains(err.Error(), secret) || strings.Contains(fmt.Sprintf("%+v", err), secret) {
		t.Fatalf("error reveals the password: %v", err)
	}
	if !strings.Contains(err.Error(), fmt.Sprintf("127.0.0.1:%d/selo", port)) {
		t.Fatalf("error %v does not say which server", err)
	}
}
