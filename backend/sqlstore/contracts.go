package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"selo/backend/crm"
)

// Contracts stores the contracts of reservations (reservation_contracts).
type Contracts struct{ db *DB }

// Contracts returns the reservation contracts store.
func (db *DB) Contracts() *Contracts { return &Contracts{db: db} }

// contractColumns are the stored columns of a contract (alias c) and
// whether a signature was recorded; the state is derived in Go from these
// and the contract's sends (crm.ContractStateOf).
const contractColumns = `c.id, c.reservation_id, c.kind, c.association_id, c.template_id, c.name, c.file_name,
	c.pages, c.size_bytes, c.sha256, c.position, c.signed_at <> '', c.created_at`

// loadContracts returns the contracts (alias c) matching where, in screen
// order, each with its derived state. Inside a transaction q is the
// transaction, so the state is the one the caller is about to act on.
func loadContracts(ctx context.Context, q querier, where string, args ...any) ([]crm.Contract, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+contractColumns+` FROM reservation_contracts c
		WHERE `+where+` ORDER BY c.position, c.id`, args...)
	if err != nil {
		return nil, err
	}
	out := []crm.Contract{}
	facts := map[int64]*crm.ContractFacts{}
	for rows.Next() {
		var c crm.Contract
		var created string
		var signed bool
		if err := rows.Scan(&c.ID, &c.ReservationID, &c.Kind, &c.AssociationID, &c.TemplateID, &c.Name, &c.FileName,
			&c.Pages, &c.Size, &c.SHA256, &c.Position, &signed, &created); err != nil {
			rows.Close()
			return nil, err
		}
		c.CreatedAt, _ = time.Parse(time.RFC3339Nano, created)
		facts[c.ID] = &crm.ContractFacts{Signed: signed}
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return out, nil
	}
	// One query for the sends of every listed contract, selected by the
	// same condition, rather than one per contract.
	rows, err = q.QueryContext(ctx, `SELECT sc.contract_id, o.id, o.active, o.status, o.envelope_id, o.envelope_attempted = 1,
		e.id IS NOT NULL, COALESCE(e.state, '')
		FROM reservation_contracts c JOIN send_operation_contracts sc ON sc.contract_id = c.id
		JOIN send_operations o ON o.id = sc.operation_id LEFT JOIN envelopes e ON e.id = o.envelope_id
		WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var o crm.ContractSend
		if err := rows.Scan(&id, &o.OperationID, &o.Active, &o.Status, &o.EnvelopeID, &o.EnvelopeAttempted,
			&o.EnvelopeRecorded, &o.EnvelopeState); err != nil {
			return nil, err
		}
		if f := facts[id]; f != nil {
			f.Sends = append(f.Sends, o)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		st := crm.ContractStateOf(*facts[out[i].ID])
		out[i].State, out[i].EndedEnvelopeID, out[i].EndedAs = st.State, st.EndedEnvelopeID, st.EndedAs
	}
	return out, nil
}

// getContract returns one contract (crm.CodeNotFound when absent).
func getContract(ctx context.Context, q querier, id int64) (crm.Contract, error) {
	list, err := loadContracts(ctx, q, `c.id = ?`, id)
	if err != nil {
		return crm.Contract{}, err
	}
	if len(list) == 0 {
		return crm.Contract{}, crm.E(crm.CodeNotFound)
	}
	return list[0], nil
}

// List returns a reservation's contracts in screen (and merge) order.
func (s *Contracts) List(ctx context.Context, reservationID int64) ([]crm.Contract, error) {
	return loadContracts(ctx, s.db, `c.reservation_id = ?`, reservationID)
}

// Get returns one contract (crm.CodeNotFound when absent).
func (s *Contracts) Get(ctx context.Context, id int64) (crm.Contract, error) {
	return getContract(ctx, s.db, id)
}

// Save inserts c at the end of its reservation's list, or, for a generated
// contract, in place of the reservation's contracts of the same association
// that are still crm.StateGenerated (a re-generation). Contracts of that
// association in any other state are left alone. It returns the new id and
// the file hashes no row references any more, for the caller to delete.
func (s *Contracts) Save(ctx context.Context, c crm.Contract, now time.Time) (int64, []string, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, nil, err
	}
	defer tx.Rollback()
	var position sql.NullInt64
	var replaced []crm.Contract
	if c.Kind == crm.ContractGenerated && c.AssociationID != 0 {
		same, err := loadContracts(ctx, tx, `c.reservation_id = ? AND c.kind = 'generated' AND c.association_id = ?`,
			c.ReservationID, c.AssociationID)
		if err != nil {
			return 0, nil, err
		}
		for _, old := range same {
			if old.State == crm.StateGenerated {
				replaced = append(replaced, old)
			}
		}
	}
	for _, old := range replaced {
		if !position.Valid || int64(old.Position) < position.Int64 {
			position = sql.NullInt64{Int64: int64(old.Position), Valid: true}
		}
		if err := removeContract(ctx, tx, old.ID, now); err != nil {
			return 0, nil, err
		}
	}
	if !position.Valid {
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(position), -1) + 1 FROM reservation_contracts
			WHERE reservation_id = ?`, c.ReservationID).Scan(&position); err != nil {
			return 0, nil, err
		}
	}
	id, err := insertID(ctx, tx, `INSERT INTO reservation_contracts (reservation_id, kind, association_id, template_id,
		name, file_name, pages, size_bytes, sha256, position, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ReservationID, c.Kind, c.AssociationID, c.TemplateID, c.Name, c.FileName, c.Pages, c.Size, c.SHA256,
		position.Int64, now.UTC().Format(time.RFC3339Nano))
	if err != nil {
		return 0, nil, err
	}
	orphans, err := orphanFiles(ctx, tx, replaced)
	if err != nil {
		return 0, nil, err
	}
	return id, orphans, tx.Commit()
}

// Delete removes a contract still crm.StateGenerated and returns its file hash
// when no other row uses that file (else "").
func (s *Contracts) Delete(ctx context.Context, id int64, now time.Time) (string, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	c, err := getContract(ctx, tx, id)
	if err != nil {
		return "", err
	}
	if c.State != crm.StateGenerated {
		return "", crm.E(crm.CodeContractLocked, "name", c.Name, "state", string(c.State))
	}
	if err := removeContract(ctx, tx, id, now); err != nil {
		return "", err
	}
	orphans, err := orphanFiles(ctx, tx, []crm.Contract{c})
	if err != nil {
		return "", err
	}
	if err := tx.Commit(); err != nil {
		return "", err
	}
	if len(orphans) > 0 {
		return orphans[0], nil
	}
	return "", nil
}

// removeContract deletes a contract row. A send that included it and
// reached nothing on Clicksign (a validation failure, a cancel before the
// envelope) is closed too: resuming it later would send a contract that no
// longer exists.
func removeContract(ctx context.Context, tx *Tx, id int64, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `UPDATE send_operations SET active = 0, status = 'canceled', updated_at = ?
		WHERE active = 1 AND status IN ('pending', 'failed', 'canceled') AND envelope_id = '' AND envelope_attempted = 0
		AND id IN (SELECT operation_id FROM send_operation_contracts WHERE contract_id = ?)`,
		now.UTC().Format(time.RFC3339Nano), id); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM reservation_contracts WHERE id = ?`, id)
	return err
}

