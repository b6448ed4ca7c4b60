package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
)

// Engine names the database server behind a DB.
type Engine string

// The engines the stores run on.
const (
	// SQLite is the embedded single-PC engine (one file in the data home).
	SQLite Engine = "sqlite"
	// Postgres is the office's shared server.
	Postgres Engine = "postgres"
)

// querier is what read helpers need; DB and Tx both satisfy it.
type querier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

// execer is what write helpers need; DB and Tx both satisfy it.
type execer interface {
	querier
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
}

// prepare turns one SQL text written for SQLite (? placeholders, INTEGER
// flags) into what engine e accepts, so the stores keep a single text.
func (e Engine) prepare(query string, args []any) (string, []any) {
	if e != Postgres {
		return query, args
	}
	return rebind(query), flagArgs(args)
}

// flagArgs stores Go booleans as 0/1: flag columns are INTEGER on both
// engines, and PostgreSQL, unlike SQLite, will not put a bool in an integer.
// So a bool parameter is an integer in SQL: a condition on one is written
// "? = 1", never a bare "?".
func flagArgs(args []any) []any {
	var out []any
	for i, a := range args {
		b, ok := a.(bool)
		if !ok {
			continue
		}
		if out == nil {
			out = append([]any(nil), args...)
		}
		if b {
			out[i] = int64(1)
		} else {
			out[i] = int64(0)
		}
	}
	if out == nil {
		return args
	}
	return out
}

// rebind numbers ? placeholders as $1..$n. Quoted strings, quoted
// identifiers and comments are copied untouched, so a literal '?' in them
// (a search pattern, a message) stays a question mark.
func rebind(q string) string {
	if !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'' || c == '"':
			end := closing(q, i+1, c)
			b.WriteString(q[i:end])
			i = end - 1
		case c == '-' && i+1 < len(q) && q[i+1] == '-':
			end := strings.IndexByte(q[i:], '\n')
			if end < 0 {
				end = len(q) - i
			}
			b.WriteString(q[i : i+end])
			i += end - 1
		case c == '/' && i+1 < len(q) && q[i+1] == '*':
			end := strings.Index(q[i+2:], "*/")
			stop := len(q)
			if end >= 0 {
				stop = i + 2 + end + 2
			}
			b.WriteString(q[i:stop])
			i = stop - 1
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// closing returns the index just past the quote that ends a quoted run
// starting at from; a doubled quote is an escaped one, not the end.
func closing(q string, from int, quote byte) int {
	for j := from; j < len(q); j++ {
		if q[j] != quote {
			continue
		}
		if j+1 < len(q) && q[j+1] == quote {
			j++
			continue
		}
		return j + 1
	}
	return len(q)
}

// numberOrder is the ORDER BY key that sorts unit numbers as numbers ("9"
// before "10"): the value of the leading digits, 0 when there are none. The
// one fragment the engines cannot share: SQLite's CAST reads a leading
// integer and ignores the rest, PostgreSQL's CAST refuses "101A" outright.
func (e Engine) numberOrder(col string) string {
	if e == Postgres {
		return `COALESCE(CAST(substring(` + col + ` COLLATE "C" from '^[0-9]+') AS NUMERIC), 0)`
	}
	return `CAST(` + col + ` AS INTEGER)`
}

// ExecContext runs a statement written with ? placeholders on either engine.
func (db *DB) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	query, args = db.engine.prepare(query, args)
	return db.DB.ExecContext(ctx, query, args...)
}

// QueryContext runs a query written with ? placeholders on either engine.
func (db *DB) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	query, args = db.engine.prepare(query, args)
	return db.DB.QueryContext(ctx, query, args...)
}

// QueryRowContext runs a one-row query written with ? placeholders on either
// engine.
func (db *DB) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	query, args = db.engine.prepare(query, args)
	return db.DB.QueryRowContext(ctx, query, args...)
}

// Exec is ExecContext without a context, for tests and one-off tools.
func (db *DB) Exec(query string, args ...any) (sql.Result, error) {
	return db.ExecContext(context.Background(), query, args...)
}

// Query is QueryContext without a context, for tests and one-off tools.
func (db *DB) Query(query string, args ...any) (*sql.Rows, error) {
	return db.QueryContext(context.Background(), query, args...)
}

// QueryRow is QueryRowContext without a context, for tests and one-off tools.
func (db *DB) QueryRow(query string, args ...any) *sql.Row {
	return db.QueryRowContext(context.Background(), query, args...)
}

// writerLock is the PostgreSQL advisory lock that write transactions take
// in turn; see BeginTx.
const writerLock = 0x5e10_0002

