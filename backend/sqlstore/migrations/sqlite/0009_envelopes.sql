-- Envio para assinatura: the resumable send operation and, once Clicksign
-- has activated it, the local record of the envelope and its signers.
--
-- No foreign keys to reservations, contracts or integrations: these rows
-- record facts that exist on Clicksign, and they must outlive (and must not
-- block) the deletion of the local rows they came from.

-- One send of a reservation's contracts. op_key is "r<reservation>:c<sorted
-- contract ids>", so a double click, a retry or a restart finds the same
-- operation. active is cleared only when the operation must stop counting
-- (e.g. its envelope was cancelled and the contracts may be sent again).
CREATE TABLE send_operations (
    id                      INTEGER PRIMARY KEY,
    op_key                  TEXT NOT NULL,
    active                  INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    reservation_id          INTEGER NOT NULL,
    integration_id          INTEGER NOT NULL,
    name                    TEXT NOT NULL,
    -- The envelope name on Clicksign: name plus a random reference, written
    -- BEFORE the envelope is created so a lost answer can be found again by
    -- listing envelopes filtered by this exact name.
    remote_name             TEXT NOT NULL DEFAULT '',
    filename                TEXT NOT NULL DEFAULT '',
    status                  TEXT NOT NULL CHECK (status IN ('pending', 'running', 'failed', 'canceled', 'sent')),
    -- The last step completed; 'signers' means the document is uploaded AND
    -- every signer created (the two run concurrently).
    step                    TEXT NOT NULL CHECK (step IN
                            ('new', 'merged', 'envelope', 'signers', 'requirements', 'activated', 'notified')),
    envelope_id             TEXT NOT NULL DEFAULT '',
    document_id             TEXT NOT NULL DEFAULT '',
    deadline_at             TEXT NOT NULL DEFAULT '',
    -- *_attempted: a POST was sent whose answer may have been lost; before
    -- sending it again the resource is looked up on Clicksign.
    envelope_attempted      INTEGER NOT NULL DEFAULT 0,
    document_attempted      INTEGER NOT NULL DEFAULT 0,
    requirements_attempted  INTEGER NOT NULL DEFAULT 0,
    activation_attempted    INTEGER NOT NULL DEFAULT 0,
    notify_attempted        INTEGER NOT NULL DEFAULT 0,
    error_code              TEXT NOT NULL DEFAULT '',
    -- JSON object: the error's data, or {"problems": [...]} for a validation.
    error_data              TEXT NOT NULL DEFAULT '',
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX send_operations_active_key ON send_operations (op_key) WHERE active = 1;
CREATE INDEX send_operations_reservation ON send_operations (reservation_id);
CREATE INDEX send_operations_open ON send_operations (status) WHERE status IN ('pending', 'running', 'failed');

-- The contracts sent together; a contract of a 'sent' operation is
-- "Enviado para assinatura".
CREATE TABLE send_operation_contracts (
    operation_id INTEGER NOT NULL REFERENCES send_operations (id) ON DELETE CASCADE,
    contract_id  INTEGER NOT NULL,
    PRIMARY KEY (operation_id, contract_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX send_operation_contracts_contract ON send_operation_contracts (contract_id);

-- The merged signers of the operation (one person once), with the remote id
-- saved the moment Clicksign returns it.
CREATE TABLE send_operation_signers (
    operation_id INTEGER NOT NULL REFERENCES send_operations (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL CHECK (position >= 0),
    person_key   TEXT NOT NULL,
    -- crm.ResolvedSigner as JSON: what Resume needs to create the signer.
    signer       TEXT NOT NULL,
    signer_id    TEXT NOT NULL DEFAULT '',
    attempted    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (operation_id, position),
    UNIQUE (operation_id, person_key)
) STRICT;

-- The merged PDF, kept only until Clicksign has the document.
CREATE TABLE send_operation_files (
    operation_id INTEGER PRIMARY KEY REFERENCES send_operations (id) ON DELETE CASCADE,
    pdf          BLOB NOT NULL
) STRICT;

-- An envelope Clicksign activated: the base status sync works from.
CREATE TABLE envelopes (
    id             TEXT PRIMARY KEY,
    operation_id   INTEGER NOT NULL UNIQUE REFERENCES send_operations (id) ON DELETE RESTRICT,
    integration_id INTEGER NOT NULL,
    reservation_id INTEGER NOT NULL,
    document_id    TEXT NOT NULL,
    name           TEXT NOT NULL,
    status         TEXT NOT NULL,
    deadline_at    TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;

CREATE INDEX envelopes_reservation ON envelopes (reservation_id);
CREATE INDEX envelopes_status ON envelopes (status);

CREATE TABLE envelope_signers (
    envelope_id TEXT NOT NULL REFERENCES envelopes (id) ON DELETE CASCADE,
    signer_id   TEXT NOT NULL,
    position    INTEGER NOT NULL,
    person_key  TEXT NOT NULL,
    name        TEXT NOT NULL,
    email       TEXT NOT NULL DEFAULT '',
    group_no    INTEGER NOT NULL,
    state       TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (envelope_id, signer_id)
) STRICT;
