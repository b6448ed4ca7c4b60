package sqlstore

import (
	"context"
	"testing"
	"time"

	"selo/backend/crm"
	"selo/backend/signing"
)

// webhookKey inserts an e-signature key and returns its id.
func webhookKey(t *testing.T, db *DB, description string) int64 {
	t.Helper()
	ctx := context.Background()
	var id int64
	err := db.Integrations().Tx(ctx, func(tx crm.IntegrationTx) error {
		var err error
		id, err = tx.Insert(ctx, crm.NormalizedIntegration{Description: description, Environment: crm.EnvSandbox}, "abcd", time.Now())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestWebhookSettingsAndDeliveries(t *testing.T) {
	ctx := context.Background()
	db := openEnvelopesDB(t)
	s := db.Webhooks()
	key := webhookKey(t, db, "Clicksign")
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

	if on, err := s.AnyWebhook(ctx); err != nil || on {
		t.Fatalf("any on an empty database: %v %v", on, err)
	}
	if _, ok, err := s.Webhook(ctx, key); err != nil || ok {
		t.Fatalf("webhook before enabling: %v %v", ok, err)
	}
	cfg := signing.WebhookConfig{IntegrationID: key, Mode: signing.WebhookRegistered, RemoteID: "wh-1",
		Endpoint: "https://t.example/webhooks/clicksign/1", CreatedAt: now, UpdatedAt: now}
	if err := s.SaveWebhook(ctx, cfg); err != nil {
		t.Fatal(err)
	}
	got, ok, err := s.Webhook(ctx, key)
	if err != nil || !ok || got.RemoteID != "wh-1" || got.Mode != signing.WebhookRegistered || !got.CreatedAt.Equal(now) || !got.LastDeliveryAt.IsZero() {
		t.Fatalf("saved %+v %v %v", got, ok, err)
	}
	if on, _ := s.AnyWebhook(ctx); !on {
		t.Fatal("any after enabling")
	}

	d := signing.WebhookDelivery{IntegrationID: key, BodyHash: "aa", Event: "sign", DocumentID: "doc-1", EnvelopeID: "env-1", ReceivedAt: now}
	if fresh, err := s.RecordDelivery(ctx, d); err != nil || !fresh {
		t.Fatalf("first delivery: %v %v", fresh, err)
	}
	later := d
	later.ReceivedAt = now.Add(time.Minute)
	if fresh, err := s.RecordDelivery(ctx, later); err != nil || fresh {
		t.Fatalf("replay: %v %v", fresh, err)
	}
	if got, _, _ := s.Webhook(ctx, key); !got.LastDeliveryAt.Equal(now) {
		t.Fatalf("a replay moved the last delivery: %v", got.LastDeliveryAt)
	}
	// Forgotten (its sync failed), the same body counts as new again.
	if err := s.ForgetDelivery(ctx, key, "aa"); err != nil {
		t.Fatal(err)
	}
	if fresh, _ := s.RecordDelivery(ctx, later); !fresh {
		t.Fatal("a forgotten delivery is still taken for a replay")
	}
	// A month later the old hash is pruned by the next delivery.
	next := signing.WebhookDelivery{IntegrationID: key, BodyHash: "bb", Event: "sign", DocumentID: "doc-1", EnvelopeID: "env-1",
		ReceivedAt: now.Add(31 * 24 * time.Hour)}
	if fresh, _ := s.RecordDelivery(ctx, next); !fresh {
		t.Fatal("second body")
	}
	if n := webhookCount(t, db, `SELECT COUNT(*) FROM clicksign_webhook_deliveries`); n != 1 {
		t.Fatalf("%d deliveries kept after pruning, want 1", n)
	}
	if err := s.TouchWebhook(ctx, key, now.Add(40*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	// Saving again (re-enabling) keeps the delivery history.
	cfg.RemoteID = "wh-2"
	if err := s.SaveWebhook(ctx, cfg); err != nil {
		t.Fatal(err)
	}
	if n := webhookCount(t, db, `SELECT COUNT(*) FROM clicksign_webhook_deliveries`); n != 1 {
		t.Fatalf("re-saving dropped the deliveries: %d", n)
	}

	// Deleting the key takes its webhook row and deliveries with it, so a
	// key created later under the same id starts with webhooks off.
	if err := db.Integrations().Tx(ctx, func(tx crm.IntegrationTx) error { return tx.Delete(ctx, key) }); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.Webhook(ctx, key); ok {
		t.Fatal("webhook outlived its key")
	}
	if n := webhookCount(t, db, `SELECT COUNT(*) FROM clicksign_webhook_deliveries`); n != 0 {
		t.Fatalf("deliveries outlived their key: %d", n)
	}
}

func TestEnvelopeByDocument(t *testing.T) {
	ctx := context.Background()
	db := openEnvelopesDB(t)
	s := db.Webhooks()
	key := webhookKey(t, db, "Clicksign")
	other := webhookKey(t, db, "Outra")
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.ExecContext(ctx, q, args...); err != nil {
			t.Fatal(err)
		}
	}
	for i, e := range []struct {
		id, doc, status string
		missing         int
	}{{"env-run", "doc-run", "running", 0}, {"env-closed", "doc-closed", "closed", 0}, {"env-gone", "doc-gone", "running", 1}} {
		exec(`INSERT INTO send_operations (id, op_key, reservation_id, integration_id, name, status, step, created_at, updated_at)
			VALUES (?, ?, 9, ?, 'x', 'sent', 'notified', '', '')`, i+1, e.id, key)
		exec(`INSERT INTO envelopes (id, operation_id, integration_id, reservation_id, document_id, name, status, deadline_at,
			created_at, updated_at, missing) VALUES (?, ?, ?, 9, ?, 'x', ?, '', '', '', ?)`, e.id, i+1, key, e.doc, e.status, e.missing)
	}
	cases := []struct {
		key          int64
		doc          string
		found, polls bool
		envelope     string
	}{
		{key, "doc-run", true, true, "env-run"},
		{key, "doc-closed", true, false, "env-closed"},
		{key, "doc-gone", true, false, "env-gone"},
		{key, "doc-unknown", false, false, ""},
		{other, "doc-run", false, false, ""}, // another key's delivery never reaches this key's envelope
		// Clicksign ids are UUIDs, whose hex digits are case-insensitive:
		// a key echoed in upper case is the same document.
		{key, "DOC-RUN", true, true, "env-run"},
	}
	for _, c := range cases {
		got, found, err := s.EnvelopeByDocument(ctx, c.key, c.doc)
		if err != nil || found != c.found || got.Polled != c.polls || got.EnvelopeID != c.envelope || (found && got.ReservationID != 9) {
			t.Fatalf("%d/%s: %+v found=%v err=%v", c.key, c.doc, got, found, err)
		}
	}
}

func webhookCount(t *testing.T, db *DB, q string) int {
	t.Helper()
	var n int
	if err := db.QueryRowContext(context.Background(), q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
