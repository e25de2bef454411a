-- The voter register: voters, their one list per election, the rules that assign addresses to stations, and the
-- log of every read of personal data. Invariants live here: national id format and check digit, one active
-- registration per voter per election.

-- National ids are eight digits and a Luhn check digit (registry.internal.SyntheticPeople.luhn).
CREATE FUNCTION registry_national_id_valid(id text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$
SELECT id ~ '^[0-9]{9}$' AND (
        (ascii(substr(id, 1, 1)) - 48)
      + (2 * (ascii(substr(id, 2, 1)) - 48) - CASE WHEN ascii(substr(id, 2, 1)) > 52 THEN 9 ELSE 0 END)
      + (ascii(substr(id, 3, 1)) - 48)
      + (2 * (ascii(substr(id, 4, 1)) - 48) - CASE WHEN ascii(substr(id, 4, 1)) > 52 THEN 9 ELSE 0 END)
      + (ascii(substr(id, 5, 1)) - 48)
      + (2 * (ascii(substr(id, 6, 1)) - 48) - CASE WHEN ascii(substr(id, 6, 1)) > 52 THEN 9 ELSE 0 END)
      + (ascii(substr(id, 7, 1)) - 48)
      + (2 * (ascii(substr(id, 8, 1)) - 48) - CASE WHEN ascii(substr(id, 8, 1)) > 52 THEN 9 ELSE 0 END)
      + (ascii(substr(id, 9, 1)) - 48)) % 10 = 0
$$;

-- One Latin spelling of a name for matching (Azerbaijani Latin, Cyrillic, English transcription), the same as
-- registry.internal.matching.Transliteration.latin — a test keeps the two equal. Latin 'c' and 'x' are mapped
-- before the Cyrillic digraphs so that the "ch" and "kh" those produce are not mapped again. lower() is not used:
-- under the C locale it leaves Cyrillic capitals alone.
CREATE FUNCTION registry_latin(name text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$
SELECT regexp_replace(
    translate(
        replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
            replace(replace(
                translate(name,
                    'ABCDEFGHIJKLMNOPQRSTUVWXYZАБВГҒДЕЁӘЖЗИЙЈКҜЛМНОӨПРСТУҮФХҺЦЧҸШЩЪЫЬЭЮЯƏŞÇĞİÖÜÀÁÂÃÄÅÈÉÊËÌÍÎÏÒÓÔÕÙÚÛÝÑ',
                    'abcdefghijklmnopqrstuvwxyzабвгғдеёәжзийјкҝлмноөпрстуүфхһцчҹшщъыьэюяəşçğiöüàáâãäåèéêëìíîïòóôõùúûýñ'),
                'c', 'j'), 'x', 'kh'),
            'ё', 'yo'), 'ж', 'zh'), 'х', 'kh'), 'ц', 'ts'), 'ч', 'ch'), 'щ', 'shch'), 'ш', 'sh'), 'ю', 'yu'),
            'я', 'ya'), 'ş', 'sh'), 'ç', 'ch'), 'ъ', ''), 'ь', ''),
        'абвгғдеәзийјкҝлмноөпрстуүфһыэҹəğıqàáâãäåèéêëìíîïòóôõöùúûüýÿñ',
        'abvggdeaziyykglmnooprstuufhyejagigaaaaaaeeeeiiiiooooouuuuyyn'),
    '[^a-z]', '', 'g')
$$;

CREATE TABLE voter (
    id                 bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    national_id        text    NOT NULL CHECK (registry_national_id_valid(national_id)),
    family_name        text    NOT NULL CHECK (length(family_name) > 0),
    given_name         text    NOT NULL CHECK (length(given_name) > 0),
    patronymic         text,
    -- names are kept as registered; the Latin forms are what duplicate detection compares
    family_name_latin  text    GENERATED ALWAYS AS (registry_latin(family_name)) STORED,
    given_name_latin   text    GENERATED ALWAYS AS (registry_latin(given_name)) STORED,
    patronymic_latin   text    GENERATED ALWAYS AS (registry_latin(patronymic)) STORED,
    date_of_birth      date    NOT NULL,
    sex                text    NOT NULL CHECK (sex IN ('F', 'M')),
    -- domestic address: region code and settlement of the map's gazetteer, street, house
    region             text,
    settlement         text,
    street             text,
    house              text,
    -- address abroad: ISO 3166-1 alpha-2 country and city
    country            text    CHECK (country ~ '^[A-Z]{2}$'),
    city               text,
    -- displaced voters: the settlement of origin in a resettled area, beside the residence above
    origin_settlement  text,
    status             text    NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DECEASED', 'DEPRIVED', 'REMOVED')),
    status_reason      text,
    status_date        date,
    version            integer NOT NULL DEFAULT 0,
    CONSTRAINT voter_national_id_unique UNIQUE (national_id),
    CHECK ((region IS NOT NULL AND settlement IS NOT NULL AND country IS NULL AND city IS NULL)
        OR (region IS NULL AND settlement IS NULL AND street IS NULL AND house IS NULL AND country IS NOT NULL AND city IS NOT NULL)),
    CHECK ((status = 'ACTIVE') = (status_date IS NULL)),
    CHECK (status = 'ACTIVE' OR status_reason IS NOT NULL)
);
CREATE INDEX voter_by_address ON voter (region, settlement, street) WHERE country IS NULL;

