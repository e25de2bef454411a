-- Accreditation: organisations and missions, individual applications and their review, badges signed with the
-- commission's Ed25519 keys. Enumerations are CHECKed here as well as in Java (AccreditationLifecycle).

CREATE TABLE accreditation_organisation (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            text        NOT NULL CHECK (length(btrim(name)) > 0),
    kind            text        NOT NULL CHECK (kind IN ('INTERNATIONAL_ORGANISATION', 'FOREIGN_ELECTION_BODY',
                        'FOREIGN_STATE_DELEGATION', 'DOMESTIC_NGO', 'CANDIDATE', 'FOREIGN_MEDIA_OUTLET',
                        'DOMESTIC_MEDIA_OUTLET')),
    country         text        NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    contact_name    text,
    contact_email   text,
    contact_phone   text,
    head_of_mission text,
    arrival_date    date,
    departure_date  date,
    quota           integer CHECK (quota IS NULL OR quota >= 0),
    version         integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (arrival_date IS NULL OR departure_date IS NULL OR departure_date >= arrival_date)
);
CREATE UNIQUE INDEX accreditation_organisation_name ON accreditation_organisation (lower(name), country);

CREATE SEQUENCE accreditation_badge_number;

CREATE TABLE accreditation_application (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id bigint      NOT NULL REFERENCES accreditation_organisation (id),
    category        text        NOT NULL CHECK (category IN ('OBSERVER', 'JOURNALIST', 'TECHNICAL_STAFF')),
    given_names     text        NOT NULL CHECK (length(btrim(given_names)) > 0),
    family_name     text        NOT NULL CHECK (length(btrim(family_name)) > 0),
    document_number text        NOT NULL CHECK (document_number ~ '^[A-Z0-9]{4,20}$'),
    nationality     text        NOT NULL CHECK (nationality ~ '^[A-Z]{2}$'),
    languages       text[]      NOT NULL DEFAULT '{}',
    status          text        NOT NULL CHECK (status IN ('SUBMITTED', 'UNDER_REVIEW', 'APPROVED', 'REJECTED',
                        'BADGE_ISSUED', 'REVOKED', 'EXPIRED')),
    status_reason   text,
    badge_number    text UNIQUE,
    valid_from      date,
    valid_until     date,
    -- the compact JWS printed as the badge's QR code, kept so that a reprint carries the very credential issued
    credential      text,
    version         integer     NOT NULL DEFAULT 0,
    submitted_at    timestamptz NOT NULL,
    decided_at      timestamptz,
    CHECK ((badge_number IS NULL) = (valid_from IS NULL) AND (valid_from IS NULL) = (valid_until IS NULL)),
    CHECK (valid_until IS NULL OR valid_until >= valid_from),
    CHECK (status NOT IN ('BADGE_ISSUED', 'REVOKED', 'EXPIRED') OR (badge_number IS NOT NULL AND credential IS NOT NULL)),
    CHECK (status NOT IN ('REJECTED', 'REVOKED') OR length(btrim(coalesce(status_reason, ''))) > 0)
);
-- A person (document + nationality) holds at most one live application, whichever organisation it came through;
-- the service reports the clash with a rule code (ACC-011/ACC-012), this index stops a race that slips past it.
CREATE UNIQUE INDEX accreditation_application_one_live_per_person
    ON accreditation_application (document_number, nationality)
    WHERE status NOT IN ('REJECTED', 'REVOKED', 'EXPIRED');
CREATE INDEX accreditation_application_organisation ON accreditation_application (organisation_id, status);

-- The commission's signing keys, every one ever used (verifiers need old ones to check earlier badges).
-- The private half is sealed (AES-256-GCM, kid as associated data) under a key-encryption key kept in a file outside
-- the database (accreditation.internal.KeyEncryption); the public JWKS endpoint reads public_jwk alone.
CREATE TABLE accreditation_signing_key (
    kid         text PRIMARY KEY,
    public_jwk  text        NOT NULL,
    sealed_private_jwk text NOT NULL CHECK (sealed_private_jwk LIKE 'A256GCM.%'),
    created_at  timestamptz NOT NULL,
    retired_at  timestamptz,
    CHECK (retired_at IS NULL OR retired_at >= created_at)
);
CREATE UNIQUE INDEX accreditation_signing_key_one_active ON accreditation_signing_key ((true)) WHERE retired_at IS NULL;
