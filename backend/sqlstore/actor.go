package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"sync/atomic"
	"time"

	"selo/backend/crm"
)

// actorBox holds who uses this desktop. The picker may switch it while a
// save runs on another goroutine, hence the atomic pointer.
type actorBox struct{ p atomic.Pointer[crm.Actor] }

// SetActor tells the store who is using this desktop from now on; every
// later write that records a person (reservations created, sends, edits)
// stamps this actor. Safe for concurrent use. The zero Actor stamps nothing.
func (db *DB) SetActor(a crm.Actor) { db.actor.p.Store(&a) }

// Actor is who SetActor last named (the zero Actor before that).
func (db *DB) Actor() crm.Actor {
	if a := db.actor.p.Load(); a != nil {
		return *a
	}
	return crm.Actor{}
}

// conflict explains why "UPDATE table … WHERE id = ? AND version = ?"
// changed nothing: the row is gone (crm.CodeNotFound) or someone saved it
// after it was read (crm.CodeConflict with who and when). It reads through
// q, the failed save's transaction, so the answer matches what refused it.
func conflict(ctx context.Context, q querier, table string, id int64) error {
	var by, at string
	// table is one of the stores' own constants, never user input.
	err := q.QueryRowContext(ctx, `SELECT updated_by_name, updated_at FROM `+table+` WHERE id = ?`, id).Scan(&by, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return crm.E(crm.CodeNotFound)
	}
	if err != nil {
		return err
	}
	when, _ := time.Parse(time.RFC3339Nano, at)
	return crm.Conflict(by, when)
}
