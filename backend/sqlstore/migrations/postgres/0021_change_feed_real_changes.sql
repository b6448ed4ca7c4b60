-- Updates announce only what changed. Status sync rewrites every open
-- envelope it looks at, even when Clicksign reports nothing new: the same
-- state, a new synced_at and updated_at. A statement trigger fires for such
-- a statement (and for one that matched no row), which reloaded the Painel
-- and the reservation page of every PC in the office on every sync pass.
--
-- Still FOR EACH STATEMENT, with the statement's old and new rows as
-- transition tables: the area is announced when some row differs in a
-- column other than the bookkeeping ones named after the area.
CREATE FUNCTION selo_announce_real_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- TG_ARGV[0] is the area; TG_ARGV[1:] the columns a change of which
    -- alone shows on no screen.
    IF EXISTS (SELECT to_jsonb(n) - TG_ARGV[1:] FROM new_rows n
               EXCEPT SELECT to_jsonb(o) - TG_ARGV[1:] FROM old_rows o) THEN
        PERFORM pg_notify('selo_changes', TG_ARGV[0]);
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER envelopes_announce ON envelopes;
CREATE TRIGGER envelopes_announce AFTER INSERT OR DELETE ON envelopes
    FOR EACH STATEMENT EXECUTE FUNCTION selo_announce_change('envelopes');
CREATE TRIGGER envelopes_announce_update AFTER UPDATE ON envelopes
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION selo_announce_real_change('envelopes', 'synced_at', 'updated_at');

DROP TRIGGER envelope_signers_announce ON envelope_signers;
CREATE TRIGGER envelope_signers_announce AFTER INSERT OR DELETE ON envelope_signers
    FOR EACH STATEMENT EXECUTE FUNCTION selo_announce_change('envelopes');
CREATE TRIGGER envelope_signers_announce_update AFTER UPDATE ON envelope_signers
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION selo_announce_real_change('envelopes', 'updated_at');

-- Sync marks a send's contracts signed with a statement that usually
-- matches no row.
DROP TRIGGER reservation_contracts_announce ON reservation_contracts;
CREATE TRIGGER reservation_contracts_announce AFTER INSERT OR DELETE ON reservation_contracts
    FOR EACH STATEMENT EXECUTE FUNCTION selo_announce_change('reservations');
CREATE TRIGGER reservation_contracts_announce_update AFTER UPDATE ON reservation_contracts
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION selo_announce_real_change('reservations');
