-- Published, numbered, immutable snapshots of a contest's results (publication module, ADR 0010). Public reads
-- and open data are served from these rows only, never from the live results tables.
CREATE TABLE results_snapshot (
    election_id   bigint      NOT NULL REFERENCES election (id),
    sequence      integer     NOT NULL CHECK (sequence > 0),
    contest_id    bigint      NOT NULL REFERENCES contest (id),
    generated_at  timestamptz NOT NULL,
    time_zone     text        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('UNOFFICIAL_PARTIAL', 'UNOFFICIAL_COMPLETE', 'CERTIFIED')),
    sha256        text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content       bytea       NOT NULL,
    PRIMARY KEY (election_id, sequence)
);
CREATE INDEX results_snapshot_by_contest ON results_snapshot (contest_id, sequence);

CREATE FUNCTION results_snapshot_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'published snapshots are immutable (election %, sequence %)', OLD.election_id, OLD.sequence;
END $$;
CREATE TRIGGER results_snapshot_append_only BEFORE UPDATE OR DELETE ON results_snapshot
    FOR EACH ROW EXECUTE FUNCTION results_snapshot_guard();

-- A constituency commission's signed summary protocol of its constituency's totals (results module, ADR 0010).
-- Append-only: a later decision is a new row, never an overwrite.
CREATE TABLE constituency_protocol (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    election_id      bigint      NOT NULL REFERENCES election (id),
    contest_id       bigint      NOT NULL REFERENCES contest (id),
    constituency_id  bigint      NOT NULL REFERENCES constituency (id),
    signed_by        text        NOT NULL,
    signed_at        timestamptz NOT NULL,
    totals           text        NOT NULL,
    sha256           text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    UNIQUE (contest_id, constituency_id)
);

CREATE FUNCTION constituency_protocol_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'signed constituency protocols are append-only (id %)', OLD.id;
END $$;
CREATE TRIGGER constituency_protocol_append_only BEFORE UPDATE OR DELETE ON constituency_protocol
    FOR EACH ROW EXECUTE FUNCTION constituency_protocol_guard();
