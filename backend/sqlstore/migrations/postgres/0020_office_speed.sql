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