// orphanFiles returns the hashes of removed contracts that no remaining row
// references.
func orphanFiles(ctx context.Context, tx *Tx, removed []crm.Contract) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, c := range removed {
		if seen[c.SHA256] {
			continue
		}
		seen[c.SHA256] = true
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM reservation_contracts WHERE sha256 = ?`, c.SHA256).Scan(&n); err != nil {
			return nil, err
		}
		if n == 0 {
			out = append(out, c.SHA256)
		}
	}
	return out, nil
}

// FileInUse reports whether any contract references the file sha.
func (s *Contracts) FileInUse(ctx context.Context, sha string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM reservation_contracts WHERE sha256 = ?`, sha).Scan(&n)
	return n > 0, err
}

// OpenOperations lists the reservation's send operations that are live but
// not sent (running, failed or cancelled and resumable), newest first, so
// the screen can show their progress or "Tentar novamente" after a reload.
func (s *Contracts) OpenOperations(ctx context.Context, reservationID int64) ([]int64, error) {
	return queryIDs(ctx, s.db, `SELECT id FROM send_operations
		WHERE reservation_id = ? AND active = 1 AND status <> 'sent' ORDER BY id DESC`, reservationID)
}

// BrokerContact returns the name and e-mail of an administrative user, the
// reservation's corretor when a rule asks for the broker to sign.
func (s *Contracts) BrokerContact(ctx context.Context, userID int64) (name, email string, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT name, email FROM admin_users WHERE id = ?`, userID).Scan(&name, &email)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", crm.E(crm.CodeNotFound)
	}
	return name, email, err
}
