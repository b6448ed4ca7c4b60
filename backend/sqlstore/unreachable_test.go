package sqlstore

import (
	"context"
	"errors"
	"net"
	"testing"
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
