-- Accreditation intake: photos, the election a mission observes (for the deadline rule), deadlines per category,
-- invitations sent by the foreign ministry, and bulk imports by mission coordinators (idempotent by file hash).

-- The election an organisation is accredited for: its polling day drives the application deadline (ACC-110).
ALTER TABLE accreditation_organisation ADD COLUMN election_id bigint REFERENCES election (id);

ALTER TABLE accreditation_application
    ADD COLUMN document_kind text NOT NULL DEFAULT 'PASSPORT' CHECK (document_kind IN ('PASSPORT', 'NATIONAL_ID')),
    ADD COLUMN date_of_birth date,
    ADD COLUMN channel text NOT NULL DEFAULT 'OFFICER' CHECK (channel IN ('OFFICER', 'WEB_FORM', 'BULK_IMPORT'));

-- One photo per application, kept apart so that listing applications never drags image bytes along.
-- Type and dimensions are those decoded from the bytes (AccreditationPhotos), never from a file name.
CREATE TABLE accreditation_photo (
    application_id bigint PRIMARY KEY REFERENCES accreditation_application (id),
    media_type     text        NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png')),
    width          integer     NOT NULL CHECK (width BETWEEN 300 AND 4000),
    height         integer     NOT NULL CHECK (height BETWEEN 400 AND 4000),
    bytes          bytea       NOT NULL CHECK (octet_length(bytes) BETWEEN 1 AND 2097152),
    sha256         text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    stored_at      timestamptz NOT NULL
);

-- Days before polling day on which applications of a category close, per election; absent rows fall back to
-- electora.accreditation.deadline-days.* in the configuration.
CREATE TABLE accreditation_deadline (
    election_id bigint  NOT NULL REFERENCES election (id),
    category    text    NOT NULL CHECK (category IN ('OBSERVER', 'JOURNALIST', 'TECHNICAL_STAFF')),
    days_before integer NOT NULL CHECK (days_before BETWEEN 0 AND 365),
    PRIMARY KEY (election_id, category)
);

CREATE TABLE accreditation_invitation (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id     bigint      NOT NULL REFERENCES accreditation_organisation (id),
    sent_by             text        NOT NULL CHECK (length(btrim(sent_by)) > 0),
    sent_on             date        NOT NULL,
    channel             text        NOT NULL CHECK (channel IN ('DIPLOMATIC_NOTE', 'LETTER', 'EMAIL', 'IN_PERSON')),
    reference           text,
    reply               text        NOT NULL DEFAULT 'NO_REPLY' CHECK (reply IN ('NO_REPLY', 'ACCEPTED', 'DECLINED')),
    reply_date          date,
    observers_announced integer CHECK (observers_announced IS NULL OR observers_announced >= 0),
    version             integer     NOT NULL DEFAULT 0,
    recorded_at         timestamptz NOT NULL,
    CHECK ((reply = 'NO_REPLY') = (reply_date IS NULL)),
    CHECK (reply_date IS NULL OR reply_date >= sent_on),
    CHECK (reply = 'ACCEPTED' OR observers_announced IS NULL)
);
CREATE INDEX accreditation_invitation_organisation ON accreditation_invitation (organisation_id, sent_on);

-- A bulk import applied once: the same file (by SHA-256) uploaded again changes nothing and gets the same answer.
CREATE TABLE accreditation_import (
    sha256       text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    imported_by  text        NOT NULL,
    imported_at  timestamptz NOT NULL,
    rows         integer     NOT NULL CHECK (rows > 0),
    application_ids bigint[] NOT NULL
);
