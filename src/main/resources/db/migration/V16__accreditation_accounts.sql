-- Accounts for accredited observers and journalists: a staff member invites the person by a single-use link
-- (only the SHA-256 of its token is stored), the person sets their own password and gets a login scoped to their
-- organisation. The account itself is a platform staff_user row; this module keeps which application it belongs to.

CREATE TABLE accreditation_account_invitation (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id bigint      NOT NULL REFERENCES accreditation_application (id),
    token_hash     text        NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    created_by     text        NOT NULL,
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    used_at        timestamptz,
    CHECK (expires_at > created_at),
    CHECK (used_at IS NULL OR used_at >= created_at)
);
CREATE INDEX accreditation_account_invitation_application ON accreditation_account_invitation (application_id);

-- One login per application, one application per login.
CREATE TABLE accreditation_account (
    account_id      bigint      PRIMARY KEY,
    application_id  bigint      NOT NULL UNIQUE REFERENCES accreditation_application (id),
    organisation_id bigint      NOT NULL REFERENCES accreditation_organisation (id),
    invitation_id   bigint      NOT NULL UNIQUE REFERENCES accreditation_account_invitation (id),
    created_at      timestamptz NOT NULL
);
