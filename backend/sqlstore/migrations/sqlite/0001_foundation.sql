-- Key/value settings that belong to the office, not to one screen: the
-- JivoChat public base address, whether the first-run guide is hidden, ...
CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
