-- Office speed (issue #15, measured by `make bench`).
--
-- The stamps are fixed-format UTC text, ordered byte by byte, and SQLite
-- compares them so (BINARY). An office database sorts text by its locale
-- (pt-BR ICU), which gives the same order here but costs an ICU comparison
-- per pair: the Painel sorts its open envelopes by created_at, and with
-- 10,000 envelopes that sort alone took about half of a 130 ms answer. "C"
-- is the byte order SQLite uses, so both engines still agree, including
-- the Painel's period bounds (e.created_at >= ?).
ALTER TABLE envelopes ALTER COLUMN created_at TYPE TEXT COLLATE "C";
ALTER TABLE reservations ALTER COLUMN created_at TYPE TEXT COLLATE "C";

-- The Painel reads the open envelopes (running, refused) with their signers:
-- a few hundred of thousands. Found by state, they join their signers
-- through the signers' key instead of hashing every signer ever sent.
CREATE INDEX envelopes_state ON envelopes (state, created_at);

-- Search ("each word anywhere": search_text LIKE '%word%') reads every row
-- without an index, twice (the count and the page): over 100,000
-- reservations a rare word such as CPF digits was the slowest answer of the
-- list. A trigram index finds such words directly. pg_trgm ships with
-- PostgreSQL and is a trusted extension (the database owner may create it);
-- a server that refuses it keeps a working, slower search rather than a
-- Selo that cannot start.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX reservations_search ON reservations USING gin (search_text gin_trgm_ops);
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'reservations_search not created (%): search reads every row', SQLERRM;
END
$$;
