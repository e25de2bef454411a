-- Moves between lists (issue 4 items 5 and 6): applications to vote at a station abroad and transfer (absentee)
-- certificates. Every move ends one registration and starts another in one transaction; the partial unique index of
-- V8 keeps a voter on at most one list, and the constraints below keep each certificate to one use.

-- A registration's place in registry.RegistrationLifecycle. Only ACTIVE registrations are on (and counted on) a list;
-- TRANSFERRED ones stay visible on the home list, marked, with the certificate that took the voter elsewhere.
ALTER TABLE registration
    ADD COLUMN status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'TRANSFERRED', 'MOVED')),
    ADD CONSTRAINT registration_status_is_active CHECK ((status = 'ACTIVE') = active);

-- An application to vote at a station abroad: as a resident abroad, or for a business trip over polling day.
CREATE TABLE abroad_application (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    election_id      bigint      NOT NULL REFERENCES election (id),
    voter_id         bigint      NOT NULL REFERENCES voter (id),
    station_id       bigint      NOT NULL REFERENCES polling_station (id),
    reason           text        NOT NULL CHECK (reason IN ('ABROAD_CONSULAR', 'BUSINESS_TRIP')),
    trip_from        date,
    trip_to          date,
    channel          text        NOT NULL CHECK (channel IN ('PUBLIC', 'CONSULAR')),
    submitted_by     text        NOT NULL,
    submitted_at     timestamptz NOT NULL DEFAULT now(),
    status           text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    decided_by       text,
    decided_at       timestamptz,
    decision_reason  text,
    registration_id  bigint      UNIQUE REFERENCES registration (id),
    version          integer     NOT NULL DEFAULT 0,
    CHECK ((reason = 'BUSINESS_TRIP') = (trip_from IS NOT NULL AND trip_to IS NOT NULL)),
    CHECK (trip_to >= trip_from),
    CHECK ((status = 'PENDING') = (decided_at IS NULL)),
    CHECK ((status = 'PENDING') = (decided_by IS NULL)),
    CHECK (status <> 'REJECTED' OR length(btrim(decision_reason)) >= 3),
    CHECK ((status = 'APPROVED') = (registration_id IS NOT NULL))
);
CREATE UNIQUE INDEX abroad_application_one_pending ON abroad_application (election_id, voter_id) WHERE status = 'PENDING';
CREATE INDEX abroad_application_by_station ON abroad_application (election_id, station_id, status);

CREATE SEQUENCE transfer_certificate_number;

-- A transfer (absentee) certificate: issued from one registration (which becomes TRANSFERRED), used at most once to
-- put the voter on another station's supplementary list. Both "at most once"s are unique constraints.
CREATE TABLE transfer_certificate (
    id                    bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    number                text        NOT NULL CHECK (number ~ '^TC-[0-9]{8}$'),
    election_id           bigint      NOT NULL REFERENCES election (id),
    voter_id              bigint      NOT NULL REFERENCES voter (id),
    home_registration_id  bigint      NOT NULL REFERENCES registration (id),
    issued_by             text        NOT NULL,
    issued_at             timestamptz NOT NULL DEFAULT now(),
    used_registration_id  bigint      REFERENCES registration (id),
    used_by               text,
    used_at               timestamptz,
    CONSTRAINT transfer_certificate_number_unique UNIQUE (number),
    CONSTRAINT transfer_certificate_one_per_registration UNIQUE (home_registration_id),
    CONSTRAINT transfer_certificate_used_once UNIQUE (used_registration_id),
    CHECK ((used_registration_id IS NULL) = (used_at IS NULL)),
    CHECK ((used_registration_id IS NULL) = (used_by IS NULL))
);
CREATE INDEX transfer_certificate_by_voter ON transfer_certificate (election_id, voter_id);

-- The supplementary-list registration a certificate created: one registration per certificate, ever.
ALTER TABLE registration
    ADD COLUMN certificate_id bigint REFERENCES transfer_certificate (id),
    ADD CONSTRAINT registration_certificate_used_once UNIQUE (certificate_id),
    ADD CHECK (certificate_id IS NULL OR reason = 'SUPPLEMENTARY');

-- A consular officer reading its mission's applications reads personal data too.
ALTER TABLE personal_data_access DROP CONSTRAINT personal_data_access_what_check;
ALTER TABLE personal_data_access ADD CONSTRAINT personal_data_access_what_check
    CHECK (what IN ('VOTER', 'STATION_LIST', 'ABROAD_APPLICATIONS'));
