-- The public list of corrected, quarantined, released and annulled protocols (ResultsPages.corrections) reads the
-- steps that are not the checks' routine verify and accept. Partial: on election night almost every step is routine,
-- so the index costs the writer nothing for them and stays as small as the list it serves.
CREATE INDEX protocol_decision_notable ON protocol_decision (protocol_id)
    WHERE action IN ('QUARANTINE', 'CORRECT', 'AMEND', 'RELEASE', 'ANNUL');