-- Settlements known to the register, per map version: seeded from the addresses of the map's stations
-- ("17 Nizami street, Khazarabad") and maintained by the commission.
CREATE TABLE register_settlement (
    map_version_id  bigint NOT NULL REFERENCES map_version (id),
    region          text   NOT NULL,
    name            text   NOT NULL CHECK (length(name) > 0),
    PRIMARY KEY (map_version_id, region, name)
);

-- Which station serves an address, maintained by the commission: a whole settlement (no street), a street, or a
-- range of house numbers on a street. The most specific rule wins.
CREATE TABLE assignment_rule (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    map_version_id  bigint      NOT NULL REFERENCES map_version (id),
    region          text        NOT NULL,
    settlement      text        NOT NULL,
    street          text,
    house_from      integer     CHECK (house_from > 0),
    house_to        integer,
    station_id      bigint      NOT NULL REFERENCES polling_station (id),
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((house_from IS NULL) = (house_to IS NULL)),
    CHECK (house_to >= house_from),
    CHECK (street IS NOT NULL OR house_from IS NULL),
    FOREIGN KEY (map_version_id, region, settlement) REFERENCES register_settlement (map_version_id, region, name)
);
CREATE INDEX assignment_rule_by_address ON assignment_rule (map_version_id, region, settlement, street);

-- A voter's place on a list for one election. Moving a voter ends the active registration and starts another in
-- one transaction; the partial unique index makes "one list per voter per election" the database's rule.
CREATE TABLE registration (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    election_id    bigint      NOT NULL REFERENCES election (id),
    voter_id       bigint      NOT NULL REFERENCES voter (id),
    station_id     bigint      NOT NULL REFERENCES polling_station (id),
    reason         text        NOT NULL CHECK (reason IN ('RESIDENCE', 'ABROAD_CONSULAR', 'BUSINESS_TRIP', 'TRANSFER',
                                                          'SUPPLEMENTARY')),
    trip_from      date,
    trip_to        date,
    active         boolean     NOT NULL DEFAULT true,
    registered_at  timestamptz NOT NULL DEFAULT now(),
    ended_at       timestamptz,
    end_reason     text,
    version        integer     NOT NULL DEFAULT 0,
    CHECK ((reason = 'BUSINESS_TRIP') = (trip_from IS NOT NULL AND trip_to IS NOT NULL)),
    CHECK (trip_to >= trip_from),
    CHECK (active = (ended_at IS NULL)),
    CHECK (active OR end_reason IS NOT NULL)
);
CREATE UNIQUE INDEX registration_one_active_list ON registration (election_id, voter_id) WHERE active;
CREATE INDEX registration_by_station ON registration (election_id, station_id) WHERE active;
CREATE INDEX registration_by_voter ON registration (voter_id);

-- One row per bulk import of the population register, accepted or rejected.
CREATE TABLE register_import (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_sha256  text        NOT NULL CHECK (source_sha256 ~ '^[0-9a-f]{64}$'),
    imported_by    text        NOT NULL,
    started_at     timestamptz NOT NULL,
    finished_at    timestamptz NOT NULL DEFAULT now(),
    outcome        text        NOT NULL CHECK (outcome IN ('APPLIED', 'REJECTED')),
    rows           bigint      NOT NULL CHECK (rows >= 0),
    inserted       bigint      NOT NULL DEFAULT 0,
    updated        bigint      NOT NULL DEFAULT 0,
    problems       bigint      NOT NULL DEFAULT 0
);

-- Every read of personal data: who, whose (a voter or a station's list), when and why. Append-only.
CREATE TABLE personal_data_access (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    accessed_at  timestamptz NOT NULL DEFAULT now(),
    actor        text        NOT NULL,
    role         text        NOT NULL,
    scope        text        NOT NULL,
    purpose      text        NOT NULL CHECK (length(btrim(purpose)) >= 3),
    what         text        NOT NULL CHECK (what IN ('VOTER', 'STATION_LIST')),
    voter_id     bigint      REFERENCES voter (id),
    station_id   bigint      REFERENCES polling_station (id),
    election_id  bigint      REFERENCES election (id),
    records      integer     NOT NULL CHECK (records >= 0),
    CHECK ((what = 'VOTER') = (voter_id IS NOT NULL))
);
CREATE INDEX personal_data_access_by_voter ON personal_data_access (voter_id) WHERE voter_id IS NOT NULL;

CREATE FUNCTION personal_data_access_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'personal_data_access is append-only';
END
$$;
CREATE TRIGGER personal_data_access_append_only BEFORE UPDATE OR DELETE ON personal_data_access
    FOR EACH STATEMENT EXECUTE FUNCTION personal_data_access_append_only();
