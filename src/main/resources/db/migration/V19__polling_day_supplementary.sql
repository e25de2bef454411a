-- Polling-day additions to a station's supplementary list without a transfer certificate (issue 4, item 2): the
-- precinct commission adds a citizen entitled to vote at the station but missing from its list, and says why (an
-- address the station serves, a court decision, the commission's decision). The reason is kept on the registration,
-- so that the list's change log shows it. A supplementary registration comes from a certificate or from such a
-- decision, never from neither nor from both.
ALTER TABLE registration
    ADD COLUMN addition_reason text,
    ADD CONSTRAINT registration_supplementary_grounds CHECK (
        (reason = 'SUPPLEMENTARY') = (certificate_id IS NOT NULL OR addition_reason IS NOT NULL)
        AND (certificate_id IS NULL OR addition_reason IS NULL)),
    ADD CONSTRAINT registration_addition_reason_given CHECK (length(btrim(addition_reason)) >= 3);

-- The few voters who are not ACTIVE, found without scanning the register: an import keeps the status a registry
-- decision recorded (RegisterImporter), and the voters REMOVED by a merge are looked up on every import.
CREATE INDEX voter_not_active ON voter (id) WHERE status <> 'ACTIVE';
