-- Clicksign webhooks (optional): which keys receive them and the deliveries
-- already acted on. The webhook secret lives in the OS keyring under
-- "clicksign-webhook/<integration id>", never here.

-- One row per key with webhooks on. mode 'registered': Selo registered it
-- through the API (remote_id, endpoint) and removes it on "Desativar";
-- 'manual': the office created it on Clicksign's site and only its secret is
-- kept. Deleting the key removes the row, so a key created later with the
-- same id starts with webhooks off.
CREATE TABLE clicksign_webhooks (
    integration_id   BIGINT PRIMARY KEY REFERENCES integrations (id) ON DELETE CASCADE,
    mode             TEXT NOT NULL CHECK (mode IN ('registered', 'manual')),
    remote_id        TEXT NOT NULL DEFAULT '',
    endpoint         TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    last_delivery_at TEXT NOT NULL DEFAULT ''
);

-- Verified deliveries that named a local envelope, keyed by the SHA-256 of
-- the raw body (Clicksign sends no delivery id), so a replay is recognised
-- and ignored. Rows older than a month are pruned as new ones arrive.
CREATE TABLE clicksign_webhook_deliveries (
    integration_id BIGINT NOT NULL REFERENCES clicksign_webhooks (integration_id) ON DELETE CASCADE,
    body_sha256    TEXT NOT NULL,
    event          TEXT NOT NULL,
    document_id    TEXT NOT NULL,
    envelope_id    TEXT NOT NULL,
    received_at    TEXT NOT NULL,
    PRIMARY KEY (integration_id, body_sha256)
);

CREATE INDEX clicksign_webhook_deliveries_received ON clicksign_webhook_deliveries (received_at);

CREATE INDEX envelopes_document ON envelopes (integration_id, document_id);
