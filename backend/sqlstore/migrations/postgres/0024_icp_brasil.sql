-- ICP-Brasil (#19). A contract template can go to the property registry
-- ("Vai a registro"), whose parties must then sign with an ICP-Brasil
-- certificate: the template records the flag, and a signer rule's
-- authentication may now be 'icp_brasil'.
ALTER TABLE signer_rules DROP CONSTRAINT signer_rules_auth_check;
ALTER TABLE signer_rules ADD CONSTRAINT signer_rules_auth_check CHECK (auth IN ('email', 'sms', 'pix', 'whatsapp', 'icp_brasil'));

ALTER TABLE contract_templates ADD COLUMN registry BIGINT NOT NULL DEFAULT 0 CHECK (registry IN (0, 1));
