-- Office speed (issue #15, measured by `make bench`). The PostgreSQL
-- migration of this number also gives the stamps SQLite's byte order
-- (BINARY), which SQLite has already.

-- The Painel reads the open envelopes (running, refused) with their signers:
-- a few hundred of thousands. Found by state, they are read without a scan
-- of every envelope ever sent.
CREATE INDEX envelopes_state ON envelopes (state, created_at);

-- Search ("each word anywhere": search_text LIKE '%word%') cannot use an
-- index seek, so it reads every reservation twice: the count and the page
-- walked newest first. With search_text in the list's index both read the
-- index alone and the page visits a row only when it matches: a rare word
-- (CPF digits) over 100,000 reservations went from 38 to 31 ms of CPU here.
DROP INDEX reservations_list;
CREATE INDEX reservations_list ON reservations (created_at DESC, id DESC, search_text);
