-- Contract templates (Contratos): PDF forms read once on upload. The file
-- itself lives in the data home as files/templates/<sha256>.pdf; the row keeps
-- what the screens and contract generation need without reopening it.
CREATE TABLE contract_templates (
    id               INTEGER PRIMARY KEY,
    -- NOCASE is a backstop for ASCII; the service also refuses names that
    -- differ only in the case of accented letters.
    name             TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(name) BETWEEN 1 AND 120 AND instr(name, '/') = 0),
    file_name        TEXT NOT NULL DEFAULT '',
    -- One row per file: the same PDF uploaded twice is refused, so deleting a
    -- row may always delete its file.
    sha256           TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
    size_bytes       INTEGER NOT NULL CHECK (size_bytes > 0),
    pages            INTEGER NOT NULL CHECK (pages > 0),
    -- JSON array of {name, type, page, mark, dataKey}, as read on upload.
    fields           TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(fields)),
    mark_annotations INTEGER NOT NULL DEFAULT 0,
    signed           INTEGER NOT NULL DEFAULT 0 CHECK (signed IN (0, 1)),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;
