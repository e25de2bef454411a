-- Every protocol of election night inserts a protocol row, a version, its lifecycle steps, a station result and an
-- audit event, and the sealer then chains that event. Measured with pg_stat_statements over 40,000 protocols of the
-- 2018 file (docs/benchmarks.md), foreign-key checks were two thirds of the time of the protocol and station-result
-- inserts, and the sealer's update ran a PL/pgSQL guard on every row it chained. Same guarantees, fewer checks:

-- 1. A protocol's election is its contest's election, and its constituency its station's: two composite foreign keys
--    instead of four single ones. Stronger than before (the pairs must agree, not only exist) and half the checks.
ALTER TABLE contest ADD CONSTRAINT contest_id_election_id_key UNIQUE (id, election_id);
ALTER TABLE polling_station ADD CONSTRAINT polling_station_id_constituency_id_key UNIQUE (id, constituency_id);
ALTER TABLE protocol
    DROP CONSTRAINT protocol_election_id_fkey,
    DROP CONSTRAINT protocol_contest_id_fkey,
    DROP CONSTRAINT protocol_station_id_fkey,
    DROP CONSTRAINT protocol_constituency_id_fkey,
    ADD CONSTRAINT protocol_contest_fkey FOREIGN KEY (contest_id, election_id) REFERENCES contest (id, election_id),
    ADD CONSTRAINT protocol_station_fkey FOREIGN KEY (station_id, constituency_id)
        REFERENCES polling_station (id, constituency_id);

-- 2. A station result exists only for a station's protocol of that contest (which checks contest, station and
--    constituency itself): one key instead of three.
ALTER TABLE station_result
    DROP CONSTRAINT station_result_contest_id_fkey,
    DROP CONSTRAINT station_result_station_id_fkey,
    DROP CONSTRAINT station_result_constituency_id_fkey,
    ADD CONSTRAINT station_result_protocol_fkey FOREIGN KEY (contest_id, station_id) REFERENCES protocol (contest_id, station_id);

-- 3. The audit guard runs only for an update that would break the append-only rule: the trigger's WHEN clause is
--    evaluated without entering PL/pgSQL, so sealing (seq, hashes and sealed_at set once on an unsealed event) costs
--    no function call per event. Deleting is refused as before, by its own trigger.
DROP TRIGGER audit_event_append_only ON audit_event;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE ON audit_event
    FOR EACH ROW
    WHEN (OLD.seq IS NOT NULL
          OR NEW.event_id IS DISTINCT FROM OLD.event_id OR NEW.recorded_at IS DISTINCT FROM OLD.recorded_at
          OR NEW.actor IS DISTINCT FROM OLD.actor OR NEW.type IS DISTINCT FROM OLD.type
          OR NEW.subject IS DISTINCT FROM OLD.subject OR NEW.disposition IS DISTINCT FROM OLD.disposition
          OR NEW.payload IS DISTINCT FROM OLD.payload OR NEW.payload_hash IS DISTINCT FROM OLD.payload_hash)
    EXECUTE FUNCTION audit_event_guard();
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_guard();
