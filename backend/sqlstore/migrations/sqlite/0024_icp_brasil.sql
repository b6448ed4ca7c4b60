-- ICP-Brasil (#19). A contract template can go to the property registry
-- ("Vai a registro"), whose parties must then sign with an ICP-Brasil
-- certificate: the template records the flag, and a signer rule's
-- authentication may now be 'icp_brasil'.
--
-- The auth CHECK is widened in place, as 0023 widened the provider CHECK:
-- rebuilding signer_rules would copy every rule through a new table for a
-- change that alters no stored row.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, 'CHECK (auth IN (''email'', ''sms'', ''pix'', ''whatsapp''))',
                          'CHECK (auth IN (''email'', ''sms'', ''pix'', ''whatsapp'', ''icp_brasil''))')
 WHERE type = 'table' AND name = 'signer_rules';
PRAGMA writable_schema = RESET;

ALTER TABLE contract_templates ADD COLUMN registry INTEGER NOT NULL DEFAULT 0 CHECK (registry IN (0, 1));
