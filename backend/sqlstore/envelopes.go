package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"selo/backend/crm"
	"selo/backend/signing"
)

// Envelopes stores send operations and the envelopes they activated
// (signing.SendStore).
type Envelopes struct{ db *DB }

var _ signing.SendStore = (*Envelopes)(nil)

// Envelopes returns the send operations and envelopes store.
func (db *DB) Envelopes() *Envelopes { return &Envelopes{db: db} }

func envTS(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func envTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

// CreateSend inserts op unless an active operation has the same key. The
// partial unique index decides, so two concurrent clicks cannot both insert.
func (s *Envelopes) CreateSend(ctx context.Context, op signing.SendOperation, now time.Time) (int64, bool, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, false, err
	}
	defer tx.Rollback()
	var id int64
	err = tx.QueryRowContext(ctx, `SELECT id FROM send_operations WHERE op_key = ? AND active = 1`, op.Key).Scan(&id)
	if err == nil {
		return id, false, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, false, err
	}
	// Who clicked "Enviar" is who sent it, even when another PC resumes
	// the send later: RecordActivated copies it onto the envelope.
	who := s.db.Actor()
	id, err = insertID(ctx, tx, `INSERT INTO send_operations
		(op_key, reservation_id, integration_id, name, status, step, created_at, updated_at, sent_by_user_id, sent_by_name)
		VALUES (?, ?, ?, ?, 'pending', 'new', ?, ?, ?, ?)`,
		op.Key, op.ReservationID, op.IntegrationID, op.Name, envTS(now), envTS(now), who.UserID, who.Name)
	if uniqueViolation(err) {
		// PostgreSQL lets two clicks (or two PCs) both find no operation;
		// the index lets one insert and makes the other wait for it, and
		// the loser returns the winner's operation. (SQLite's write lock
		// already made the second wait before its SELECT.)
		err = tx.QueryRowContext(ctx, `SELECT id FROM send_operations WHERE op_key = ? AND active = 1`, op.Key).Scan(&id)
		if err != nil {
			return 0, false, err
		}
		return id, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	for _, c := range op.ContractIDs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO send_operation_contracts (operation_id, contract_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, id, c); err != nil {
			return 0, false, err
		}
	}
	return id, true, tx.Commit()
}

const sendCols = `id, op_key, reservation_id, integration_id, name, remote_name, filename, status, step,
	envelope_id, document_id, deadline_at, envelope_attempted, document_attempted, requirements_attempted,
	activation_attempted, notify_attempted, error_code, error_data, created_at, updated_at`

