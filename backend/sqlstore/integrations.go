package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"selo/backend/crm"
)

// Integrations stores e-signature keys.
type Integrations struct{ db *DB }

// Integrations returns the keys store.
func (db *DB) Integrations() *Integrations { return &Integrations{db: db} }

// IntegrationsTx is the keys store inside one transaction, so a caller can
// pair a row change with a keyring change and commit only when both worked.
// It implements crm.IntegrationTx.
type IntegrationsTx struct{ tx *Tx }

// Tx runs fn in a write transaction; an error from fn rolls it back.
func (s *Integrations) Tx(ctx context.Context, fn func(crm.IntegrationTx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(&IntegrationsTx{tx: tx}); err != nil {
		return err
	}
	return tx.Commit()
}

const integrationCols = `id, description, provider, environment, token_last4, has_token,
	COALESCE(deadline_days, 0), created_at, updated_at,
	docusign_account_id, docusign_account_name, docusign_base_uri`

type scanner interface{ Scan(...any) error }

func scanIntegration(r scanner) (crm.Integration, error) {
	var i crm.Integration
	var created, updated string
	err := r.Scan(&i.ID, &i.Description, &i.Provider, &i.Environment, &i.TokenLast4, &i.HasToken,
		&i.DeadlineDays, &created, &updated, &i.DocuSignAccountID, &i.DocuSignAccountName, &i.DocuSignBaseURI)
	if errors.Is(err, sql.ErrNoRows) {
		return i, crm.E(crm.CodeNotFound)
	}
	i.CreatedAt, _ = time.Parse(time.RFC3339Nano, created)
	i.UpdatedAt, _ = time.Parse(time.RFC3339Nano, updated)
	return i, err
}

func listIntegrations(ctx context.Context, q querier) ([]crm.Integration, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+integrationCols+` FROM integrations ORDER BY description`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []crm.Integration
	for rows.Next() {
		i, err := scanIntegration(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, i)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for k := range out {
		if out[k].UsedBy, err = integrationUsers(ctx, q, out[k].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// integrationUsers names the developments that chose the key.
func integrationUsers(ctx context.Context, q querier, id int64) ([]string, error) {
	return queryStrings(ctx, q, `SELECT name FROM developments WHERE integration_id = ? ORDER BY name`, id)
}

// List returns every key, by description, with the developments using each.
func (s *Integrations) List(ctx context.Context) ([]crm.Integration, error) {
	return listIntegrations(ctx, s.db)
}

// Get returns one key or crm.CodeNotFound.
func (s *Integrations) Get(ctx context.Context, id int64) (crm.Integration, error) {
	i, err := scanIntegration(s.db.QueryRowContext(ctx, `SELECT `+integrationCols+` FROM integrations WHERE id = ?`, id))
	if err != nil {
		return i, err
	}
	i.UsedBy, err = integrationUsers(ctx, s.db, id)
	return i, err
}

// Get returns one key inside the transaction.
func (t *IntegrationsTx) Get(ctx context.Context, id int64) (crm.Integration, error) {
	i, err := scanIntegration(t.tx.QueryRowContext(ctx, `SELECT `+integrationCols+` FROM integrations WHERE id = ?`, id))
	if err != nil {
		return i, err
	}
	i.UsedBy, err = integrationUsers(ctx, t.tx, id)
	return i, err
}

func nullDays(d int) any {
	if d == 0 {
		return nil
	}
	return d
}

// Insert adds a key and returns its id; a description already used (in any
// letter case) is crm.CodeDuplicate on the description field. A DocuSign key
// has no token of its own (has_token 0): each PC signs in instead.
func (t *IntegrationsTx) Insert(ctx context.Context, n crm.NormalizedIntegration, last4 string, now time.Time) (int64, error) {
	ts := now.UTC().Format(time.RFC3339Nano)
	provider, hasToken := n.Provider, 1
	if provider == "" {
		provider = crm.ProviderClicksign
	}
	if provider == crm.ProviderDocuSign {
		hasToken = 0
	}
	id, err := insertID(ctx, t.tx, `INSERT INTO integrations
		(description, provider, environment, token_last4, has_token, deadline_days, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, n.Description, provider, n.Environment, last4, hasToken, nullDays(n.DeadlineDays), ts, ts)
	if uniqueViolation(err) {
		return 0, crm.E(crm.CodeDuplicate, "value", n.Description).OnField("description")
	}
	if err != nil {
		return 0, err
	}
	return id, nil
}

// Update changes a key; last4 is empty when the token is kept. The provider
// never changes: a key's envelopes live at the service it was made for.
func (t *IntegrationsTx) Update(ctx context.Context, n crm.NormalizedIntegration, last4 string, now time.Time) error {
	res, err := t.tx.ExecContext(ctx, `UPDATE integrations SET description = ?, environment = ?,
		token_last4 = CASE WHEN ? = '' THEN token_last4 ELSE ? END,
		deadline_days = ?, updated_at = ? WHERE id = ?`,
		n.Description, n.Environment, last4, last4, nullDays(n.DeadlineDays), now.UTC().Format(time.RFC3339Nano), n.ID)
	if uniqueViolation(err) {
		return crm.E(crm.CodeDuplicate, "value", n.Description).OnField("description")
	}
	if err != nil {
		return err
	}
	if k, _ := res.RowsAffected(); k == 0 {
		return crm.E(crm.CodeNotFound)
	}
	return nil
}

// Delete removes a key row.
func (t *IntegrationsTx) Delete(ctx context.Context, id int64) error {
	res, err := t.tx.ExecContext(ctx, `DELETE FROM integrations WHERE id = ?`, id)
	if err != nil {
		return err
	}
	if k, _ := res.RowsAffected(); k == 0 {
		return crm.E(crm.CodeNotFound)
	}
	return nil
}

// DescriptionTaken reports whether another key already uses the description
// (ignoring letter case), so the form can list it with its other problems.
func (s *Integrations) DescriptionTaken(ctx context.Context, description string, exceptID int64) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM integrations WHERE description = ? AND id <> ?`, description, exceptID).Scan(&n)
	return n > 0, err
}

// SetFingerprint records the fingerprint of the token just saved for a key,
// replacing any earlier one.
func (t *IntegrationsTx) SetFingerprint(ctx context.Context, id int64, fp crm.TokenFingerprint) error {
	res, err := t.tx.ExecContext(ctx, `UPDATE integrations SET token_salt = ?, token_fingerprint = ? WHERE id = ?`, fp.Salt, fp.Sum, id)
	if err != nil {
		return err
	}
	if k, _ := res.RowsAffected(); k == 0 {
		return crm.E(crm.CodeNotFound)
	}
	return nil
}

// Fingerprint returns the fingerprint of a key's token; an empty one when
// the key predates fingerprints, crm.CodeNotFound when the key is gone.
func (s *Integrations) Fingerprint(ctx context.Context, id int64) (crm.TokenFingerprint, error) {
	var fp crm.TokenFingerprint
	err := s.db.QueryRowContext(ctx, `SELECT token_salt, token_fingerprint FROM integrations WHERE id = ?`, id).Scan(&fp.Salt, &fp.Sum)
	if errors.Is(err, sql.ErrNoRows) {
		return fp, crm.E(crm.CodeNotFound)
	}
	return fp, err
}

// AdoptFingerprint stores fp only if the key has none yet and reports
// whether it did: when two PCs adopt at once, the first write wins and the
// other must compare its token with the winner's.
func (s *Integrations) AdoptFingerprint(ctx context.Context, id int64, fp crm.TokenFingerprint) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE integrations SET token_salt = ?, token_fingerprint = ?
		WHERE id = ? AND token_fingerprint = ''`, fp.Salt, fp.Sum, id)
	if err != nil {
		return false, err
	}
	k, err := res.RowsAffected()
	return k == 1, err
}

// SetDocuSignAccount records the DocuSign account a key sends from.
func (t *IntegrationsTx) SetDocuSignAccount(ctx context.Context, id int64, acc crm.DocuSignAccount, now time.Time) error {
	res, err := t.tx.ExecContext(ctx, `UPDATE integrations SET docusign_account_id = ?, docusign_account_name = ?,
		docusign_base_uri = ?, updated_at = ? WHERE id = ?`,
		acc.ID, acc.Name, acc.BaseURI, now.UTC().Format(time.RFC3339Nano), id)
	if err != nil {
		return err
	}
	if k, _ := res.RowsAffected(); k == 0 {
		return crm.E(crm.CodeNotFound)
	}
	return nil
}
