-- Developments and their structure: etapas -> blocos -> unidades.
-- A development that is "Integrado API" must name its e-signature key; the
-- key cannot be deleted while chosen (RESTRICT, and a friendlier check in the
-- keys service that names the developments).
CREATE TABLE developments (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL COLLATE NOCASE UNIQUE,
    city           TEXT NOT NULL DEFAULT '',
    state          TEXT NOT NULL DEFAULT '',
    integrated     INTEGER NOT NULL DEFAULT 0 CHECK (integrated IN (0, 1)),
    -- Room for other providers per development (the source CRM has one
    -- development on Clicksign and another on DocuSign); only Clicksign is built.
    provider       TEXT NOT NULL DEFAULT 'clicksign' CHECK (provider IN ('clicksign')),
    integration_id INTEGER REFERENCES integrations (id) ON DELETE RESTRICT,
    archived_at    TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    CHECK (integrated = 0 OR integration_id IS NOT NULL)
) STRICT;

CREATE TABLE stages (
    id             INTEGER PRIMARY KEY,
    development_id INTEGER NOT NULL REFERENCES developments (id) ON DELETE CASCADE,
    name           TEXT NOT NULL COLLATE NOCASE,
    UNIQUE (development_id, name)
) STRICT;

CREATE TABLE blocks (
    id       INTEGER PRIMARY KEY,
    stage_id INTEGER NOT NULL REFERENCES stages (id) ON DELETE CASCADE,
    name     TEXT NOT NULL COLLATE NOCASE,
    UNIQUE (stage_id, name)
) STRICT;

-- Money in centavos and area in hundredths of a square metre: integers, so
-- sums and comparisons are exact.
CREATE TABLE units (
    id          INTEGER PRIMARY KEY,
    block_id    INTEGER NOT NULL REFERENCES blocks (id) ON DELETE CASCADE,
    number      TEXT NOT NULL COLLATE NOCASE,
    floor       INTEGER NOT NULL DEFAULT 0,
    area_cm2    INTEGER NOT NULL DEFAULT 0 CHECK (area_cm2 >= 0),
    price_cents INTEGER NOT NULL DEFAULT 0 CHECK (price_cents >= 0),
    status      TEXT NOT NULL DEFAULT 'available' CHECK (status IN ('available', 'reserved', 'sold', 'blocked')),
    UNIQUE (block_id, number)
) STRICT;

CREATE INDEX units_status ON units (status);
CREATE INDEX developments_integration ON developments (integration_id);
