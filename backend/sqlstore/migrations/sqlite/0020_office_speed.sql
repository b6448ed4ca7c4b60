-- Office speed (issue #15, measured by `make bench`). The PostgreSQL
-- migration of this number also gives the stamps SQLite's byte order
-- (BINARY), which SQLite has already.

-- The Painel reads the open envelopes (running, refused) with their signers:
-- a few hundred of thousands. Found by state, they are read without a scan
-- of every envelope ever sent.
CREATE INDEX envelopes_state ON envelopes (state, created_at);
