-- LGPD review (issue #19): the access log names the computer too. With no
-- Selo user chosen on a PC, user_name is '' and, in an office, nothing said
-- which desk searched, exported or anonymised someone. host is that PC's
-- name (os.Hostname; '' on rows written before this version).
ALTER TABLE privacy_log ADD COLUMN host TEXT NOT NULL DEFAULT '';
