-- Staff accounts. A scope names the part of the map (or the organisation) a role may read and write.
CREATE TABLE staff_user (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username       text        NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
    display_name   text        NOT NULL,
    password_hash  text        NOT NULL,
    role           text        NOT NULL CHECK (role IN ('CEC_ADMIN', 'CONSTITUENCY_OPERATOR', 'PRECINCT_OPERATOR',
                                                        'CONSULAR_OFFICER', 'ACCREDITATION_OFFICER', 'OBSERVER',
                                                        'JOURNALIST', 'AUDITOR')),
    scope_kind     text        NOT NULL CHECK (scope_kind IN ('NATIONAL', 'CONSTITUENCY', 'STATION', 'MISSION', 'ORGANISATION')),
    scope_id       bigint,
    enabled        boolean     NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL DEFAULT now(),
    version        integer     NOT NULL DEFAULT 0,
    CHECK ((scope_kind = 'NATIONAL') = (scope_id IS NULL))
);

-- API tokens: only the SHA-256 of the token is stored; a token is checked without BCrypt.
CREATE TABLE api_token (
    token_hash  text        PRIMARY KEY,
    user_id     bigint      NOT NULL REFERENCES staff_user (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL
);
CREATE INDEX api_token_by_user ON api_token (user_id);

-- The audit log (NIST SP 1500-101 style). A writer inserts its event in the transaction of the change;
-- the sealer later gives it a sequence number and chains it (prev_hash, entry_hash) in the order it seals.
-- See docs/adr/0004-audit-chain-sealed-asynchronously.md.
CREATE TABLE audit_event (
    intake_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id      uuid        NOT NULL UNIQUE,
    recorded_at   timestamptz NOT NULL,
    actor         text        NOT NULL,
    type          text        NOT NULL,
    subject       text        NOT NULL,
    disposition   text        NOT NULL CHECK (disposition IN ('SUCCESS', 'FAILURE', 'REJECTED')),
    payload       text        NOT NULL,
    payload_hash  text        NOT NULL CHECK (payload_hash ~ '^[0-9a-f]{64}$'),
    seq           bigint      UNIQUE,
    prev_hash     text,
    entry_hash    text,
    sealed_at     timestamptz,
    CHECK ((seq IS NULL) = (entry_hash IS NULL) AND (seq IS NULL) = (prev_hash IS NULL))
);
CREATE INDEX audit_event_unsealed ON audit_event (intake_id) WHERE seq IS NULL;
CREATE INDEX audit_event_by_subject ON audit_event (subject);

-- Append-only: an event can be sealed once and is then never changed or deleted.
CREATE FUNCTION audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'audit events are append-only (event %)', OLD.event_id;
    END IF;
    IF OLD.seq IS NOT NULL
       OR NEW.event_id IS DISTINCT FROM OLD.event_id OR NEW.recorded_at IS DISTINCT FROM OLD.recorded_at
       OR NEW.actor IS DISTINCT FROM OLD.actor OR NEW.type IS DISTINCT FROM OLD.type
       OR NEW.subject IS DISTINCT FROM OLD.subject OR NEW.disposition IS DISTINCT FROM OLD.disposition
       OR NEW.payload IS DISTINCT FROM OLD.payload OR NEW.payload_hash IS DISTINCT FROM OLD.payload_hash THEN
        RAISE EXCEPTION 'audit events are append-only (event %)', OLD.event_id;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_guard();
