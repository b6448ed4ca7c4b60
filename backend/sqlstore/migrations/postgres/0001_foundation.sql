-- PostgreSQL translation of the SQLite migration with the same number; the
-- two sets must keep the same tables and columns in the same order
-- (TestMigrationSetsMatch).
--
-- nocase: SQLite's COLLATE NOCASE under the same name, so the stores' one SQL
-- text compares names case-insensitively on both engines. It is
-- nondeterministic, which PostgreSQL before 18 refuses in LIKE: no query
-- LIKEs a nocase column.
CREATE COLLATION IF NOT EXISTS nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

-- Key/value settings that belong to the office, not to one screen: the
-- JivoChat public base address, whether the first-run guide is hidden, ...
CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
