-- A station's protocol for a contest: its status and which version counts. All versions are kept (protocol_version).
CREATE TABLE protocol (
    id               bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    election_id      bigint  NOT NULL REFERENCES election (id),
    contest_id       bigint  NOT NULL REFERENCES contest (id),
    station_id       bigint  NOT NULL REFERENCES polling_station (id),
    constituency_id  bigint  NOT NULL REFERENCES constituency (id),
    status           text    NOT NULL CHECK (status IN ('ENTERED', 'VERIFIED', 'ACCEPTED', 'AMENDED', 'QUARANTINED', 'ANNULLED')),
    version          integer NOT NULL CHECK (version > 0),
    counted_version  integer,
    UNIQUE (contest_id, station_id),
    CHECK ((status = 'ACCEPTED') = (counted_version IS NOT NULL))
);
CREATE INDEX protocol_by_constituency ON protocol (contest_id, constituency_id);

CREATE TABLE protocol_version (
    protocol_id           bigint      NOT NULL REFERENCES protocol (id),
    number                integer     NOT NULL CHECK (number > 0),
    election_id           bigint      NOT NULL REFERENCES election (id),
    lines                 bigint[]    NOT NULL,
    votes                 bigint[]    NOT NULL,
    source                text        NOT NULL CHECK (source IN ('ELECTRONIC', 'DOUBLE_ENTRY', 'IMPORT')),
    client_submission_id  uuid,
    content_sha256        text        NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
    submitted_by          text        NOT NULL,
    submitted_at          timestamptz NOT NULL,
    reason                text,
    violations            text        NOT NULL DEFAULT '[]',
    scan_sha256           text        CHECK (scan_sha256 ~ '^[0-9a-f]{64}$'),
    PRIMARY KEY (protocol_id, number),
    CHECK (0 <= ALL (lines) AND 0 <= ALL (votes))
);
-- Idempotency: one client submission id records at most one version per election.
CREATE UNIQUE INDEX protocol_version_client_id ON protocol_version (election_id, client_submission_id)
    WHERE client_submission_id IS NOT NULL;

-- Every lifecycle step, public with its reason and decision reference.
CREATE TABLE protocol_decision (
    protocol_id  bigint      NOT NULL REFERENCES protocol (id),
    at           timestamptz NOT NULL,
    actor        text        NOT NULL,
    action       text        NOT NULL CHECK (action IN ('VERIFY', 'QUARANTINE', 'ACCEPT', 'CORRECT', 'AMEND', 'RELEASE', 'ANNUL')),
    from_status  text,
    to_status    text        NOT NULL,
    version      integer     NOT NULL,
    reason       text,
    reference    text
);
CREATE INDEX protocol_decision_by_protocol ON protocol_decision (protocol_id, at);

-- Scans of signed paper protocols, addressed by their SHA-256 (later: object storage).
CREATE TABLE protocol_scan (
    sha256      text    PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    media_type  text    NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size        integer NOT NULL CHECK (size > 0),
    content     bytea   NOT NULL
);

-- The numbers of each counted protocol, reduced to what tallies need.
CREATE TABLE station_result (
    contest_id       bigint   NOT NULL REFERENCES contest (id),
    station_id       bigint   NOT NULL REFERENCES polling_station (id),
    constituency_id  bigint   NOT NULL REFERENCES constituency (id),
    host_country     text,
    version          integer  NOT NULL,
    voters_on_list   bigint   NOT NULL,
    ballots_issued   bigint   NOT NULL,
    valid            bigint   NOT NULL,
    invalid          bigint   NOT NULL,
    share_base       bigint   NOT NULL,
    votes            bigint[] NOT NULL,
    PRIMARY KEY (contest_id, station_id)
);
CREATE INDEX station_result_by_constituency ON station_result (contest_id, constituency_id);
CREATE INDEX station_result_abroad ON station_result (contest_id, host_country) WHERE host_country IS NOT NULL;

-- Per-constituency partial sums, changed by delta in the transaction of each protocol; the nation sums these rows.
CREATE TABLE constituency_tally (
    contest_id         bigint   NOT NULL REFERENCES contest (id),
    constituency_id    bigint   NOT NULL REFERENCES constituency (id),
    stations_expected  integer  NOT NULL,
    stations_counted   integer  NOT NULL DEFAULT 0 CHECK (stations_counted >= 0),
    voters_on_list     bigint   NOT NULL DEFAULT 0,
    ballots_issued     bigint   NOT NULL DEFAULT 0,
    valid              bigint   NOT NULL DEFAULT 0,
    invalid            bigint   NOT NULL DEFAULT 0,
    share_base         bigint   NOT NULL DEFAULT 0,
    votes              bigint[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (contest_id, constituency_id)
);