// BeginTx starts a transaction whose statements are translated like the
// DB's own.
//
// Write transactions take turns on both engines. The stores read, decide
// and write inside one transaction (is the unit free, does the operation
// exist) and were written for SQLite's BEGIN IMMEDIATE, which lets one
// writer in at a time. On PostgreSQL the same guarantee comes from a
// transaction-scoped advisory lock, shared by every PC on the server and
// released at commit or rollback. Reads outside a transaction and read-only
// transactions never wait for it.
func (db *DB) BeginTx(ctx context.Context, opts *sql.TxOptions) (*Tx, error) {
	tx, err := db.DB.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	if db.engine == Postgres && (opts == nil || !opts.ReadOnly) {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(writerLock)); err != nil {
			tx.Rollback()
			return nil, err
		}
	}
	return &Tx{tx: tx, engine: db.engine}, nil
}

// Begin is BeginTx with a background context and default options.
func (db *DB) Begin() (*Tx, error) { return db.BeginTx(context.Background(), nil) }

// Engine says which engine the database runs on.
func (db *DB) Engine() Engine { return db.engine }

// Tx is a transaction that accepts the stores' single SQL text on either
// engine.
type Tx struct {
	tx     *sql.Tx
	engine Engine
}

// ExecContext runs a statement inside the transaction. A statement that
// fails leaves the transaction usable on both engines (see guard).
func (t *Tx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	query, args = t.engine.prepare(query, args)
	var res sql.Result
	err := t.guard(ctx, func() error {
		var err error
		res, err = t.tx.ExecContext(ctx, query, args...)
		return err
	})
	return res, err
}

// guard runs one write so that its failure undoes only that write. SQLite
// does this itself, and the stores rely on it: a duplicate refused inside a
// transaction is reported while the transaction goes on. PostgreSQL instead
// aborts the whole transaction on any error, so there the write runs under a
// savepoint that is rolled back on failure (two extra round trips per write
// inside a transaction, PostgreSQL only).
func (t *Tx) guard(ctx context.Context, run func() error) error {
	if t.engine != Postgres {
		return run()
	}
	if _, err := t.tx.ExecContext(ctx, `SAVEPOINT selo_stmt`); err != nil {
		return err
	}
	if err := run(); err != nil {
		if _, rerr := t.tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT selo_stmt`); rerr != nil {
			return errors.Join(err, rerr)
		}
		return err
	}
	_, err := t.tx.ExecContext(ctx, `RELEASE SAVEPOINT selo_stmt`)
	return err
}

// QueryContext runs a query inside the transaction.
func (t *Tx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	query, args = t.engine.prepare(query, args)
	return t.tx.QueryContext(ctx, query, args...)
}

// QueryRowContext runs a one-row query inside the transaction.
func (t *Tx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	query, args = t.engine.prepare(query, args)
	return t.tx.QueryRowContext(ctx, query, args...)
}

// Exec is ExecContext without a context, for tests.
func (t *Tx) Exec(query string, args ...any) (sql.Result, error) {
	return t.ExecContext(context.Background(), query, args...)
}

// PrepareContext prepares a statement run many times in the transaction.
func (t *Tx) PrepareContext(ctx context.Context, query string) (*Stmt, error) {
	query, _ = t.engine.prepare(query, nil)
	st, err := t.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	return &Stmt{st: st, engine: t.engine}, nil
}

// Prepare is PrepareContext without a context, for tests and bulk fixtures.
func (t *Tx) Prepare(query string) (*Stmt, error) {
	return t.PrepareContext(context.Background(), query)
}

// Commit commits the transaction.
func (t *Tx) Commit() error { return t.tx.Commit() }

// Rollback abandons the transaction; after Commit it is a harmless no-op.
func (t *Tx) Rollback() error { return t.tx.Rollback() }

// Stmt is a prepared statement whose arguments are translated per engine.
type Stmt struct {
	st     *sql.Stmt
	engine Engine
}

// ExecContext runs the statement with args.
func (s *Stmt) ExecContext(ctx context.Context, args ...any) (sql.Result, error) {
	if s.engine == Postgres {
		args = flagArgs(args)
	}
	return s.st.ExecContext(ctx, args...)
}

// Exec is ExecContext without a context, for tests and bulk fixtures.
func (s *Stmt) Exec(args ...any) (sql.Result, error) {
	return s.ExecContext(context.Background(), args...)
}

// Close releases the statement.
func (s *Stmt) Close() error { return s.st.Close() }

// insertID runs an INSERT and returns the new row's id through RETURNING,
// which both engines understand (database/sql's LastInsertId does not exist
// on PostgreSQL).
func insertID(ctx context.Context, q execer, query string, args ...any) (int64, error) {
	var id int64
	run := func() error { return q.QueryRowContext(ctx, query+` RETURNING id`, args...).Scan(&id) }
	if tx, ok := q.(*Tx); ok {
		return id, tx.guard(ctx, run)
	}
	return id, run()
}
