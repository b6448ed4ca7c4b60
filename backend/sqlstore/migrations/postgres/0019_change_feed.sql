-- Live updates between the PCs of an office: every statement that changes
-- what the Painel, the reservation page or the lead desk shows announces
-- its area (crm.ChangeArea) on the channel selo_changes, and each PC's
-- listener (sqlstore/notify.go) tells its screens to reload.
--
-- FOR EACH STATEMENT, so a 1,000-row statement makes one notice, not
-- 1,000; and PostgreSQL delivers one notice per channel and payload per
-- transaction, so a transaction writing many rows of one area announces it
-- once. Notices are sent at commit only: a rolled-back write says nothing.
CREATE FUNCTION selo_announce_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('selo_changes', TG_ARGV[0]);
    RETURN NULL;
END
$$;

-- envelopes: what a send for signature has become (Painel, reservation page).
CREATE TRIGGER envelopes_announce AFTER INSERT OR UPDATE OR DELETE ON envelopes
    FOR EACH STATEMENT EXECUTE FUNCTION selo_announce_change('envelopes');
CREATE TRIGGER envelope_signers_announce AFTER INSERT OR UPDATE OR DELETE ON envelope_signers
    FOR EACH STATEMENT EXECUTE FUNCTION selo_announce_change('envelopes');
CREATE TRIGGER envelope_events_announce AFTER INSERT OR DELETE ON envelope_events
    FOR EACH STATEMENT EXECUTE FUNCTION selo_announce_change('envelopes');
-- A send's progress and outcome, but not the running PC's heartbeat
-- (runner, runner_seen_at), which is written every few seconds and shows
-- nowhere: announcing it would reload every screen of the office in a loop.
CREATE TRIGGER send_operations_announce AFTER INSERT OR DELETE ON send_operations
    FOR EACH STATEMENT EXECUTE FUNCTION selo_announce_change('envelopes');
CREATE TRIGGER send_operations_announce_update
    AFTER UPDATE OF active, status, step, envelope_id, error_code, name ON send_operations
    FOR EACH STATEMENT EXECUTE FUNCTION selo_announce_change('envelopes');
CREATE TRIGGER send_operation_contracts_announce AFTER INSERT OR UPDATE OR DELETE ON send_operation_contracts
    FOR EACH STATEMENT EXECUTE FUNCTION selo_announce_change('envelopes');

-- reservations: the reservation, its people and its contracts.
CREATE TRIGGER reservations_announce AFTER INSERT OR UPDATE OR DELETE ON reservations
    FOR EACH STATEMENT EXECUTE FUNCTION selo_announce_change('reservations');
CREATE TRIGGER reservation_people_announce AFTER INSERT OR UPDATE OR DELETE ON reservation_people
    FOR EACH STATEMENT EXECUTE FUNCTION selo_announce_change('reservations');
CREATE TRIGGER reservation_contracts_announce AFTER INSERT OR UPDATE OR DELETE ON reservation_contracts
    FOR EACH STATEMENT EXECUTE FUNCTION selo_announce_change('reservations');

-- leads: the lead desk's list and conversations.
CREATE TRIGGER leads_announce AFTER INSERT OR UPDATE OR DELETE ON leads
    FOR EACH STATEMENT EXECUTE FUNCTION selo_announce_change('leads');
CREATE TRIGGER lead_messages_announce AFTER INSERT OR UPDATE OR DELETE ON lead_messages
    FOR EACH STATEMENT EXECUTE FUNCTION selo_announce_change('leads');
