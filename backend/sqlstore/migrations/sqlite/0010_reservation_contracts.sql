-- Contratos of a reservation: one generated per associated template (filled
-- from the reservation) or an outside PDF attached by the rep. The PDF lives
-- in the data home under files/contracts/<sha256>.pdf; the row names it.
--
-- The state shown on screen (gerado, enviado para assinatura, assinado,
-- cancelado) is derived from the send operations that include the contract
-- (send_operation_contracts), so it can never disagree with them. Only
-- signed_at is stored here: status sync sets it when Clicksign reports the
-- envelope closed ("assinado").
--
-- association_id and template_id carry no foreign key: a generated contract
-- stays (and may still be sent with whatever rules exist) after the
-- association or template is removed; the send reports a missing rule.
-- AUTOINCREMENT: a contract id is recorded in send operations, so an id must
-- never be reused by a later contract (it would inherit that history).
CREATE TABLE reservation_contracts (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    reservation_id INTEGER NOT NULL REFERENCES reservations (id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('generated', 'attached')),
    -- 0 for attached PDFs.
    association_id INTEGER NOT NULL DEFAULT 0,
    template_id    INTEGER NOT NULL DEFAULT 0,
    name           TEXT NOT NULL CHECK (name <> '' AND instr(name, '/') = 0),
    file_name      TEXT NOT NULL DEFAULT '',
    pages          INTEGER NOT NULL CHECK (pages > 0),
    size_bytes     INTEGER NOT NULL CHECK (size_bytes > 0),
    sha256         TEXT NOT NULL CHECK (length(sha256) = 64),
    -- Screen and merge order within the reservation.
    position       INTEGER NOT NULL,
    signed_at      TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL
) STRICT;

CREATE INDEX reservation_contracts_reservation ON reservation_contracts (reservation_id, position, id);
CREATE INDEX reservation_contracts_sha ON reservation_contracts (sha256);
