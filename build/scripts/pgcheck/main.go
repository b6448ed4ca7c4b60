// Command pgcheck tells in plain words whether the PostgreSQL that
// SELO_TEST_POSTGRES names is fit for the store suite: it answers, it is
// version 14 or newer, the role may create databases, and TCP really asks for
// the password. build/scripts/test.sh runs it before the suite, so a broken
// harness reads as one clear line instead of a wall of failing store tests.
//
// It is its own module (like build/tools) so the app's go.mod does not carry
// it, and it reads the DSN from the environment so the password stays out of
// process lists and logs.
package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// minVersion is the oldest server office mode supports (issue #15).
const minVersion = 140000

func main() {
	dsn := os.Getenv("SELO_TEST_POSTGRES")
	if dsn == "" {
		fail("SELO_TEST_POSTGRES is empty: start a cluster with 'build/scripts/pg.sh start DIR' and export the line it prints")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()

	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		fail("cannot connect to %s: %s", redact(dsn), explain(err))
	}
	defer conn.Close(ctx)

	var num int
	var version, user string
	var createdb bool
	err = conn.QueryRow(ctx, `SELECT current_setting('server_version_num')::int, current_setting('server_version'),
		current_user, rolcreatedb FROM pg_roles WHERE rolname = current_user`).Scan(&num, &version, &user, &createdb)
	if err != nil {
		fail("connected to %s but could not read the server version: %s", redact(dsn), explain(err))
	}
	if num < minVersion {
		fail("PostgreSQL %s at %s is too old: Selo needs 14 or newer", version, redact(dsn))
	}
	if !createdb {
		fail("role %s may not create databases: run 'ALTER ROLE %s CREATEDB' as a superuser", user, user)
	}
	if err := passwordRequired(ctx, conn.Config().Config); err != nil {
		fail("%s", err)
	}
	fmt.Printf("pgcheck: PostgreSQL %s answers at %s as %s (CREATEDB, password required)\n", version, redact(dsn), user)
}

// passwordRequired proves the server refuses a wrong password, so tests that
// pass against it do not depend on a trust rule a real office server lacks.
func passwordRequired(ctx context.Context, good pgconn.Config) error {
	bad := good.Copy()
	bad.Password = good.Password + "-wrong"
	bad.Fallbacks = nil
	c, err := pgconn.ConnectConfig(ctx, bad)
	if err == nil {
		_ = c.Close(ctx)
		return fmt.Errorf("the server let %s in with a wrong password: its pg_hba.conf trusts TCP; use scram-sha-256", good.User)
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "28P01" {
		return nil
	}
	return fmt.Errorf("a wrong password should fail with 'password authentication failed', got: %s", explain(err))
}

// explain turns the common failures into what to do about them.
func explain(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "28P01":
			return "wrong password for this role"
		case "28000":
			return "the server has no pg_hba.conf rule letting this role in from here"
		case "3D000":
			return "the database does not exist: create it or fix the name in the DSN"
		}
		return pgErr.Message + " (SQLSTATE " + pgErr.Code + ")"
	}
	var netErr interface{ Timeout() bool }
	if errors.As(err, &netErr) && netErr.Timeout() {
		return "no answer in time: is the server running and the port right?"
	}
	return err.Error() + " (is the server running and the port right?)"
}

// redact drops the password so the DSN can be printed.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "the DSN in SELO_TEST_POSTGRES (unparsable)"
	}
	return u.Redacted()
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "pgcheck: "+format+"\n", args...)
	os.Exit(1)
}
