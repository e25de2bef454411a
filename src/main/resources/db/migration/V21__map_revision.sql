-- A map version's revision: bumped (revision + 1) by every committed change to the rows of an existing version, in
-- the same transaction as the change. Today that is a station edit (geography StationEdits: name, address,
-- coordinates, capacity); a new version is written whole by MapWriter and starts at 0. The map reads of a whole
-- version (regions, constituencies, stations: tens of MB for a large country, re-read by every results snapshot) are
-- kept in memory with the revision they were read at, and each read first checks this one row: equal revisions mean
-- equal rows, in any transaction and on any replica. A new statement that changes a version's rows must bump it too.
ALTER TABLE map_version ADD COLUMN revision bigint NOT NULL DEFAULT 0;
