-- E-signature keys. The token lives in the OS keyring under
-- "clicksign/<id>"; this row only records that it exists and its last four
-- characters, which the screen shows masked.
CREATE TABLE integrations (
    id            INTEGER PRIMARY KEY,
    description   TEXT NOT NULL COLLATE NOCASE UNIQUE,
    provider      TEXT NOT NULL DEFAULT 'clicksign' CHECK (provider IN ('clicksign')),
    environment   TEXT NOT NULL CHECK (environment IN ('sandbox', 'production', 'simulator')),
    token_last4   TEXT NOT NULL DEFAULT '',
    has_token     INTEGER NOT NULL DEFAULT 0 CHECK (has_token IN (0, 1)),
    deadline_days INTEGER CHECK (deadline_days IS NULL OR deadline_days BETWEEN 1 AND 90),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
