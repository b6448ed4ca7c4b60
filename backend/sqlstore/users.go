package sqlstore

import (
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"selo/backend/crm"
	"selo/backend/inbound"
	"selo/backend/users"
)

// dbTimeLayout is fixed-width (always nine fraction digits) so that text
// order in SQL is time order; RFC3339Nano trims zeros and would sort
// "…:00.5Z" before "…:00Z".
const dbTimeLayout = "2006-01-02T15:04:05.000000000Z"

// dbTime formats t for storage; the zero time is stored as "" so it is
// recognisable and sorts first.
func dbTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(dbTimeLayout)
}

// parseDBTime reads dbTime's format, and RFC 3339 as written by older code.
func parseDBTime(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	if t, err := time.Parse(dbTimeLayout, s); err == nil {
		return t
	}
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t.UTC()
}

func parseNullTime(s sql.NullString) *time.Time {
	if !s.Valid || s.String == "" {
		return nil
	}
	t := parseDBTime(s.String)
	return &t
}

// Users stores administrative users and their tokens; it implements
// users.Store.
type Users struct{ db *DB }

// Users returns the users store.
func (db *DB) Users() *Users { return &Users{db: db} }

var _ users.Store = (*Users)(nil)

const userCols = `u.id, u.name, u.email, u.role, u.active, u.created_at, u.updated_at, u.deactivated_at,
	(SELECT COUNT(*) FROM admin_tokens t WHERE t.user_id = u.id AND t.revoked_at IS NULL), u.updated_by_name, u.version`

func scanUser(r scanner) (crm.User, error) {
	var u crm.User
	var created, updated string
	var deact sql.NullString
	err := r.Scan(&u.ID, &u.Name, &u.Email, &u.Role, &u.Active, &created, &updated, &deact, &u.ActiveTokens, &u.UpdatedByName, &u.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return u, crm.E(crm.CodeNotFound)
	}
	u.CreatedAt, u.UpdatedAt = parseDBTime(created), parseDBTime(updated)
	u.DeactivatedAt = parseNullTime(deact)
	return u, err
}

const tokenCols = `id, user_id, name, last4, created_at, revoked_at`

func scanToken(r scanner) (crm.UserToken, error) {
	var t crm.UserToken
	var created string
	var revoked sql.NullString
	err := r.Scan(&t.ID, &t.UserID, &t.Name, &t.Last4, &created, &revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return t, crm.E(crm.CodeNotFound)
	}
	t.CreatedAt = parseDBTime(created)
	t.RevokedAt = parseNullTime(revoked)
	t.Active = t.RevokedAt == nil
	return t, err
}

func getUser(ctx context.Context, q querier, id int64) (crm.User, error) {
	return scanUser(q.QueryRowContext(ctx, `SELECT `+userCols+` FROM admin_users u WHERE u.id = ?`, id))
}

func getToken(ctx context.Context, q querier, id int64) (crm.UserToken, error) {
	return scanToken(q.QueryRowContext(ctx, `SELECT `+tokenCols+` FROM admin_tokens WHERE id = ?`, id))
}

// ListUsers returns every user: active first, then by name.
func (s *Users) ListUsers(ctx context.Context) ([]crm.User, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+userCols+` FROM admin_users u
		ORDER BY u.active DESC, u.name COLLATE NOCASE, u.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []crm.User{}
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// User returns one user or crm.CodeNotFound.
func (s *Users) User(ctx context.Context, id int64) (crm.User, error) {
	return getUser(ctx, s.db, id)
}

// ListTokens returns a user's tokens, live first, newest first.
func (s *Users) ListTokens(ctx context.Context, userID int64) ([]crm.UserToken, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+tokenCols+` FROM admin_tokens WHERE user_id = ?
		ORDER BY revoked_at IS NOT NULL, created_at DESC, id DESC`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []crm.UserToken{}
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Token returns one token or crm.CodeNotFound.
func (s *Users) Token(ctx context.Context, id int64) (crm.UserToken, error) {
	return getToken(ctx, s.db, id)
}

// ActiveTokenHashes lists live tokens of active users. It runs on every
// webhook request, so revocation and deactivation need no cache to flush.
func (s *Users) ActiveTokenHashes(ctx context.Context) ([]inbound.TokenHash, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT t.id, t.token_hash, t.last4 FROM admin_tokens t
		JOIN admin_users u ON u.id = t.user_id
		WHERE t.revoked_at IS NULL AND u.active = 1`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []inbound.TokenHash
	for rows.Next() {
		var id int64
		var hexHash, last4 string
		if err := rows.Scan(&id, &hexHash, &last4); err != nil {
			return nil, err
		}
		th := inbound.TokenHash{OwnerID: users.OwnerID(id), LastFour: last4}
		if n, err := hex.Decode(th.Hash[:], []byte(hexHash)); err != nil || n != len(th.Hash) {
			// A damaged row must not become a hash of zeros that some token
			// could match; skip it.
			continue
		}
		out = append(out, th)
	}
	return out, rows.Err()
}

