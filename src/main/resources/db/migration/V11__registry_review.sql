-- Voter status changes (registry.VoterStatusLifecycle) and the review queue of probable duplicates (issue 4 items 1
-- and 8). A voter who stops being active is struck off every list of an election in preparation in the same
-- transaction; the constraint triggers below make that, and "a list holds active voters only", the database's rule.

-- A registration ended because its voter stopped being active (deceased, deprived by a court, removed).
ALTER TABLE registration DROP CONSTRAINT registration_status_check;
ALTER TABLE registration ADD CONSTRAINT registration_status_check
    CHECK (status IN ('ACTIVE', 'TRANSFERRED', 'MOVED', 'STRUCK_OFF'));

-- The court decision behind DEPRIVED (or behind its restoration), where the status came from a decision.
ALTER TABLE voter ADD COLUMN status_decision text CHECK (length(btrim(status_decision)) > 0);

-- Every status change of a voter: who, when, from what to what, why, effective when, on which decision. Append-only.
CREATE TABLE voter_status_change (
    id                  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    voter_id            bigint      NOT NULL REFERENCES voter (id),
    action              text        NOT NULL CHECK (action IN ('DECLARE_DECEASED', 'DEPRIVE_BY_COURT', 'RESTORE_BY_COURT',
                                                               'REMOVE', 'REINSTATE')),
    from_status         text        NOT NULL,
    to_status           text        NOT NULL,
    reason              text        NOT NULL CHECK (length(btrim(reason)) >= 3),
    effective_date      date        NOT NULL,
    decision_reference  text,
    changed_by          text        NOT NULL,
    changed_at          timestamptz NOT NULL DEFAULT now(),
    registrations_ended integer     NOT NULL CHECK (registrations_ended >= 0),
    CHECK (action NOT IN ('DEPRIVE_BY_COURT', 'RESTORE_BY_COURT') OR length(btrim(decision_reference)) > 0)
);
CREATE INDEX voter_status_change_by_voter ON voter_status_change (voter_id);

CREATE FUNCTION voter_status_change_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'voter_status_change is append-only';
END
$$;
CREATE TRIGGER voter_status_change_append_only BEFORE UPDATE OR DELETE ON voter_status_change
    FOR EACH STATEMENT EXECUTE FUNCTION voter_status_change_append_only();

-- An election is in preparation until its polls open: its lists may still change. Printed lists in use on polling
-- day and the lists of past elections are history, not touched by a later status change.
CREATE FUNCTION registry_election_in_preparation(election bigint) RETURNS boolean
    LANGUAGE sql STABLE STRICT AS
$$
SELECT EXISTS (SELECT 1 FROM election e WHERE e.id = election
                   AND e.status IN ('DRAFT', 'CALLED', 'NOMINATIONS', 'CAMPAIGN'))
$$;

-- A voter who is not active is on no list of an election in preparation (checked at commit).
CREATE FUNCTION registry_inactive_voter_off_lists() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    IF EXISTS (SELECT 1 FROM registration r JOIN voter v ON v.id = r.voter_id
               WHERE r.voter_id = NEW.id AND r.active AND v.status <> 'ACTIVE'
                 AND registry_election_in_preparation(r.election_id)) THEN
        RAISE EXCEPTION 'voter % is % but still on a list of an election in preparation', NEW.id, NEW.status
            USING ERRCODE = 'check_violation', CONSTRAINT = 'voter_inactive_off_lists';
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER voter_inactive_off_lists AFTER UPDATE OF status ON voter
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (NEW.status <> 'ACTIVE' AND OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION registry_inactive_voter_off_lists();

-- A registration that puts a voter on a list needs an active voter (checked at commit).
CREATE FUNCTION registry_registration_of_active_voter() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    IF EXISTS (SELECT 1 FROM registration r JOIN voter v ON v.id = r.voter_id
               WHERE r.id = NEW.id AND r.active AND v.status <> 'ACTIVE') THEN
        RAISE EXCEPTION 'voter % is not active and cannot be put on a list', NEW.voter_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'registration_of_active_voter';
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER registration_of_active_voter AFTER INSERT OR UPDATE OF active ON registration
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (NEW.active)
    EXECUTE FUNCTION registry_registration_of_active_voter();

-- One run of duplicate detection over the active voters of the register (or of one region), in the background.
CREATE TABLE duplicate_run (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    region        text,
    started_by    text        NOT NULL,
    started_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz,
    status        text        NOT NULL DEFAULT 'RUNNING' CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
    phase         text        NOT NULL DEFAULT 'queued',
    voters        bigint      NOT NULL DEFAULT 0 CHECK (voters >= 0),
    pairs         bigint      NOT NULL DEFAULT 0 CHECK (pairs >= 0),
    cases_opened  bigint      NOT NULL DEFAULT 0 CHECK (cases_opened >= 0),
    already_decided bigint    NOT NULL DEFAULT 0 CHECK (already_decided >= 0),
    failure       text,
    CHECK ((status = 'RUNNING') = (finished_at IS NULL)),
    CHECK ((status = 'FAILED') = (failure IS NOT NULL))
);
-- One run at a time: a second one would compare the same voters again for nothing.
CREATE UNIQUE INDEX duplicate_run_one_running ON duplicate_run ((true)) WHERE status = 'RUNNING';

-- A pair of voters that probably is one person, for an officer to decide. One case per pair, ever: a pair decided
-- NOT_DUPLICATE (or MERGED) is not proposed again by later runs; an open case found again gets the new score.
CREATE TABLE duplicate_case (
    id            bigint           GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    voter_a       bigint           NOT NULL REFERENCES voter (id),
    voter_b       bigint           NOT NULL REFERENCES voter (id),
    weight        double precision NOT NULL,
    probability   double precision NOT NULL CHECK (probability >= 0 AND probability <= 1),
    -- the field comparisons behind the score: [{"field": "FAMILY_NAME", "level": "PARTIAL"}, …]
    comparisons   jsonb            NOT NULL,
    run_id        bigint           NOT NULL REFERENCES duplicate_run (id),
    found_at      timestamptz      NOT NULL DEFAULT now(),
    status        text             NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'MERGED', 'NOT_DUPLICATE')),
    survivor_id   bigint           REFERENCES voter (id),
    decided_by    text,
    decided_at    timestamptz,
    note          text,
    version       integer          NOT NULL DEFAULT 0,
    CONSTRAINT duplicate_case_one_per_pair UNIQUE (voter_a, voter_b),
    CHECK (voter_a < voter_b),
    CHECK ((status = 'OPEN') = (decided_at IS NULL)),
    CHECK ((status = 'OPEN') = (decided_by IS NULL)),
    CHECK ((status = 'MERGED') = (survivor_id IS NOT NULL)),
    CHECK (survivor_id IS NULL OR survivor_id IN (voter_a, voter_b))
);
CREATE INDEX duplicate_case_open ON duplicate_case (id) WHERE status = 'OPEN';
CREATE INDEX duplicate_case_by_b ON duplicate_case (voter_b);
