-- Double entry: two operators key the same paper protocol independently. An entry stays open until its cycle ends
-- (both entries equal, or a supervisor resolved the difference): then it names the protocol version it became.
CREATE TABLE protocol_entry (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    election_id      bigint      NOT NULL REFERENCES election (id),
    contest_id       bigint      NOT NULL REFERENCES contest (id),
    station_id       bigint      NOT NULL REFERENCES polling_station (id),
    constituency_id  bigint      NOT NULL REFERENCES constituency (id),
    operator         text        NOT NULL,
    lines            bigint[]    NOT NULL,
    votes            bigint[]    NOT NULL,
    entered_at       timestamptz NOT NULL,
    closed_version   integer,
    closed_at        timestamptz,
    CHECK (0 <= ALL (lines) AND 0 <= ALL (votes)),
    CHECK ((closed_version IS NULL) = (closed_at IS NULL))
);
-- One open entry per operator per station and contest (RES-020): the same person cannot be both keyers.
CREATE UNIQUE INDEX protocol_entry_open_per_operator ON protocol_entry (contest_id, station_id, operator)
    WHERE closed_version IS NULL;
CREATE INDEX protocol_entry_by_constituency ON protocol_entry (contest_id, constituency_id) WHERE closed_version IS NULL;