// Send loads one operation with its contracts and signers.
func (s *Envelopes) Send(ctx context.Context, id int64) (signing.SendOperation, error) {
	var op signing.SendOperation
	var deadline, errData, created, updated string
	err := s.db.QueryRowContext(ctx, `SELECT `+sendCols+` FROM send_operations WHERE id = ?`, id).Scan(
		&op.ID, &op.Key, &op.ReservationID, &op.IntegrationID, &op.Name, &op.RemoteName, &op.Filename, &op.Status, &op.Step,
		&op.EnvelopeID, &op.DocumentID, &deadline, &op.EnvelopeAttempted, &op.DocumentAttempted, &op.RequirementsAttempted,
		&op.ActivationAttempted, &op.NotifyAttempted, &op.ErrorCode, &errData, &created, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return op, crm.E(crm.CodeNotFound)
	}
	if err != nil {
		return op, err
	}
	op.DeadlineAt, op.CreatedAt, op.UpdatedAt = envTime(deadline), envTime(created), envTime(updated)
	if errData != "" {
		if err := json.Unmarshal([]byte(errData), &op.ErrorData); err != nil {
			return op, fmt.Errorf("send %d error data: %w", id, err)
		}
	}
	rows, err := s.db.QueryContext(ctx, `SELECT contract_id FROM send_operation_contracts WHERE operation_id = ? ORDER BY contract_id`, id)
	if err != nil {
		return op, err
	}
	for rows.Next() {
		var c int64
		if err := rows.Scan(&c); err != nil {
			rows.Close()
			return op, err
		}
		op.ContractIDs = append(op.ContractIDs, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return op, err
	}
	rows, err = s.db.QueryContext(ctx, `SELECT position, signer, signer_id, attempted FROM send_operation_signers
		WHERE operation_id = ? ORDER BY position`, id)
	if err != nil {
		return op, err
	}
	defer rows.Close()
	for rows.Next() {
		var g signing.SendSigner
		var raw string
		if err := rows.Scan(&g.Position, &raw, &g.SignerID, &g.Attempted); err != nil {
			return op, err
		}
		if err := json.Unmarshal([]byte(raw), &g.Signer); err != nil {
			return op, fmt.Errorf("send %d signer %d: %w", id, g.Position, err)
		}
		op.Signers = append(op.Signers, g)
	}
	return op, rows.Err()
}

// OpenSends lists the operations a restart should resume, oldest first.
func (s *Envelopes) OpenSends(ctx context.Context) ([]int64, error) {
	return queryIDs(ctx, s.db, `SELECT id FROM send_operations
		WHERE status IN ('pending', 'running', 'failed') AND active = 1 AND step <> 'new' ORDER BY id`)
}

// queryIDs runs a query whose one column is an id and returns the ids.
func queryIDs(ctx context.Context, db *DB, query string, args ...any) ([]int64, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// exec runs one statement that must touch the operation.
func (s *Envelopes) exec(ctx context.Context, id int64, q string, args ...any) error {
	res, err := s.db.ExecContext(ctx, q, args...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return crm.E(crm.CodeNotFound, "operation", id)
	}
	return nil
}

// SetSendStatus records the status and error (cleared when code is "").
func (s *Envelopes) SetSendStatus(ctx context.Context, id int64, status signing.SendStatus, code string, data map[string]any, now time.Time) error {
	raw := ""
	if len(data) > 0 {
		b, err := json.Marshal(data)
		if err != nil {
			return err
		}
		raw = string(b)
	}
	return s.exec(ctx, id, `UPDATE send_operations SET status = ?, error_code = ?, error_data = ?, updated_at = ? WHERE id = ?`,
		status, code, raw, envTS(now), id)
}

// SavePrepared stores the merged PDF, names and signers in one transaction.
func (s *Envelopes) SavePrepared(ctx context.Context, id int64, remoteName, filename string, pdf []byte, signers []signing.SendSigner, now time.Time) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `UPDATE send_operations SET remote_name = ?, filename = ?, step = 'merged', updated_at = ?
		WHERE id = ? AND step = 'new'`, remoteName, filename, envTS(now), id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("send %d: not at step new", id)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO send_operation_files (operation_id, pdf) VALUES (?, ?)
		ON CONFLICT (operation_id) DO UPDATE SET pdf = excluded.pdf`, id, pdf); err != nil {
		return err
	}
	for _, g := range signers {
		raw, err := json.Marshal(g.Signer)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO send_operation_signers (operation_id, position, person_key, signer)
			VALUES (?, ?, ?, ?)`, id, g.Position, g.Signer.Key, string(raw)); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// ResetSend takes an operation without remote facts back to step new.
func (s *Envelopes) ResetSend(ctx context.Context, id int64, name string, integrationID int64, now time.Time) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `UPDATE send_operations SET step = 'new', status = 'pending', name = ?, integration_id = ?,
		remote_name = '', filename = '', error_code = '', error_data = '', updated_at = ?
		WHERE id = ? AND envelope_id = '' AND envelope_attempted = 0`, name, integrationID, envTS(now), id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("send %d: has remote facts, cannot reset", id)
	}
	for _, q := range []string{`DELETE FROM send_operation_signers WHERE operation_id = ?`, `DELETE FROM send_operation_files WHERE operation_id = ?`} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// SendFile returns the merged PDF kept for the upload.
func (s *Envelopes) SendFile(ctx context.Context, id int64) ([]byte, error) {
	var pdf []byte
	err := s.db.QueryRowContext(ctx, `SELECT pdf FROM send_operation_files WHERE operation_id = ?`, id).Scan(&pdf)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, crm.E(crm.CodeNotFound, "operation", id)
	}
	return pdf, err
}

// BeginEnvelope fixes the deadline and marks the envelope create as sent.
func (s *Envelopes) BeginEnvelope(ctx context.Context, id int64, deadline, now time.Time) error {
	return s.exec(ctx, id, `UPDATE send_operations SET deadline_at = ?, envelope_attempted = 1, updated_at = ? WHERE id = ?`,
		envTS(deadline), envTS(now), id)
}

// SetEnvelope saves the envelope id.
func (s *Envelopes) SetEnvelope(ctx context.Context, id int64, envelopeID string, now time.Time) error {
	return s.exec(ctx, id, `UPDATE send_operations SET envelope_id = ?, step = 'envelope', updated_at = ? WHERE id = ?`,
		envelopeID, envTS(now), id)
}

