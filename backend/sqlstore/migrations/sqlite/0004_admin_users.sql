-- Administrative users (Usuários administrativos) and the named tokens that
-- authorise webhook URLs such as JivoChat's. The token itself lives in the OS
-- keyring under "admintoken/<id>" so its URL can be shown again; the row keeps
-- only its SHA-256 (what the listener compares) and its last four characters
-- (what the screen shows).
CREATE TABLE admin_users (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL,
    email          TEXT NOT NULL COLLATE NOCASE UNIQUE,
    role           TEXT NOT NULL CHECK (role IN ('gestor', 'corretor')),
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deactivated_at TEXT
) STRICT;

CREATE TABLE admin_tokens (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES admin_users (id),
    name       TEXT NOT NULL COLLATE NOCASE,
    token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    last4      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
) STRICT;

-- A name is unique among a user's live tokens only, so that "JivoChat" can be
-- issued again after the old one was revoked.
CREATE UNIQUE INDEX admin_tokens_live_name ON admin_tokens (user_id, name) WHERE revoked_at IS NULL;
CREATE INDEX admin_tokens_user ON admin_tokens (user_id);
