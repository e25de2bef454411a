-- A signed summary protocol can be withdrawn by a recorded CEC decision (a recount ordered after the constituency
-- signed), while the election is counting. Nothing is overwritten: the withdrawal is a row of its own beside the
-- signature it withdraws, and the constituency signs again in the next round. The live signature of a constituency
-- is its latest round without a withdrawal.
ALTER TABLE constituency_protocol ADD COLUMN round integer NOT NULL DEFAULT 1 CHECK (round > 0);
ALTER TABLE constituency_protocol DROP CONSTRAINT constituency_protocol_contest_id_constituency_id_key;
ALTER TABLE constituency_protocol ADD CONSTRAINT constituency_protocol_round UNIQUE (contest_id, constituency_id, round);

CREATE TABLE constituency_protocol_withdrawal (
    constituency_protocol_id  bigint      PRIMARY KEY REFERENCES constituency_protocol (id),
    withdrawn_by              text        NOT NULL,
    withdrawn_at              timestamptz NOT NULL,
    reason                    text        NOT NULL CHECK (btrim(reason) <> ''),
    decision_reference        text        NOT NULL CHECK (btrim(decision_reference) <> '')
);

CREATE FUNCTION constituency_protocol_withdrawal_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'withdrawals of constituency protocols are append-only (signature %)', OLD.constituency_protocol_id;
END $$;
CREATE TRIGGER constituency_protocol_withdrawal_append_only BEFORE UPDATE OR DELETE ON constituency_protocol_withdrawal
    FOR EACH ROW EXECUTE FUNCTION constituency_protocol_withdrawal_guard();

-- A stamped protocol row (V22) may change in one way only: the withdrawal removes the stamp and nothing else.
DROP TRIGGER protocol_signed_is_final ON protocol;
CREATE TRIGGER protocol_signed_is_final BEFORE UPDATE ON protocol
    FOR EACH ROW
    WHEN (OLD.summary_signed_at IS NOT NULL
          AND (NEW.summary_signed_at IS NOT NULL
               OR ROW(NEW.id, NEW.election_id, NEW.contest_id, NEW.station_id, NEW.constituency_id, NEW.status,
                      NEW.version, NEW.counted_version)
                  IS DISTINCT FROM ROW(OLD.id, OLD.election_id, OLD.contest_id, OLD.station_id, OLD.constituency_id,
                                       OLD.status, OLD.version, OLD.counted_version)))
    EXECUTE FUNCTION protocol_signed_guard();
