-- The office's `selo server`, as the desktops see it (#16): one row, written
-- by the server at start, refreshed every 30 s (beat_at) and marked at a
-- clean stop (stopped_at). Whether the server runs right now is NOT read from
-- here (a killed server leaves its row as it was) but from its session's
-- advisory lock (sqlstore/presence.go); the row says where its webhooks land
-- (public_url) for Configurações → Integrações. Times are RFC 3339 UTC text,
-- as elsewhere; stopped_at is '' while it runs.
CREATE TABLE office_server (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    instance    TEXT NOT NULL,
    host_name   TEXT NOT NULL,
    version     TEXT NOT NULL,
    web_mode    TEXT NOT NULL,
    public_url  TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    beat_at     TEXT NOT NULL,
    stopped_at  TEXT NOT NULL DEFAULT ''
);