var attemptColumns = map[signing.SendAttempt]string{
	signing.AttemptDocument:     "document_attempted",
	signing.AttemptRequirements: "requirements_attempted",
	signing.AttemptActivation:   "activation_attempted",
	signing.AttemptNotify:       "notify_attempted",
}

// MarkAttempt records that a request is about to be sent.
func (s *Envelopes) MarkAttempt(ctx context.Context, id int64, what signing.SendAttempt, now time.Time) error {
	col, ok := attemptColumns[what]
	if !ok {
		return fmt.Errorf("unknown attempt %q", what)
	}
	return s.exec(ctx, id, `UPDATE send_operations SET `+col+` = 1, updated_at = ? WHERE id = ?`, envTS(now), id)
}

// SetDocument saves the document id and drops the PDF Clicksign now holds.
func (s *Envelopes) SetDocument(ctx context.Context, id int64, documentID string, now time.Time) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE send_operations SET document_id = ?, updated_at = ? WHERE id = ?`, documentID, envTS(now), id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM send_operation_files WHERE operation_id = ?`, id); err != nil {
		return err
	}
	return tx.Commit()
}

// MarkPartsAttempt marks the document upload and the signer creates as
// sent, in one transaction.
func (s *Envelopes) MarkPartsAttempt(ctx context.Context, id int64, document bool, positions []int, now time.Time) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if document {
		if _, err := tx.ExecContext(ctx, `UPDATE send_operations SET document_attempted = 1, updated_at = ? WHERE id = ?`, envTS(now), id); err != nil {
			return err
		}
	}
	for _, p := range positions {
		if _, err := tx.ExecContext(ctx, `UPDATE send_operation_signers SET attempted = 1 WHERE operation_id = ? AND position = ?`, id, p); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// SetSignerID saves a signer's Clicksign id.
func (s *Envelopes) SetSignerID(ctx context.Context, id int64, position int, signerID string, now time.Time) error {
	return s.exec(ctx, id, `UPDATE send_operation_signers SET signer_id = ? WHERE operation_id = ? AND position = ?`, signerID, id, position)
}

// SetStep records a completed step.
func (s *Envelopes) SetStep(ctx context.Context, id int64, step signing.SendStep, now time.Time) error {
	return s.exec(ctx, id, `UPDATE send_operations SET step = ?, updated_at = ? WHERE id = ?`, step, envTS(now), id)
}

// RecordActivated writes the envelope and its signers and moves the step to
// activated, all in one transaction, so status sync never sees an envelope
// without its signers. Running it twice is harmless.
func (s *Envelopes) RecordActivated(ctx context.Context, id int64, now time.Time) error {
	op, err := s.Send(ctx, id)
	if err != nil {
		return err
	}
	if op.EnvelopeID == "" {
		return fmt.Errorf("send %d: no envelope to record", id)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO envelopes (id, operation_id, integration_id, reservation_id, document_id, name,
		status, deadline_at, created_at, updated_at, sent_by_user_id, sent_by_name)
		SELECT ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, sent_by_user_id, sent_by_name FROM send_operations WHERE id = ?
		ON CONFLICT (id) DO NOTHING`, op.EnvelopeID, op.ID, op.IntegrationID, op.ReservationID, op.DocumentID, op.RemoteName,
		envTS(op.DeadlineAt), envTS(now), envTS(now), op.ID); err != nil {
		return err
	}
	for _, g := range op.Signers {
		if g.SignerID == "" {
			return fmt.Errorf("send %d: signer %d has no id", id, g.Position)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO envelope_signers (envelope_id, signer_id, position, person_key, name, email,
			group_no, state, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'pendente', ?) ON CONFLICT DO NOTHING`,
			op.EnvelopeID, g.SignerID, g.Position, g.Signer.Key, g.Signer.Name, g.Signer.Email, g.Signer.SendOrder, envTS(now)); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE send_operations SET step = 'activated', updated_at = ? WHERE id = ? AND step <> 'notified'`,
		envTS(now), id); err != nil {
		return err
	}
	return tx.Commit()
}

// ReleaseSend stops an operation from holding its key, so the same
// contracts can be sent again in a new envelope: for status sync or "Cancelar
// envelope" once an envelope is cancelled, refused or expired. The
// operation and its envelope stay as history.
func (s *Envelopes) ReleaseSend(ctx context.Context, id int64, now time.Time) error {
	return s.exec(ctx, id, `UPDATE send_operations SET active = 0, updated_at = ? WHERE id = ?`, envTS(now), id)
}

// ListEnvelopes returns the recorded envelopes of a reservation (every
// reservation when reservationID is 0), with their signers, for status sync
// and the reservation screen.
func (s *Envelopes) ListEnvelopes(ctx context.Context, reservationID int64) ([]EnvelopeRecord, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, operation_id, integration_id, reservation_id, document_id, name, status, deadline_at
		FROM envelopes WHERE ? = 0 OR reservation_id = ? ORDER BY created_at, id`, reservationID, reservationID)
	if err != nil {
		return nil, err
	}
	var out []EnvelopeRecord
	for rows.Next() {
		var e EnvelopeRecord
		var deadline string
		if err := rows.Scan(&e.ID, &e.OperationID, &e.IntegrationID, &e.ReservationID, &e.DocumentID, &e.Name, &e.Status, &deadline); err != nil {
			rows.Close()
			return nil, err
		}
		e.DeadlineAt = envTime(deadline)
		out = append(out, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		srows, err := s.db.QueryContext(ctx, `SELECT signer_id, position, person_key, name, email, group_no, state
			FROM envelope_signers WHERE envelope_id = ? ORDER BY position`, out[i].ID)
		if err != nil {
			return nil, err
		}
		for srows.Next() {
			var g EnvelopeSignerRecord
			if err := srows.Scan(&g.SignerID, &g.Position, &g.PersonKey, &g.Name, &g.Email, &g.Group, &g.State); err != nil {
				srows.Close()
				return nil, err
			}
			out[i].Signers = append(out[i].Signers, g)
		}
		srows.Close()
		if err := srows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// SentContracts returns which of the given contracts belong to a sent
// operation ("Enviado para assinatura").
func (s *Envelopes) SentContracts(ctx context.Context, contractIDs []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	for _, c := range contractIDs {
		var n int
		err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM send_operation_contracts c
			JOIN send_operations o ON o.id = c.operation_id
			WHERE c.contract_id = ? AND o.status = 'sent' AND o.active = 1`, c).Scan(&n)
		if err != nil {
			return nil, err
		}
		out[c] = n > 0
	}
	return out, nil
}

// EnvelopeRecord is an activated envelope as its rows hold it. Screens
// read crm.EnvelopeView; this record is for checking what was stored.
type EnvelopeRecord struct {
	ID            string
	OperationID   int64
	IntegrationID int64
	ReservationID int64
	DocumentID    string
	Name          string
	Status        string
	DeadlineAt    time.Time
	Signers       []EnvelopeSignerRecord
}

// EnvelopeSignerRecord is one signer of a recorded envelope.
type EnvelopeSignerRecord struct {
	SignerID  string
	Position  int
	PersonKey string
	Name      string
	Email     string
	Group     int
	State     string
}

// claimTS writes a claim's heartbeat at a fixed width, so that comparing
// two as text in SQL (the same on both engines) orders them as times;
// RFC3339Nano drops trailing zeros and would not.
func claimTS(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000000Z") }

// ClaimSend takes the run of an operation in one conditional UPDATE: the
// row lock of that single statement lets one of several concurrent PCs
// change the row, and the others, re-checking the condition after it, find
// a fresh claim by someone else and touch nothing.
func (s *Envelopes) ClaimSend(ctx context.Context, id int64, runner string, now, staleBefore time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE send_operations SET runner = ?, runner_seen_at = ?
		WHERE id = ? AND (runner = '' OR runner = ? OR runner_seen_at < ?)`,
		runner, claimTS(now), id, runner, claimTS(staleBefore))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// RefreshSend renews runner's heartbeat while it still holds the claim.
func (s *Envelopes) RefreshSend(ctx context.Context, id int64, runner string, now time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE send_operations SET runner_seen_at = ? WHERE id = ? AND runner = ?`,
		claimTS(now), id, runner)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// UnclaimSend clears runner's claim; another holder's claim is left alone.
func (s *Envelopes) UnclaimSend(ctx context.Context, id int64, runner string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE send_operations SET runner = '', runner_seen_at = '' WHERE id = ? AND runner = ?`,
		id, runner)
	return err
}

// OrphanedSends lists runs whose PC stopped refreshing their claim.
func (s *Envelopes) OrphanedSends(ctx context.Context, staleBefore time.Time) ([]int64, error) {
	return queryIDs(ctx, s.db, `SELECT id FROM send_operations
		WHERE status IN ('pending', 'running') AND active = 1 AND step <> 'new'
		AND (runner = '' OR runner_seen_at < ?) ORDER BY id`, claimTS(staleBefore))
}
