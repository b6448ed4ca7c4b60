package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"selo/backend/crm"
)

// Contracts stores the contracts of reservations (reservation_contracts).
type Contracts struct{ db *DB }

// Contracts returns the reservation contracts store.
func (db *DB) Contracts() *Contracts { return &Contracts{db: db} }

// ContractKind says where a contract came from.
type ContractKind string

// Contract kinds.
const (
	// ContractGenerated was filled from a template associated with the
	// development ("Gerar contratos").
	ContractGenerated ContractKind = "generated"
	// ContractAttached is an outside PDF the rep attached ("Anexar PDF").
	ContractAttached ContractKind = "attached"
)

// ContractState is what the screen shows next to a contract. It is derived
// from the send operations that include the contract, never stored, so it
// cannot drift from them.
type ContractState string

// Contract states.
const (
	// StateGenerated: "Gerado": not part of any live send.
	StateGenerated ContractState = "generated"
	// StateSending: a send including it is running, or stopped after
	// something may exist on Clicksign ("Tentar novamente" resumes it). It
	// can be neither deleted nor regenerated.
	StateSending ContractState = "sending"
	// StateSent: "Enviado para assinatura": its envelope is active.
	StateSent ContractState = "sent"
	// StateSigned: "Assinado": status sync set signed_at.
	StateSigned ContractState = "signed"
	// StateCanceled: "Cancelado": its envelope was released (cancelled,
	// refused or expired) and no other send includes it.
	StateCanceled ContractState = "canceled"
)

// Contract is one contract of a reservation.
type Contract struct {
	ID            int64         `json:"id"`
	ReservationID int64         `json:"reservationId"`
	Kind          ContractKind  `json:"kind"`
	AssociationID int64         `json:"associationId"`
	TemplateID    int64         `json:"templateId"`
	Name          string        `json:"name"`
	FileName      string        `json:"fileName"`
	Pages         int           `json:"pages"`
	Size          int64         `json:"size"`
	SHA256        string        `json:"sha256"`
	Position      int           `json:"position"`
	State         ContractState `json:"state"`
	// EndedEnvelopeID and EndedAs say which envelope a StateCanceled
	// contract was released from and how it ended (cancelado, vencido,
	// recusado), so the screen can say "Cancelado (prazo vencido)" and
	// offer to send it again. Empty for any other state.
	EndedEnvelopeID string `json:"endedEnvelopeId"`
	EndedAs         string `json:"endedAs"`
	// SentAgain: a later take of this released contract is in a send or
	// signed, so "Gerar e enviar novamente" has nothing left to do for it.
	// Set by the contracts service, not stored.
	SentAgain bool      `json:"sentAgain"`
	CreatedAt time.Time `json:"createdAt" ts_type:"string"`
}

// CodeContractLocked: the contract is part of a send (or was sent) and can
// no longer be deleted or replaced (data: name, state).
const CodeContractLocked = "contract.locked"

// contractState is the SQL expression deriving ContractState for alias c.
const contractState = `CASE
	WHEN c.signed_at <> '' THEN 'signed'
	WHEN EXISTS (SELECT 1 FROM send_operation_contracts sc JOIN send_operations o ON o.id = sc.operation_id
		WHERE sc.contract_id = c.id AND o.active = 1 AND o.status = 'sent') THEN 'sent'
	WHEN EXISTS (SELECT 1 FROM send_operation_contracts sc JOIN send_operations o ON o.id = sc.operation_id
		WHERE sc.contract_id = c.id AND o.active = 1
		AND (o.status IN ('pending', 'running') OR o.envelope_id <> '' OR o.envelope_attempted = 1)) THEN 'sending'
	WHEN EXISTS (SELECT 1 FROM send_operation_contracts sc JOIN send_operations o ON o.id = sc.operation_id
		WHERE sc.contract_id = c.id AND o.active = 0 AND o.envelope_id <> '') THEN 'canceled'
	ELSE 'generated' END`

// contractEnded is the latest released envelope of alias c, as
// "envelope id|state" (” when none).
const contractEnded = `COALESCE((SELECT e.id || '|' || e.state FROM send_operation_contracts sc
	JOIN send_operations o ON o.id = sc.operation_id JOIN envelopes e ON e.id = o.envelope_id
	WHERE sc.contract_id = c.id AND o.active = 0 ORDER BY o.id DESC LIMIT 1), '')`

