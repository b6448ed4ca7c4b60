-- LGPD (issue #19): the log of what was done with people's data. Every
-- search, export and anonymisation on "Dados de uma pessoa", and every daily
-- removal of old leads, leaves one row, in the database so that in office
-- mode every PC sees the same log. subject is the person's key MASKED
-- (e.g. 529.***.***-25), never the key itself, and counts is a JSON object
-- of numbers (places found, rows anonymised, leads removed): the log itself
-- must not become a new copy of the data it accounts for. user_name is the
-- Selo user chosen on that desktop ('' when none; 'automático' for the
-- retention job).
CREATE TABLE privacy_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    user_id   INTEGER NOT NULL DEFAULT 0,
    user_name TEXT NOT NULL DEFAULT '',
    action    TEXT NOT NULL CHECK (action IN ('search', 'export_json', 'export_pdf', 'anonymise', 'retention')),
    subject   TEXT NOT NULL DEFAULT '',
    counts    TEXT NOT NULL DEFAULT '{}'
) STRICT;

CREATE INDEX privacy_log_at ON privacy_log (at DESC, id DESC);
