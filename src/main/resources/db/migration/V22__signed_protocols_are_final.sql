-- A constituency's summary protocol signs the totals of its stations' protocols (constituency_protocol.totals), and
-- certification adds up the signed constituencies. From the signature on, those station protocols are final: no new
-- version, amendment, release or annulment may change them, or the certified national result would no longer be the
-- sum of what the constituencies signed. Signing stamps the rows (summary_signed_at) in its own transaction; a writer
-- that locks a protocol row FOR UPDATE while a signature is under way waits for it and then reads the stamped row, so
-- the check in the application cannot miss a signature that commits first. The trigger refuses what the application
-- would refuse anyway, for any other path that updates the row.
ALTER TABLE protocol ADD COLUMN summary_signed_at timestamptz;

CREATE FUNCTION protocol_signed_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'protocol % is final: its constituency signed the summary protocol at %', OLD.id, OLD.summary_signed_at
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;

CREATE TRIGGER protocol_signed_is_final BEFORE UPDATE ON protocol
    FOR EACH ROW WHEN (OLD.summary_signed_at IS NOT NULL)
    EXECUTE FUNCTION protocol_signed_guard();
