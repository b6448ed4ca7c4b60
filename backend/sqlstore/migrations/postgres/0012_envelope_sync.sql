-- Status sync: what the last sync learnt about each envelope, each
-- signer's dated state, and the envelope's timeline.

-- state: the computed state (signing.EnvelopeState); modified: Clicksign's
-- "modified" at the last sync, so an unchanged envelope costs no detail
-- request; missing: Clicksign no longer knows the envelope (deleted), so it
-- is not polled and keeps the last state it had; signed_file: the signed
-- PDF's path relative to the data home.
ALTER TABLE envelopes ADD COLUMN state TEXT NOT NULL DEFAULT 'em_andamento';
ALTER TABLE envelopes ADD COLUMN modified TEXT NOT NULL DEFAULT '';
ALTER TABLE envelopes ADD COLUMN missing BIGINT NOT NULL DEFAULT 0;
ALTER TABLE envelopes ADD COLUMN signed_file TEXT NOT NULL DEFAULT '';
ALTER TABLE envelopes ADD COLUMN synced_at TEXT NOT NULL DEFAULT '';

ALTER TABLE envelope_signers ADD COLUMN state_at TEXT NOT NULL DEFAULT '';
ALTER TABLE envelope_signers ADD COLUMN reason TEXT NOT NULL DEFAULT '';

CREATE TABLE envelope_events (
    envelope_id TEXT NOT NULL REFERENCES envelopes (id) ON DELETE CASCADE,
    event_id    TEXT NOT NULL,
    name        TEXT NOT NULL,
    signer_id   TEXT NOT NULL DEFAULT '',
    reason      TEXT NOT NULL DEFAULT '',
    at          TEXT NOT NULL,
    PRIMARY KEY (envelope_id, event_id)
);