// Tx runs fn in a write transaction; an error from fn rolls it back.
func (s *Users) Tx(ctx context.Context, fn func(users.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	t := &usersTx{ctx: ctx, tx: tx, who: s.db.Actor()}
	err = fn(t)
	t.closed = true
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return tx.Commit()
}

type usersTx struct {
	ctx    context.Context
	tx     *Tx
	who    crm.Actor
	closed bool
}

var errUsersTxClosed = errors.New("sqlite: users transaction used after Tx returned")

func (t *usersTx) User(id int64) (crm.User, error) {
	if t.closed {
		return crm.User{}, errUsersTxClosed
	}
	return getUser(t.ctx, t.tx, id)
}

func (t *usersTx) EmailTaken(email string, exceptID int64) (bool, error) {
	if t.closed {
		return false, errUsersTxClosed
	}
	var n int
	err := t.tx.QueryRowContext(t.ctx, `SELECT COUNT(*) FROM admin_users WHERE email = ? COLLATE NOCASE AND id <> ?`,
		email, exceptID).Scan(&n)
	return n > 0, err
}

func (t *usersTx) InsertUser(u crm.User) (int64, error) {
	if t.closed {
		return 0, errUsersTxClosed
	}
	id, err := insertID(t.ctx, t.tx, `INSERT INTO admin_users (name, email, role, active, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)`, u.Name, u.Email, string(u.Role), u.Active, dbTime(u.CreatedAt), dbTime(u.UpdatedAt))
	if uniqueViolation(err) {
		return 0, crm.E(crm.CodeDuplicate, "value", u.Email).OnField("email")
	}
	if err != nil {
		return 0, err
	}
	return id, nil
}

func (t *usersTx) UpdateUser(u crm.User) error {
	if t.closed {
		return errUsersTxClosed
	}
	// u.Version is the version the save was checked against: another
	// PC's save in between leaves no row to update.
	res, err := t.tx.ExecContext(t.ctx, `UPDATE admin_users SET name = ?, email = ?, role = ?, updated_at = ?,
		updated_by_name = ?, version = version + 1 WHERE id = ? AND version = ?`,
		u.Name, u.Email, string(u.Role), dbTime(u.UpdatedAt), t.who.Name, u.ID, u.Version)
	if uniqueViolation(err) {
		return crm.E(crm.CodeDuplicate, "value", u.Email).OnField("email")
	}
	if err != nil {
		return err
	}
	if k, _ := res.RowsAffected(); k == 0 {
		return conflict(t.ctx, t.tx, "admin_users", u.ID)
	}
	return nil
}

func (t *usersTx) SetActive(id int64, active bool, at time.Time) error {
	if t.closed {
		return errUsersTxClosed
	}
	var deact any
	if !active {
		deact = dbTime(at)
	}
	// A (de)activation is an edit too: a form opened before it must not
	// save over it unnoticed.
	res, err := t.tx.ExecContext(t.ctx, `UPDATE admin_users SET active = ?, deactivated_at = ?, updated_at = ?,
		updated_by_name = ?, version = version + 1 WHERE id = ?`,
		active, deact, dbTime(at), t.who.Name, id)
	if err != nil {
		return err
	}
	if k, _ := res.RowsAffected(); k == 0 {
		return crm.E(crm.CodeNotFound)
	}
	return nil
}

func (t *usersTx) LiveTokenNameTaken(userID int64, name string) (bool, error) {
	if t.closed {
		return false, errUsersTxClosed
	}
	var n int
	err := t.tx.QueryRowContext(t.ctx, `SELECT COUNT(*) FROM admin_tokens
		WHERE user_id = ? AND name = ? COLLATE NOCASE AND revoked_at IS NULL`, userID, name).Scan(&n)
	return n > 0, err
}

func (t *usersTx) InsertToken(userID int64, name string, hash [32]byte, last4 string, at time.Time) (crm.UserToken, error) {
	if t.closed {
		return crm.UserToken{}, errUsersTxClosed
	}
	id, err := insertID(t.ctx, t.tx, `INSERT INTO admin_tokens (user_id, name, token_hash, last4, created_at)
		VALUES (?, ?, ?, ?, ?)`, userID, name, hex.EncodeToString(hash[:]), last4, dbTime(at))
	if uniqueViolation(err) {
		return crm.UserToken{}, crm.E(crm.CodeDuplicate, "value", name).OnField("name")
	}
	if err != nil {
		return crm.UserToken{}, fmt.Errorf("inserting token: %w", err)
	}
	return getToken(t.ctx, t.tx, id)
}

func (t *usersTx) Token(id int64) (crm.UserToken, error) {
	if t.closed {
		return crm.UserToken{}, errUsersTxClosed
	}
	return getToken(t.ctx, t.tx, id)
}

func (t *usersTx) RevokeToken(id int64, at time.Time) error {
	if t.closed {
		return errUsersTxClosed
	}
	_, err := t.tx.ExecContext(t.ctx, `UPDATE admin_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`,
		dbTime(at), id)
	return err
}
