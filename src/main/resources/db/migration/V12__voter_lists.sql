-- Voter lists per polling station (issue 4 item 9): printings, what each printing showed, and the election's rule
-- for displaced voters. The change log after printing is derived from the registrations themselves (a registration
-- row is never deleted: it records when and why a voter came onto and went off a list); the two columns below add
-- who did it, written by the statement that starts or ends the registration.

ALTER TABLE registration
    ADD COLUMN registered_by text,
    ADD COLUMN ended_by      text;

-- One row per official printing of a station's list: version 1, 2, … per election and station, who printed it, why,
-- and the SHA-256 of the PDF handed out (the PDF itself is not kept: the hash lets anyone check a copy).
CREATE TABLE voter_list_print (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    election_id    bigint      NOT NULL REFERENCES election (id),
    station_id     bigint      NOT NULL REFERENCES polling_station (id),
    version        integer     NOT NULL CHECK (version > 0),
    printed_by     text        NOT NULL,
    printed_at     timestamptz NOT NULL DEFAULT now(),
    purpose        text        NOT NULL CHECK (length(btrim(purpose)) >= 3),
    pdf_sha256     text        NOT NULL CHECK (pdf_sha256 ~ '^[0-9a-f]{64}$'),
    voters         integer     NOT NULL CHECK (voters >= 0),
    supplementary  integer     NOT NULL CHECK (supplementary >= 0),
    changes        integer     NOT NULL CHECK (changes >= 0),
    CONSTRAINT voter_list_print_version_unique UNIQUE (election_id, station_id, version)
);

-- Each registration a printing showed, with its number on that printing and its status then. The change log of a
-- station is the difference between the first printing and the registrations now (RegisterLists.changes).
CREATE TABLE voter_list_print_entry (
    print_id         bigint  NOT NULL REFERENCES voter_list_print (id),
    registration_id  bigint  NOT NULL REFERENCES registration (id),
    list_number      integer NOT NULL CHECK (list_number > 0),
    status           text    NOT NULL,
    PRIMARY KEY (print_id, registration_id),
    CONSTRAINT voter_list_print_entry_number_unique UNIQUE (print_id, list_number)
);
CREATE INDEX voter_list_print_entry_by_registration ON voter_list_print_entry (registration_id);

-- The election's rule for displaced voters (origin settlement in a resettled area, residence elsewhere):
-- AT_RESIDENCE (the default, no row) lists them where they live; AT_ORIGIN lists them at the resettled-area station
-- that serves their origin settlement. Assignment applies it, so a voter is still on one list only.
CREATE TABLE voter_list_rule (
    election_id       bigint      PRIMARY KEY REFERENCES election (id),
    displaced_voters  text        NOT NULL CHECK (displaced_voters IN ('AT_RESIDENCE', 'AT_ORIGIN')),
    set_by            text        NOT NULL,
    set_at            timestamptz NOT NULL DEFAULT now()
);