const contractColumns = `c.id, c.reservation_id, c.kind, c.association_id, c.template_id, c.name, c.file_name,
	c.pages, c.size_bytes, c.sha256, c.position, ` + contractState + `, ` + contractEnded + `, c.created_at`

func scanContract(sc interface{ Scan(...any) error }) (Contract, error) {
	var c Contract
	var created, ended string
	err := sc.Scan(&c.ID, &c.ReservationID, &c.Kind, &c.AssociationID, &c.TemplateID, &c.Name, &c.FileName,
		&c.Pages, &c.Size, &c.SHA256, &c.Position, &c.State, &ended, &created)
	c.CreatedAt, _ = time.Parse(time.RFC3339Nano, created)
	if c.State == StateCanceled {
		c.EndedEnvelopeID, c.EndedAs, _ = strings.Cut(ended, "|")
	}
	return c, err
}

// List returns a reservation's contracts in screen (and merge) order.
func (s *Contracts) List(ctx context.Context, reservationID int64) ([]Contract, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+contractColumns+` FROM reservation_contracts c
		WHERE c.reservation_id = ? ORDER BY c.position, c.id`, reservationID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Contract{}
	for rows.Next() {
		c, err := scanContract(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Get returns one contract (crm.CodeNotFound when absent).
func (s *Contracts) Get(ctx context.Context, id int64) (Contract, error) {
	c, err := scanContract(s.db.QueryRowContext(ctx, `SELECT `+contractColumns+` FROM reservation_contracts c WHERE c.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, crm.E(crm.CodeNotFound)
	}
	return c, err
}

// Save inserts c at the end of its reservation's list, or, for a generated
// contract, in place of the reservation's contracts of the same association
// that are still StateGenerated (a re-generation). Contracts of that
// association in any other state are left alone. It returns the new id and
// the file hashes no row references any more, for the caller to delete.
func (s *Contracts) Save(ctx context.Context, c Contract, now time.Time) (int64, []string, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, nil, err
	}
	defer tx.Rollback()
	var position sql.NullInt64
	var replaced []Contract
	if c.Kind == ContractGenerated && c.AssociationID != 0 {
		rows, err := tx.QueryContext(ctx, `SELECT `+contractColumns+` FROM reservation_contracts c
			WHERE c.reservation_id = ? AND c.kind = 'generated' AND c.association_id = ?`, c.ReservationID, c.AssociationID)
		if err != nil {
			return 0, nil, err
		}
		for rows.Next() {
			old, err := scanContract(rows)
			if err != nil {
				rows.Close()
				return 0, nil, err
			}
			if old.State == StateGenerated {
				replaced = append(replaced, old)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return 0, nil, err
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
	res, err := tx.ExecContext(ctx, `INSERT INTO reservation_contracts (reservation_id, kind, association_id, template_id,
		name, file_name, pages, size_bytes, sha256, position, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ReservationID, c.Kind, c.AssociationID, c.TemplateID, c.Name, c.FileName, c.Pages, c.Size, c.SHA256,
		position.Int64, now.UTC().Format(time.RFC3339Nano))
	if err != nil {
		return 0, nil, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, nil, err
	}
	orphans, err := orphanFiles(ctx, tx, replaced)
	if err != nil {
		return 0, nil, err
	}
	return id, orphans, tx.Commit()
}

// Delete removes a contract still StateGenerated and returns its file hash
// when no other row uses that file (else "").
func (s *Contracts) Delete(ctx context.Context, id int64, now time.Time) (string, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	c, err := scanContract(tx.QueryRowContext(ctx, `SELECT `+contractColumns+` FROM reservation_contracts c WHERE c.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return "", crm.E(crm.CodeNotFound)
	}
	if err != nil {
		return "", err
	}
	if c.State != StateGenerated {
		return "", crm.E(CodeContractLocked, "name", c.Name, "state", string(c.State))
	}
	if err := removeContract(ctx, tx, id, now); err != nil {
		return "", err
	}
	orphans, err := orphanFiles(ctx, tx, []Contract{c})
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
func removeContract(ctx context.Context, tx *sql.Tx, id int64, now time.Time) error {
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
func orphanFiles(ctx context.Context, tx *sql.Tx, removed []Contract) ([]string, error) {
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
