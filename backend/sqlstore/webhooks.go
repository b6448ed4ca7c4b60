package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"selo/backend/signing"
)

// deliveryRetention is how long a delivery's hash is kept to recognise a
// replay; Clicksign's retry window is UNCONFIRMED, and a month outlasts any
// plausible one while keeping the table small.
const deliveryRetention = 30 * 24 * time.Hour

// Webhooks stores the keys' Clicksign webhook settings and recent deliveries.
type Webhooks struct{ db *DB }

// Webhooks returns the webhooks store.
func (db *DB) Webhooks() *Webhooks { return &Webhooks{db: db} }

var _ signing.WebhookStore = (*Webhooks)(nil)

// Webhook returns a key's webhook settings; ok is false when they are off.
func (s *Webhooks) Webhook(ctx context.Context, integrationID int64) (signing.WebhookConfig, bool, error) {
	c := signing.WebhookConfig{IntegrationID: integrationID}
	var created, updated, last string
	err := s.db.QueryRowContext(ctx, `SELECT mode, remote_id, endpoint, created_at, updated_at, last_delivery_at
		FROM clicksign_webhooks WHERE integration_id = ?`, integrationID).
		Scan(&c.Mode, &c.RemoteID, &c.Endpoint, &created, &updated, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return signing.WebhookConfig{}, false, nil
	}
	if err != nil {
		return signing.WebhookConfig{}, false, err
	}
	c.CreatedAt, c.UpdatedAt, c.LastDeliveryAt = envTime(created), envTime(updated), envTime(last)
	return c, true, nil
}

// SaveWebhook writes a key's settings. An upsert rather than a replace, so
// the deliveries already recorded for the key stay.
func (s *Webhooks) SaveWebhook(ctx context.Context, c signing.WebhookConfig) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO clicksign_webhooks
		(integration_id, mode, remote_id, endpoint, created_at, updated_at, last_delivery_at) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (integration_id) DO UPDATE SET mode = excluded.mode, remote_id = excluded.remote_id,
		endpoint = excluded.endpoint, created_at = excluded.created_at, updated_at = excluded.updated_at,
		last_delivery_at = excluded.last_delivery_at`,
		c.IntegrationID, c.Mode, c.RemoteID, c.Endpoint, envTS(c.CreatedAt), envTS(c.UpdatedAt), envTS(c.LastDeliveryAt))
	return err
}

// DeleteWebhook turns a key's webhooks off, with its recorded deliveries.
func (s *Webhooks) DeleteWebhook(ctx context.Context, integrationID int64) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM clicksign_webhooks WHERE integration_id = ?`, integrationID)
	return err
}

// AnyWebhook reports whether any key has webhooks on.
func (s *Webhooks) AnyWebhook(ctx context.Context) (bool, error) {
	// EXISTS is an integer on SQLite and a boolean on PostgreSQL; database/sql
	// scans either into a bool.
	var on bool
	err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM clicksign_webhooks)`).Scan(&on)
	return on, err
}

// RecordDelivery stores a delivery and the key's last-delivery time in one
// transaction, unless the same body is already recorded for the key (fresh
// false, nothing written). Old hashes are pruned on the way.
func (s *Webhooks) RecordDelivery(ctx context.Context, d signing.WebhookDelivery) (bool, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `INSERT INTO clicksign_webhook_deliveries
		(integration_id, body_sha256, event, document_id, envelope_id, received_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING`, d.IntegrationID, d.BodyHash, d.Event, d.DocumentID, d.EnvelopeID, envTS(d.ReceivedAt))
	if err != nil {
		return false, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE clicksign_webhooks SET last_delivery_at = ? WHERE integration_id = ?`,
		envTS(d.ReceivedAt), d.IntegrationID); err != nil {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM clicksign_webhook_deliveries WHERE received_at < ?`,
		envTS(d.ReceivedAt.Add(-deliveryRetention))); err != nil {
		return false, err
	}
	return true, tx.Commit()
}

// ForgetDelivery removes a recorded delivery, so a redelivery of the same
// body is acted on again.
func (s *Webhooks) ForgetDelivery(ctx context.Context, integrationID int64, bodyHash string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM clicksign_webhook_deliveries WHERE integration_id = ? AND body_sha256 = ?`,
		integrationID, bodyHash)
	return err
}

// TouchWebhook records when a verified delivery last arrived for the key.
func (s *Webhooks) TouchWebhook(ctx context.Context, integrationID int64, at time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE clicksign_webhooks SET last_delivery_at = ? WHERE integration_id = ?`,
		envTS(at), integrationID)
	return err
}

// EnvelopeByDocument finds the key's local envelope whose document is
// documentID (the merged PDF Selo sent). Document ids are UUIDs, whose hex
// digits are case-insensitive, so they are compared without case.
func (s *Webhooks) EnvelopeByDocument(ctx context.Context, integrationID int64, documentID string) (signing.WebhookTarget, bool, error) {
	var t signing.WebhookTarget
	var status string
	var missing bool
	err := s.db.QueryRowContext(ctx, `SELECT id, reservation_id, status, missing FROM envelopes
		WHERE integration_id = ? AND document_id = ? COLLATE NOCASE ORDER BY created_at DESC LIMIT 1`,
		integrationID, strings.TrimSpace(documentID)).
		Scan(&t.EnvelopeID, &t.ReservationID, &status, &missing)
	if errors.Is(err, sql.ErrNoRows) {
		return signing.WebhookTarget{}, false, nil
	}
	if err != nil {
		return signing.WebhookTarget{}, false, err
	}
	// The same rule as RunningEnvelopes: what the poll would read.
	t.Polled = status == "running" && !missing
	return t, true, nil
}
