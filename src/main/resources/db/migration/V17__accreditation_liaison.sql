-- Mission liaison (issue 5, item 8): the foreign ministry's meetings with heads of missions, the organisations each
-- meeting concerned, and the follow-ups agreed, each with an owner, a due date and a status.

CREATE TABLE accreditation_liaison_meeting (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    held_on       date        NOT NULL,
    place         text,
    -- officials in their official capacity (head of mission, deputy minister), as they were introduced
    participants  text[]      NOT NULL CHECK (cardinality(participants) > 0),
    topics        text[]      NOT NULL CHECK (cardinality(topics) > 0),
    notes         text,
    recorded_by   text        NOT NULL,
    recorded_at   timestamptz NOT NULL
);
CREATE INDEX accreditation_liaison_meeting_held_on ON accreditation_liaison_meeting (held_on DESC, id DESC);

CREATE TABLE accreditation_liaison_meeting_organisation (
    meeting_id      bigint NOT NULL REFERENCES accreditation_liaison_meeting (id),
    organisation_id bigint NOT NULL REFERENCES accreditation_organisation (id),
    PRIMARY KEY (meeting_id, organisation_id)
);
CREATE INDEX accreditation_liaison_by_organisation ON accreditation_liaison_meeting_organisation (organisation_id);

CREATE TABLE accreditation_liaison_follow_up (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    meeting_id  bigint      NOT NULL REFERENCES accreditation_liaison_meeting (id),
    action      text        NOT NULL CHECK (length(btrim(action)) > 0),
    owner       text        NOT NULL CHECK (length(btrim(owner)) > 0),
    -- not before the meeting (ACC-162); the service checks it, the meeting's date lives in the other table
    due_on      date        NOT NULL,
    status      text        NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'DONE')),
    done_on     date,
    version     integer     NOT NULL DEFAULT 0,
    CHECK ((status = 'DONE') = (done_on IS NOT NULL))
);
CREATE INDEX accreditation_liaison_follow_up_open ON accreditation_liaison_follow_up (due_on) WHERE status = 'OPEN';
CREATE INDEX accreditation_liaison_follow_up_meeting ON accreditation_liaison_follow_up (meeting_id);
