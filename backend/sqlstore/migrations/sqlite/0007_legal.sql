-- Empreendimento → Jurídico: the contract templates a development uses, the
-- part of the development each applies to, and who signs each one.

-- An associated contract. A template is associated once per development;
-- "Gerar contratos" on a reservation makes one contract per association whose
-- scope covers the reserved unit, in position order.
CREATE TABLE development_contracts (
    id             INTEGER PRIMARY KEY,
    development_id INTEGER NOT NULL REFERENCES developments (id) ON DELETE CASCADE,
    -- A template in use cannot be deleted: the reservations of this
    -- development would silently lose a contract.
    template_id    INTEGER NOT NULL REFERENCES contract_templates (id) ON DELETE RESTRICT,
    scope          TEXT NOT NULL DEFAULT 'development'
                   CHECK (scope IN ('development', 'stages', 'blocks', 'units')),
    position       INTEGER NOT NULL CHECK (position >= 0),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (development_id, template_id)
) STRICT;

CREATE INDEX development_contracts_template ON development_contracts (template_id);

-- The etapas, blocos or unidades a scope names (none for 'development').
-- Exactly one of the three columns is set, of the kind the association's
-- scope says (the store keeps them in step). RESTRICT: deleting a stage,
-- block or unit a scope points at is refused, so a scope never names
-- something that no longer exists; the developments store checks first and
-- names the contract.
CREATE TABLE development_contract_scope (
    association_id INTEGER NOT NULL REFERENCES development_contracts (id) ON DELETE CASCADE,
    stage_id       INTEGER REFERENCES stages (id) ON DELETE RESTRICT,
    block_id       INTEGER REFERENCES blocks (id) ON DELETE RESTRICT,
    unit_id        INTEGER REFERENCES units (id) ON DELETE RESTRICT,
    -- No UNIQUE here: NULLs are distinct in SQLite, so it would not hold;
    -- the store removes repeated ids instead.
    CHECK ((stage_id IS NOT NULL) + (block_id IS NOT NULL) + (unit_id IS NOT NULL) = 1)
) STRICT;

CREATE INDEX development_contract_scope_stage ON development_contract_scope (stage_id) WHERE stage_id IS NOT NULL;
CREATE INDEX development_contract_scope_block ON development_contract_scope (block_id) WHERE block_id IS NOT NULL;
CREATE INDEX development_contract_scope_unit ON development_contract_scope (unit_id) WHERE unit_id IS NOT NULL;

-- Configurar Assinantes: the ordered signer list of one associated contract
-- (crm.SignerRule). The CHECKs repeat crm's closed lists so a bug upstream
-- cannot store a choice the mapping to Clicksign does not know.
CREATE TABLE signer_rules (
    id             INTEGER PRIMARY KEY,
    association_id INTEGER NOT NULL REFERENCES development_contracts (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL CHECK (position >= 0),
    send_order     INTEGER NOT NULL CHECK (send_order >= 1),
    signer_type    TEXT NOT NULL CHECK (signer_type IN
                   ('holder', 'spouse', 'associate', 'guarantor', 'witness', 'broker', 'agency', 'developer', 'manager')),
    -- The fixed person, for types that are not parties of the reservation.
    name           TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    cpf            TEXT NOT NULL DEFAULT '',
    evidence       TEXT NOT NULL CHECK (evidence IN ('none', 'selfie', 'facial_biometrics')),
    signature_kind TEXT NOT NULL CHECK (signature_kind IN ('approval', 'signature', 'handwritten')),
    delivery       TEXT NOT NULL CHECK (delivery IN ('email', 'sms', 'whatsapp')),
    reminder       TEXT NOT NULL CHECK (reminder IN ('email', 'sms', 'whatsapp')),
    auth           TEXT NOT NULL CHECK (auth IN ('email', 'sms', 'pix', 'whatsapp')),
    UNIQUE (association_id, position)
) STRICT;
