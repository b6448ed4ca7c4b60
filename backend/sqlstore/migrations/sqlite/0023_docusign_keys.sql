-- DocuSign keys (#17). A key's provider may now be 'docusign'; such a key has
-- no token of its own in the keyring: each PC signs in through the browser
-- and keeps the OAuth tokens under "docusign/<id>". The row records the
-- account the office chose at sign-in ('' until then, and always for a
-- Simulador local key): its id, its name for the screens, and its base URI,
-- which comes only from DocuSign's userinfo.
--
-- The provider CHECK is widened in place. SQLite cannot alter a CHECK, and
-- rebuilding the table would drop it first, which with foreign keys on
-- deletes every row (developments refuse, webhook settings cascade away).
-- Widening a CHECK changes no stored row, the case SQLite's ALTER TABLE
-- documentation allows writable_schema for; RESET reloads the schema so the
-- rest of this transaction already sees the new rule.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, 'CHECK (provider IN (''clicksign''))', 'CHECK (provider IN (''clicksign'', ''docusign''))')
 WHERE type = 'table' AND name = 'integrations';
PRAGMA writable_schema = RESET;

ALTER TABLE integrations ADD COLUMN docusign_account_id TEXT NOT NULL DEFAULT '';
ALTER TABLE integrations ADD COLUMN docusign_account_name TEXT NOT NULL DEFAULT '';
ALTER TABLE integrations ADD COLUMN docusign_base_uri TEXT NOT NULL DEFAULT '';
