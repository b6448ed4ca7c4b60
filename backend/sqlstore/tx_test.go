package sqlstore

import (
	"context"
	"database/sql"
	"strconv"
	"sync"
	"testing"
)

// TestWriteTransactionsDoNotLoseUpdates: the stores read, decide and write
// inside one transaction (is the unit free? which operation exists?). Write
// transactions take turns on both engines, as SQLite's BEGIN IMMEDIATE
// makes them, so concurrent read-modify-writes never overwrite each other,
// also from two processes.
func TestWriteTransactionsDoNotLoseUpdates(t *testing.T) {
	ctx := context.Background()
	db, _ := openTestDB(t)
	if err := db.SetSetting(ctx, "counter", "0"); err != nil {
		t.Fatal(err)
	}
	// A second handle on the same database stands for a second process (a
	// second PC, on PostgreSQL): the turns hold across them too.
	other, err := reopenTestDB(t, db)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	const n = 12
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := 0; i < n; i++ {
		wg.Add(1)
		pc := []*DB{db, other}[i%2]
		go func() {
			defer wg.Done()
			<-start
			tx, err := pc.BeginTx(ctx, nil)
			if err != nil {
				t.Error(err)
				return
			}
			defer tx.Rollback()
			var v string
			if err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'counter'`).Scan(&v); err != nil {
				t.Error(err)
				return
			}
			c, _ := strconv.Atoi(v)
			if _, err := tx.ExecContext(ctx, `UPDATE settings SET value = ? WHERE key = 'counter'`, strconv.Itoa(c+1)); err != nil {
				t.Error(err)
				return
			}
			if err := tx.Commit(); err != nil {
				t.Error(err)
			}
		}()
	}
	close(start)
	wg.Wait()
	v, _, err := db.Setting(ctx, "counter")
	if err != nil {
		t.Fatal(err)
	}
	if v != strconv.Itoa(n) {
		t.Fatalf("counter = %s after %d increments: updates were lost", v, n)
	}
}

// A read-only transaction does not wait for writers: the screens keep
// reading while sync writes.
func TestReadOnlyTransactionDoesNotWaitForAWriter(t *testing.T) {
	ctx := context.Background()
	db, _ := openTestDB(t)
	w, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Rollback()
	if _, err := w.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES ('a', 'b', 'c')`); err != nil {
		t.Fatal(err)
	}
	rctx, cancel := context.WithTimeout(ctx, 2e9)
	defer cancel()
	r, err := db.BeginTx(rctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only transaction while a writer is open: %v", err)
	}
	var n int
	if err := r.QueryRowContext(rctx, `SELECT COUNT(*) FROM settings WHERE key = 'a'`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("reader saw %d uncommitted rows, %v", n, err)
	}
	r.Rollback()
}

// TestConcurrentOpensMigrateOnce: several PCs starting at once against a
// new database all open it, and each migration is applied exactly once.
func TestConcurrentOpensMigrateOnce(t *testing.T) {
	if !onPostgres() {
		// Switching a new file to WAL can answer SQLITE_BUSY at once to a
		// second process; Selo's single-instance lock means there is none.
		t.Skip("PostgreSQL only: one process opens a selo.db (single-instance lock)")
	}
	ctx := context.Background()
	cfg := freshPostgresDatabase(t)
	open := func() (*DB, error) { return OpenPostgres(ctx, cfg) }
	dbs := make([]*DB, 4)
	errs := make([]error, len(dbs))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range dbs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			dbs[i], errs[i] = open()
		}()
	}
	close(start)
	wg.Wait()
	for i, db := range dbs {
		if errs[i] != nil {
			t.Fatalf("start %d of %d: %v", i+1, len(dbs), errs[i])
		}
		defer db.Close()
	}
	ms, err := MigrationsFor(dbs[0].Engine())
	if err != nil {
		t.Fatal(err)
	}
	var n, v int
	if err := dbs[0].QueryRow(`SELECT COUNT(*), MAX(version) FROM schema_migrations`).Scan(&n, &v); err != nil {
		t.Fatal(err)
	}
	if n != len(ms) || v != ms[len(ms)-1].Version {
		t.Fatalf("%d migrations recorded up to %d, want %d up to %d", n, v, len(ms), ms[len(ms)-1].Version)
	}
}
