-- Every JivoChat delivery is kept, redeliveries too: the key of an event is
-- no longer unique (a chat_finished sent again with one more line is applied,
-- its lines deduplicated one by one in lead_messages). body_hash tells a
-- byte-for-byte redelivery from new content under the same key; chat_id lets
-- later events of a visitor without contact reach the same row.
CREATE TABLE jivochat_events_new (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL,
    body_hash   TEXT NOT NULL DEFAULT '',
    chat_id     TEXT NOT NULL DEFAULT '',
    event_name  TEXT NOT NULL,
    received_at TEXT NOT NULL,
    lead_id     TEXT REFERENCES leads (id) ON DELETE SET NULL,
    outcome     TEXT NOT NULL,
    body        BLOB NOT NULL
) STRICT;

-- Rows from before this migration have no hash (a redelivery of one is
-- applied again, which only re-adds nothing); their chat id is read from the
-- body so that ChatLead also knows older chats.
INSERT INTO jivochat_events_new (id, key, body_hash, chat_id, event_name, received_at, lead_id, outcome, body)
SELECT id, key, '',
       CASE WHEN json_valid(CAST(body AS TEXT))
            THEN COALESCE(CAST(json_extract(CAST(body AS TEXT), '$.chat_id') AS TEXT), '')
            ELSE '' END,
       event_name, received_at, lead_id, outcome, body
FROM jivochat_events;

DROP TABLE jivochat_events;
ALTER TABLE jivochat_events_new RENAME TO jivochat_events;

CREATE INDEX jivochat_events_key ON jivochat_events (key, body_hash);
CREATE INDEX jivochat_events_chat ON jivochat_events (chat_id) WHERE chat_id <> '';
