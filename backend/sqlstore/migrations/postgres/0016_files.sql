-- Office mode: contract templates, generated contracts and signed PDFs live
-- in the database, so every PC of the office reaches them. On one PC the
-- data folder keeps them instead and this table stays empty. name is the
-- file's SHA-256 (templates, contracts) or the envelope id (signed).
CREATE TABLE files (
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    size INTEGER NOT NULL,
    data BYTEA NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (kind, name)
);
