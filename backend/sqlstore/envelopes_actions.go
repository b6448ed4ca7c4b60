package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"selo/backend/crm"
	"selo/backend/signing"
)

// EnvelopeDetail returns one recorded envelope with what "Reenviar
// notificação", "Cancelar envio" and the in-app notices need: the sync
// facts, Clicksign's last status, the name the rep gave the send, the
// holder's name and each signer's name.
func (s *Envelopes) EnvelopeDetail(ctx context.Context, envelopeID string) (signing.EnvelopeDetail, error) {
	var d signing.EnvelopeDetail
	var synced string
	// No foreign key ties an envelope to its reservation (it outlives it),
	// hence the LEFT JOIN.
	err := s.db.QueryRowContext(ctx, `SELECT e.id, e.operation_id, e.integration_id, e.reservation_id, e.document_id,
		e.state, e.modified, e.synced_at, e.status, e.missing, o.name, COALESCE(r.holder_name, '')
		FROM envelopes e JOIN send_operations o ON o.id = e.operation_id
		LEFT JOIN reservations r ON r.id = e.reservation_id
		WHERE e.id = ?`, envelopeID).Scan(&d.ID, &d.OperationID, &d.IntegrationID, &d.ReservationID, &d.DocumentID,
		&d.State, &d.Modified, &synced, &d.RemoteStatus, &d.Missing, &d.Name, &d.Client)
	if errors.Is(err, sql.ErrNoRows) {
		return d, crm.E(crm.CodeNotFound, "envelope", envelopeID)
	}
	if err != nil {
		return d, err
	}
	d.SyncedAt = envTime(synced)
	if d.Signers, err = s.signerFacts(ctx, envelopeID); err != nil {
		return d, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT signer_id, name FROM envelope_signers WHERE envelope_id = ?`, envelopeID)
	if err != nil {
		return d, err
	}
	defer rows.Close()
	d.SignerNames = map[string]string{}
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			return d, err
		}
		d.SignerNames[id] = name
	}
	return d, rows.Err()
}
