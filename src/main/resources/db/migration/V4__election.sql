-- Protocol templates are data, not code: a country's form is rows here, seeded with the built-in forms at start-up.
CREATE TABLE protocol_template (
    code                     text      PRIMARY KEY CHECK (length(code) > 0),
    name                     text      NOT NULL CHECK (length(name) > 0),
    ballots_issued_lines     integer[] NOT NULL CHECK (cardinality(ballots_issued_lines) > 0),
    voters_on_list_line      integer   NOT NULL,
    share_denominator_lines  integer[] NOT NULL CHECK (cardinality(share_denominator_lines) > 0),
    share_denominator_name   text      NOT NULL CHECK (length(share_denominator_name) > 0),
    valid_ballots_line       integer   NOT NULL,
    invalid_ballots_line     integer   NOT NULL
);

CREATE TABLE protocol_template_line (
    template_code  text    NOT NULL REFERENCES protocol_template (code),
    number         integer NOT NULL CHECK (number > 0),
    code           text    NOT NULL CHECK (length(code) > 0),
    name           text    NOT NULL,
    PRIMARY KEY (template_code, number),
    UNIQUE (template_code, code)
);

CREATE TABLE control_relation (
    template_code  text    NOT NULL REFERENCES protocol_template (code),
    rule_code      text    NOT NULL CHECK (length(rule_code) > 0),
    -- position keeps the authored order of relations, which reports follow
    position       integer NOT NULL,
    level          text    NOT NULL CHECK (level IN ('HARD', 'SOFT')),
    expression     text    NOT NULL,
    description    text    NOT NULL,
    PRIMARY KEY (template_code, rule_code),
    UNIQUE (template_code, position)
);

CREATE TABLE election (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            text        NOT NULL CHECK (length(name) > 0),
    type            text        NOT NULL CHECK (type IN ('PRESIDENTIAL', 'PARLIAMENTARY', 'REFERENDUM')),
    extraordinary   boolean     NOT NULL,
    polling_day     date        NOT NULL,
    -- local time of each station: a station abroad opens and closes by its own clock
    polls_open      time        NOT NULL,
    polls_close     time        NOT NULL,
    map_version_id  bigint      NOT NULL REFERENCES map_version (id),
    status          text        NOT NULL CHECK (status IN ('DRAFT', 'CALLED', 'NOMINATIONS', 'CAMPAIGN', 'POLLING',
                                                           'COUNTING', 'RESULTS_CERTIFIED')),
    version         integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (polls_close > polls_open)
);

CREATE TABLE contest (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    election_id    bigint NOT NULL REFERENCES election (id),
    name           text   NOT NULL CHECK (length(name) > 0),
    template_code  text   NOT NULL REFERENCES protocol_template (code),
    UNIQUE (election_id, name)
);
CREATE INDEX contest_by_election ON contest (election_id);

CREATE TABLE candidate (
    id            bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    election_id   bigint  NOT NULL REFERENCES election (id),
    contest_id    bigint  NOT NULL REFERENCES contest (id),
    ballot_order  integer NOT NULL CHECK (ballot_order > 0),
    family_name   text    NOT NULL CHECK (length(family_name) > 0),
    given_name    text    NOT NULL CHECK (length(given_name) > 0),
    patronymic    text,
    nominated_by  text    NOT NULL CHECK (length(nominated_by) > 0),
    status        text    NOT NULL CHECK (status IN ('NOMINATED', 'REGISTERED', 'WITHDRAWN', 'REFUSED')),
    reason        text,
    version       integer NOT NULL DEFAULT 0,
    UNIQUE (contest_id, ballot_order),
    -- grounds of a refusal or withdrawal are published and may be appealed (CAN-001)
    CHECK (status NOT IN ('REFUSED', 'WITHDRAWN') OR length(btrim(reason)) > 0)
);
CREATE INDEX candidate_by_election ON candidate (election_id);

CREATE TABLE milestone (
    election_id       bigint  NOT NULL REFERENCES election (id),
    code              text    NOT NULL,
    -- the order of the legal list, which breaks ties between milestones due the same day
    position          integer NOT NULL,
    title             text    NOT NULL,
    offset_days       integer NOT NULL,
    due               date    NOT NULL,
    responsible_body  text    NOT NULL,
    done_on           date,
    PRIMARY KEY (election_id, code)
);
