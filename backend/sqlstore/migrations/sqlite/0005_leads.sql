-- Leads that arrive from JivoChat, their conversation lines and every raw
-- webhook event. Times are UTC text in a fixed-width format so that text order
-- is time order. Match keys (visitor_id, client_id, email, phone) are not
-- unique: two people may share a phone, and the handler decides which wins.
CREATE TABLE leads (
    id            TEXT PRIMARY KEY,
    stage         TEXT NOT NULL CHECK (stage IN ('new', 'in_progress', 'converted', 'discarded')),
    name          TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    visitor_id    TEXT NOT NULL DEFAULT '',
    client_id     TEXT NOT NULL DEFAULT '',
    widget_id     TEXT NOT NULL DEFAULT '',
    user_token    TEXT NOT NULL DEFAULT '',
    source        TEXT NOT NULL DEFAULT '',
    agent_name    TEXT NOT NULL DEFAULT '',
    department    TEXT NOT NULL DEFAULT '',
    organization  TEXT NOT NULL DEFAULT '',
    client_status TEXT NOT NULL DEFAULT '',
    -- JSON array; NULL when no event ever sent tags (not the same as []).
    tags          TEXT,
    utm_source    TEXT NOT NULL DEFAULT '',
    utm_medium    TEXT NOT NULL DEFAULT '',
    utm_campaign  TEXT NOT NULL DEFAULT '',
    utm_content   TEXT NOT NULL DEFAULT '',
    utm_term      TEXT NOT NULL DEFAULT '',
    utm_raw       TEXT NOT NULL DEFAULT '',
    page_url      TEXT NOT NULL DEFAULT '',
    page_title    TEXT NOT NULL DEFAULT '',
    geo_city         TEXT NOT NULL DEFAULT '',
    geo_region       TEXT NOT NULL DEFAULT '',
    geo_region_code  TEXT NOT NULL DEFAULT '',
    geo_country      TEXT NOT NULL DEFAULT '',
    geo_country_code TEXT NOT NULL DEFAULT '',
    geo_latitude     TEXT NOT NULL DEFAULT '',
    geo_longitude    TEXT NOT NULL DEFAULT '',
    -- Folded (lower case, no accents) name, e-mail and phone digits, so the
    -- search box finds "joão" when typed "Joao".
    search_text   TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    last_event_at TEXT NOT NULL
) STRICT;

CREATE INDEX leads_visitor_id ON leads (visitor_id) WHERE visitor_id <> '';
CREATE INDEX leads_client_id ON leads (client_id) WHERE client_id <> '';
CREATE INDEX leads_email ON leads (email) WHERE email <> '';
CREATE INDEX leads_phone ON leads (phone) WHERE phone <> '';
-- The list's order: last event, or creation for a lead no event touched.
CREATE INDEX leads_activity ON leads (
    (CASE WHEN last_event_at <> '' THEN last_event_at ELSE created_at END) DESC, created_at DESC, id);

CREATE TABLE lead_messages (
    id         INTEGER PRIMARY KEY,
    lead_id    TEXT NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    key        TEXT NOT NULL,
    chat_id    TEXT NOT NULL DEFAULT '',
    at         TEXT NOT NULL,
    author     TEXT NOT NULL,
    agent_id   TEXT NOT NULL DEFAULT '',
    agent_name TEXT NOT NULL DEFAULT '',
    text       TEXT NOT NULL,
    UNIQUE (lead_id, key)
) STRICT;

CREATE INDEX lead_messages_order ON lead_messages (lead_id, at, id);

-- Every accepted webhook body, keyed by its idempotency key: storing the row
-- is what marks the event as seen.
CREATE TABLE jivochat_events (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    event_name  TEXT NOT NULL,
    received_at TEXT NOT NULL,
    lead_id     TEXT REFERENCES leads (id) ON DELETE SET NULL,
    outcome     TEXT NOT NULL,
    body        BLOB NOT NULL
) STRICT;
