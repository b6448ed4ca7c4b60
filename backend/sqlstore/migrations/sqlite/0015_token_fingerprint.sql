-- Office mode: several PCs share this database while each keeps the
-- Clicksign token in its own keyring. The row keeps a salted fingerprint of
-- the token (never the token), so a PC can tell "no token here" from "a
-- different token here". '' means no fingerprint yet: the first PC that
-- reads the key's token adopts it.
ALTER TABLE integrations ADD COLUMN token_salt TEXT NOT NULL DEFAULT '';
ALTER TABLE integrations ADD COLUMN token_fingerprint TEXT NOT NULL DEFAULT '';
