package sqlstore

import (
	"context"
	"time"

	"selo/backend/crm"
	"selo/backend/signing"
)

var _ signing.SyncStore = (*Envelopes)(nil)

// RunningEnvelopes lists the envelopes Clicksign last reported running and
// still knows, with their signers' recorded states.
func (s *Envelopes) RunningEnvelopes(ctx context.Context, reservationID int64) ([]signing.SyncEnvelope, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, operation_id, integration_id, reservation_id, document_id, state, modified, synced_at
		FROM envelopes WHERE status = 'running' AND missing = 0 AND (? = 0 OR reservation_id = ?) ORDER BY created_at, id`,
		reservationID, reservationID)
	if err != nil {
		return nil, err
	}
	var out []signing.SyncEnvelope
	for rows.Next() {
		var e signing.SyncEnvelope
		var synced string
		if err := rows.Scan(&e.ID, &e.OperationID, &e.IntegrationID, &e.ReservationID, &e.DocumentID, &e.State, &e.Modified, &synced); err != nil {
			rows.Close()
			return nil, err
		}
		e.SyncedAt = envTime(synced)
		out = append(out, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Signers, err = s.signerFacts(ctx, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *Envelopes) signerFacts(ctx context.Context, envelopeID string) ([]signing.SignerFact, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT signer_id, email, group_no, state, state_at, reason
		FROM envelope_signers WHERE envelope_id = ? ORDER BY position`, envelopeID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []signing.SignerFact
	for rows.Next() {
		var g signing.SignerFact
		var at string
		if err := rows.Scan(&g.ID, &g.Email, &g.Group, &g.State, &at, &g.Reason); err != nil {
			return nil, err
		}
		g.At = envTime(at)
		out = append(out, g)
	}
	return out, rows.Err()
}

// ApplySync writes one envelope's sync in one transaction: envelope,
// signers, new timeline events, and the contracts of its send (signed, or
// released once the envelope ended unsigned).
func (s *Envelopes) ApplySync(ctx context.Context, u signing.SyncUpdate, now time.Time) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE envelopes SET status = ?, state = ?, modified = ?,
		signed_file = CASE WHEN ? <> '' THEN ? ELSE signed_file END, synced_at = ?, updated_at = ? WHERE id = ?`,
		u.RemoteStatus, u.State, u.Modified, u.SignedFile, u.SignedFile, envTS(now), envTS(now), u.EnvelopeID); err != nil {
		return err
	}
	for _, g := range u.Signers {
		if _, err := tx.ExecContext(ctx, `UPDATE envelope_signers SET state = ?, state_at = ?, reason = ?, updated_at = ?
			WHERE envelope_id = ? AND signer_id = ?`, g.State, envTS(g.At), g.Reason, envTS(now), u.EnvelopeID, g.ID); err != nil {
			return err
		}
	}
	for _, e := range u.Events {
		if e.ID == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO envelope_events (envelope_id, event_id, name, signer_id, reason, at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, u.EnvelopeID, e.ID, e.Name, e.SignerID, e.Reason, envTS(e.At)); err != nil {
			return err
		}
	}
	if u.SignContracts {
		if _, err := tx.ExecContext(ctx, `UPDATE reservation_contracts SET signed_at = ?
			WHERE signed_at = '' AND id IN (SELECT contract_id FROM send_operation_contracts WHERE operation_id = ?)`,
			envTS(now), u.OperationID); err != nil {
			return err
		}
	}
	if u.Release {
		if _, err := tx.ExecContext(ctx, `UPDATE send_operations SET active = 0, updated_at = ? WHERE id = ?`, envTS(now), u.OperationID); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// MarkMissing records that Clicksign no longer has the envelope, without
// changing the state it last had.
func (s *Envelopes) MarkMissing(ctx context.Context, envelopeID string, now time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE envelopes SET missing = 1, synced_at = ?, updated_at = ? WHERE id = ?`,
		envTS(now), envTS(now), envelopeID)
	return err
}

// EnvelopeViews returns the reservation's envelopes with their synced
// status, signers and timeline, for the reservation screen.
func (s *Envelopes) EnvelopeViews(ctx context.Context, reservationID int64, now time.Time) ([]crm.EnvelopeView, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT e.id, e.reservation_id, e.operation_id, e.name, e.status, e.state, e.deadline_at, e.missing,
		e.signed_file, e.synced_at, COALESCE(i.environment, ''), COALESCE(i.provider, ''), e.sent_by_name FROM envelopes e LEFT JOIN integrations i ON i.id = e.integration_id
		WHERE e.reservation_id = ? ORDER BY e.created_at, e.id`, reservationID)
	if err != nil {
		return nil, err
	}
	var out []crm.EnvelopeView
	for rows.Next() {
		var v crm.EnvelopeView
		var deadline, signed, synced, env string
		if err := rows.Scan(&v.ID, &v.ReservationID, &v.OperationID, &v.Name, &v.Status, &v.State, &deadline, &v.Missing, &signed, &synced, &env, &v.Provider, &v.SentByName); err != nil {
			rows.Close()
			return nil, err
		}
		v.DeadlineAt, v.SyncedAt = envTime(deadline), envTime(synced)
		v.HasSigned, v.Simulator = signed != "", env == "simulator"
		if !v.DeadlineAt.IsZero() {
			v.DaysLeft = crm.DaysLeft(v.DeadlineAt, now)
		}
		v.Signers, v.Timeline, v.ContractIDs = []crm.SignerView{}, []crm.TimelineEntry{}, []int64{}
		out = append(out, v)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if err := s.fillView(ctx, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *Envelopes) fillView(ctx context.Context, v *crm.EnvelopeView) error {
	names := map[string]string{}
	rows, err := s.db.QueryContext(ctx, `SELECT signer_id, name, position, group_no, state, state_at, reason
		FROM envelope_signers WHERE envelope_id = ? ORDER BY position`, v.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var g crm.SignerView
		var at string
		if err := rows.Scan(&g.ID, &g.Name, &g.Position, &g.Group, &g.State, &at, &g.Reason); err != nil {
			rows.Close()
			return err
		}
		g.At = envTime(at)
		names[g.ID] = g.Name
		v.Signers = append(v.Signers, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	// Before the first sync every signer of a later group waits.
	for i, g := range v.Signers {
		if g.State != crm.SignerPending {
			continue
		}
		for _, o := range v.Signers {
			if o.Group < g.Group && o.State != crm.SignerSigned {
				v.Signers[i].State = crm.SignerWaiting
				break
			}
		}
	}
	rows, err = s.db.QueryContext(ctx, `SELECT name, signer_id, reason, at FROM envelope_events
		WHERE envelope_id = ? ORDER BY at, event_id`, v.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var t crm.TimelineEntry
		var signer, at string
		if err := rows.Scan(&t.Name, &signer, &t.Reason, &at); err != nil {
			return err
		}
		t.Signer, t.At = names[signer], envTime(at)
		v.Timeline = append(v.Timeline, t)
	}
	return rows.Err()
}
