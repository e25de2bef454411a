-- The electoral map, versioned: every election refers to one map version, so boundary changes and historic
-- (even foreign) maps coexist. Every row carries its map_version_id; codes are unique within a version.
CREATE TABLE map_version (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    country_code       text        NOT NULL CHECK (country_code ~ '^[A-Z]{2}$'),
    name               text        NOT NULL CHECK (length(name) > 0),
    capital_time_zone  text        NOT NULL,
    source_sha256      text        NOT NULL CHECK (source_sha256 ~ '^[0-9a-f]{64}$'),
    imported_at        timestamptz NOT NULL DEFAULT now(),
    imported_by        text        NOT NULL
);

CREATE TABLE region (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    map_version_id  bigint NOT NULL REFERENCES map_version (id),
    code            text   NOT NULL,
    name            text   NOT NULL,
    UNIQUE (map_version_id, code)
);

CREATE TABLE constituency (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    map_version_id  bigint  NOT NULL REFERENCES map_version (id),
    region_id       bigint  NOT NULL REFERENCES region (id),
    code            text    NOT NULL,
    number          integer NOT NULL CHECK (number > 0),
    name            text    NOT NULL,
    UNIQUE (map_version_id, code),
    UNIQUE (map_version_id, number)
);
CREATE INDEX constituency_by_region ON constituency (region_id);

-- A diplomatic mission (embassy or consulate) that runs polling stations abroad.
CREATE TABLE mission (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    map_version_id  bigint NOT NULL REFERENCES map_version (id),
    name            text   NOT NULL,
    host_country    text   NOT NULL CHECK (host_country ~ '^[A-Z]{2}$'),
    UNIQUE (map_version_id, name)
);

CREATE TABLE polling_station (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    map_version_id   bigint        NOT NULL REFERENCES map_version (id),
    constituency_id  bigint        NOT NULL REFERENCES constituency (id),
    code             text          NOT NULL,
    number           integer       NOT NULL CHECK (number > 0),
    name             text          NOT NULL,
    address          text          NOT NULL,
    latitude         numeric(9, 6) CHECK (latitude BETWEEN -90 AND 90),
    longitude        numeric(9, 6) CHECK (longitude BETWEEN -180 AND 180),
    capacity         integer       CHECK (capacity > 0),
    kind             text          NOT NULL CHECK (kind IN ('regular', 'hospital', 'military', 'detention', 'special')),
    resettled_area   boolean       NOT NULL DEFAULT false,
    host_country     text          CHECK (host_country ~ '^[A-Z]{2}$'),
    mission_id       bigint        REFERENCES mission (id),
    time_zone        text          NOT NULL,
    version          integer       NOT NULL DEFAULT 0,
    UNIQUE (map_version_id, code),
    UNIQUE (constituency_id, number),
    -- abroad: a host country and a mission, or neither
    CHECK ((host_country IS NULL) = (mission_id IS NULL)),
    CHECK ((latitude IS NULL) = (longitude IS NULL))
);
CREATE INDEX polling_station_by_constituency ON polling_station (constituency_id);
CREATE INDEX polling_station_abroad ON polling_station (map_version_id, host_country) WHERE host_country IS NOT NULL;
CREATE INDEX polling_station_by_mission ON polling_station (mission_id) WHERE mission_id IS NOT NULL;
