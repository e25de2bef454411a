-- The steps of one submission share their instant (they are one decision of the checks); their order is the order
-- they were written in, which this column keeps (a protocol's history must read ENTERED → VERIFIED → ACCEPTED).
ALTER TABLE protocol_decision ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
DROP INDEX protocol_decision_by_protocol;
CREATE INDEX protocol_decision_by_protocol ON protocol_decision (protocol_id, seq);
