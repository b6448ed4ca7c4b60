package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// A server that went away reads as lost; a server that answered "no" does
// not, so only the first becomes "Sem conexão com o servidor do escritório".
func TestIsConnectionLostOnARealServer(t *testing.T) {
	needPostgres(t)
	ctx := context.Background()
	db, _ := openTestDB(t)

	// A live server refusing a statement is not a lost connection.
	_, err := db.ExecContext(ctx, `SELECT * FROM no_such_table`)
	if err == nil || IsConnectionLost(err) {
		t.Fatalf("a SQL error = %v, IsConnectionLost %v; want an error that is not lost", err, IsConnectionLost(err))
	}
	if IsConnectionLost(errors.New("boom")) || IsConnectionLost(nil) {
		t.Fatal("a plain error reads as a lost connection")
	}

	// The administrator ends our session mid-transaction (57P01, what
	// pg_ctl stop -m fast sends every session).
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	var pid int
	if err := tx.QueryRowContext(ctx, `SELECT pg_backend_pid()`).Scan(&pid); err != nil {
		t.Fatal(err)
	}
	cfg, _ := pgConfigs.Load(db)
	admin := openAdmin(t, cfg.(PostgresConfig))
	defer admin.Close()
	if _, err := admin.ExecContext(ctx, `SELECT pg_terminate_backend($1)`, pid); err != nil {
		t.Fatal(err)
	}
	_, err = tx.ExecContext(ctx, `SELECT 1`)
	if err == nil || !IsConnectionLost(err) {
		t.Fatalf("statement on a terminated session = %v, want a lost connection", err)
	}

	// Nothing listens any more.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := cfg.(PostgresConfig)
	closed.Port = ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	gone, err := OpenPostgres(ctx, closed)
	if err == nil {
		err = gone.PingContext(ctx)
		gone.Close()
	}
	if err == nil || !IsConnectionLost(err) {
		t.Fatalf("a closed port = %v, want a lost connection", err)
	}
}

func TestIsConnectionLostTable(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"admin shutdown", &pgconn.PgError{Code: "57P01"}, true},
		{"crash shutdown", fmt.Errorf("saving: %w", &pgconn.PgError{Code: "57P02"}), true},
		{"starting up", &pgconn.PgError{Code: "57P03"}, true},
		{"connection failure", &pgconn.PgError{Code: "08006"}, true},
		{"unique violation", &pgconn.PgError{Code: "23505"}, false},
		{"serialization failure", &pgconn.PgError{Code: "40001"}, false},
		{"refused", &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}, true},
		{"reset", fmt.Errorf("read: %w", syscall.ECONNRESET), true},
		{"cut mid-reply", io.ErrUnexpectedEOF, true},
		{"bad conn", driver.ErrBadConn, true},
		{"cancelled by the user", context.Canceled, false},
		{"no rows", sql.ErrNoRows, false},
		{"an HTTP call to Clicksign refused", fmt.Errorf("sending: %w", &url.Error{Op: "Post", URL: "https://app.clicksign.com/api/v3/envelopes",
			Err: &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}}), false},
	} {
		if got := IsConnectionLost(tc.err); got != tc.want {
			t.Errorf("%s: IsConnectionLost(%v) = %v, want %v", tc.name, tc.err, got, tc.want)
		}
	}
}
