-- DocuSign keys (#17). A key's provider may now be 'docusign'; such a key has
-- no token of its own in the keyring: each PC signs in through the browser
-- and keeps the OAuth tokens under "docusign/<id>". The row records the
-- account the office chose at sign-in ('' until then, and always for a
-- Simulador local key): its id, its name for the screens, and its base URI,
-- which comes only from DocuSign's userinfo.
ALTER TABLE integrations DROP CONSTRAINT integrations_provider_check;
ALTER TABLE integrations ADD CONSTRAINT integrations_provider_check CHECK (provider IN ('clicksign', 'docusign'));

ALTER TABLE integrations ADD COLUMN docusign_account_id TEXT NOT NULL DEFAULT '';
ALTER TABLE integrations ADD COLUMN docusign_account_name TEXT NOT NULL DEFAULT '';
ALTER TABLE integrations ADD COLUMN docusign_base_uri TEXT NOT NULL DEFAULT '';
