package sqlstore

import (
	"errors"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// SQLSTATE codes of PostgreSQL's integrity constraint violations.
const (
	pgUniqueViolation     = "23505"
	pgForeignKeyViolation = "23503"
	pgCheckViolation      = "23514"
)

// The stores tell a refused write from a failure by the constraint that
// refused it. SQLite says which in its message text, PostgreSQL in the
// SQLSTATE; each check knows both so the stores ask one question.

// uniqueViolation reports a UNIQUE (or primary key) constraint refusal.
func uniqueViolation(err error) bool {
	return violation(err, pgUniqueViolation, "UNIQUE constraint failed")
}

// foreignKeyViolation reports a FOREIGN KEY refusal (a missing parent, or a
// RESTRICT that kept a row in use).
func foreignKeyViolation(err error) bool {
	return violation(err, pgForeignKeyViolation, "FOREIGN KEY constraint failed")
}

// checkViolation reports a CHECK constraint refusal.
func checkViolation(err error) bool {
	return violation(err, pgCheckViolation, "CHECK constraint failed")
}

func violation(err error, sqlState, sqliteText string) bool {
	if err == nil {
		return false
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == sqlState
	}
	return strings.Contains(err.Error(), sqliteText)
}
