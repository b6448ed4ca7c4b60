-- Office mode: who did what, and no silent overwrite between PCs.
--
-- Who: the person using the desktop (crm.Actor) is stamped on the rows it
-- creates. The name is stored beside the user id (0 = nobody chosen, as on
-- a single PC), so a user renamed or deleted later still reads right.
ALTER TABLE reservations ADD COLUMN created_by_user_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reservations ADD COLUMN created_by_name TEXT NOT NULL DEFAULT '';
ALTER TABLE send_operations ADD COLUMN sent_by_user_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE send_operations ADD COLUMN sent_by_name TEXT NOT NULL DEFAULT '';
ALTER TABLE envelopes ADD COLUMN sent_by_user_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE envelopes ADD COLUMN sent_by_name TEXT NOT NULL DEFAULT '';

-- Optimistic versions: every record a form edits as a whole carries the
-- version it was read at; a save is "UPDATE … WHERE id = ? AND version = ?"
-- and bumps it, so the second of two PCs saving the same record is refused
-- and told who (updated_by_name) changed it and when (updated_at).
ALTER TABLE reservations ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE reservations ADD COLUMN updated_by_name TEXT NOT NULL DEFAULT '';
ALTER TABLE developments ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE developments ADD COLUMN updated_by_name TEXT NOT NULL DEFAULT '';
ALTER TABLE contract_templates ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE contract_templates ADD COLUMN updated_by_name TEXT NOT NULL DEFAULT '';
ALTER TABLE development_contracts ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE development_contracts ADD COLUMN updated_by_name TEXT NOT NULL DEFAULT '';
ALTER TABLE admin_users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE admin_users ADD COLUMN updated_by_name TEXT NOT NULL DEFAULT '';
