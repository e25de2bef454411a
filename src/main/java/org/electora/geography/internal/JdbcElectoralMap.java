package org.electora.geography.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;

import org.electora.geography.Constituency;
import org.electora.geography.ConstituencyId;
import org.electora.geography.ElectoralMap;
import org.electora.geography.MapVersion;
import org.electora.geography.MapVersionId;
import org.electora.geography.MissionId;
import org.electora.geography.PollingStation;
import org.electora.geography.PollingStationId;
import org.electora.geography.Region;
import org.electora.geography.RegionId;
import org.electora.geography.StationKind;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The map as read from the database. Every read is one statement that is consistent by itself (a whole version's list:
 * a stamp check, then the list with its stamp if the stamp changed), so none opens a transaction of its own (a
 * caller's transaction is joined); and the bean is not proxied at all, because {@link #station(PollingStationId)} is
 * called for every protocol of election night and most calls are answered from memory.
 * <p>
 * A whole version's regions, constituencies and stations are kept in memory too (a results snapshot reads them every
 * 30 s; 97,699 stations cost half a second of PostgreSQL), each list with the stamp it was read at: the version's
 * {@code revision}, which every change to an existing version's rows bumps in its own transaction (V21), and the
 * {@code xmin} of that {@code map_version} row, the transaction that wrote it. The rows and their stamp are read in one
 * statement, so they describe the same snapshot; a later call reads the stamp alone (one row by primary key) in its
 * own transaction and snapshot, and an equal stamp means equal rows there, whatever the isolation level and on any
 * replica. The writing transaction is part of the stamp for a read made inside an edit's own transaction: it sees
 * the edit's revision before the commit, and if that transaction rolls back another edit may commit the same number
 * with other rows — never with the same {@code xmin}. A stamp that changes for any other reason (an update of another
 * column of the row) costs one re-read, nothing more.
 */
@Component
class JdbcElectoralMap implements ElectoralMap {

    static final String STATION_COLUMNS = """
            s.id, s.map_version_id, s.constituency_id, c.code AS constituency_code, s.code, s.number, s.name, s.address,
            s.latitude, s.longitude, s.capacity, s.kind, s.resettled_area, s.host_country, s.mission_id,
            m.name AS mission_name, s.time_zone, s.version
            FROM polling_station s JOIN constituency c ON c.id = s.constituency_id LEFT JOIN mission m ON m.id = s.mission_id""";

    private static final String CONSTITUENCY_COLUMNS = """
            c.id, c.map_version_id, c.region_id, r.name AS region_name, c.code, c.number, c.name,
            (SELECT count(*) FROM polling_station s WHERE s.constituency_id = c.id) AS stations,
            (SELECT count(*) FROM polling_station s WHERE s.constituency_id = c.id AND s.host_country IS NOT NULL) AS abroad
            FROM constituency c JOIN region r ON r.id = c.region_id""";

    private static final String REGION_COLUMNS = """
            r.id, r.map_version_id, r.code, r.name,
            (SELECT count(*) FROM constituency c WHERE c.region_id = r.id) AS constituencies,
            (SELECT count(*) FROM polling_station s JOIN constituency c ON c.id = s.constituency_id
              WHERE c.region_id = r.id AND s.host_country IS NULL) AS stations
            FROM region r""";

    /**
     * Stations by id: read on every protocol submission, and a map version never changes after its import except
     * through {@link StationEdits}, which evicts. Bounded: cleared when it outgrows a few maps of Russia's size.
     */
    private static final int MAX_CACHED_STATIONS = 400_000;
    private final Map<Long, PollingStation> stations = new ConcurrentHashMap<>();

    /** What a whole-version list was read at: the version's revision and the transaction that wrote that row. */
    private record Stamp(long revision, long writtenBy) {
    }

    /** A whole version's list (unmodifiable) and the stamp it was read with, in the same statement. */
    private record Cached<T>(Stamp stamp, List<T> rows) {
    }

    /**
     * The last list read per map version, for a few versions (least recently used dropped first): Russia's 97,699
     * stations are tens of MB, and the elections of a night use one map version or a few.
     */
    static final int CACHED_VERSIONS = 4;

    private static final class VersionCache<T> {
        private final Map<Long, Cached<T>> lists = new LinkedHashMap<>(8, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Cached<T>> eldest) {
                return size() > CACHED_VERSIONS;
            }
        };

        synchronized Cached<T> get(long version) {
            return lists.get(version);
        }

        synchronized void put(long version, Cached<T> list) {
            lists.put(version, list);
        }
    }

    /** The stamp columns of a whole-version read: uncorrelated subqueries, evaluated once per statement. */
    private static final String STAMP_COLUMNS = """
            (SELECT revision FROM map_version WHERE id = :version) AS map_revision,
            (SELECT xmin::text::bigint FROM map_version WHERE id = :version) AS map_written_by,
            """;

    private final VersionCache<Region> regionsByVersion = new VersionCache<>();
    private final VersionCache<Constituency> constituenciesByVersion = new VersionCache<>();
    private final VersionCache<PollingStation> stationsByVersion = new VersionCache<>();

    private final JdbcClient jdbc;

    JdbcElectoralMap(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<MapVersion> versions() {
        return jdbc.sql("SELECT * FROM map_version ORDER BY id").query(JdbcElectoralMap::version).list();
    }

    @Override
    public Optional<MapVersion> version(MapVersionId id) {
        return jdbc.sql("SELECT * FROM map_version WHERE id = ?").param(id.value()).query(JdbcElectoralMap::version).optional();
    }

    /**
     * A whole map's regions with their counts in one pass over the map (grouped joins): per region counting
     * subqueries read Russia's 97,699 stations region by region, up to a second and a half under load, once per
     * published snapshot. From memory while the version's stamp is unchanged (see the class).
     */
    @Override
    public List<Region> regions(MapVersionId version) {
        return whole(regionsByVersion, version, """
                        WITH c AS (SELECT region_id, count(*) AS n FROM constituency WHERE map_version_id = :version
                                   GROUP BY region_id),
                             s AS (SELECT c.region_id, count(*) AS n
                                   FROM polling_station s JOIN constituency c ON c.id = s.constituency_id
                                   WHERE s.map_version_id = :version AND s.host_country IS NULL GROUP BY c.region_id)
                        SELECT """ + STAMP_COLUMNS + """
                               r.id, r.map_version_id, r.code, r.name, coalesce(c.n, 0) AS constituencies,
                               coalesce(s.n, 0) AS stations
                        FROM region r LEFT JOIN c ON c.region_id = r.id LEFT JOIN s ON s.region_id = r.id
                        WHERE r.map_version_id = :version ORDER BY r.code""", JdbcElectoralMap::region);
    }

    @Override
    public Optional<Region> region(RegionId id) {
        return jdbc.sql("SELECT " + REGION_COLUMNS + " WHERE r.id = ?").param(id.value()).query(JdbcElectoralMap::region).optional();
    }

    @Override
    public List<Constituency> constituencies(RegionId region) {
        return jdbc.sql("SELECT " + CONSTITUENCY_COLUMNS + " WHERE c.region_id = ? ORDER BY c.number")
                .param(region.value()).query(JdbcElectoralMap::constituency).list();
    }

    /**
     * A whole map's constituencies with their station counts in one pass, from memory while the version's stamp is
     * unchanged (see {@link #regions(MapVersionId)}).
     */
    @Override
    public List<Constituency> constituencies(MapVersionId version) {
        return whole(constituenciesByVersion, version, """
                        WITH s AS (SELECT constituency_id, count(*) AS stations,
                                          count(*) FILTER (WHERE host_country IS NOT NULL) AS abroad
                                   FROM polling_station WHERE map_version_id = :version GROUP BY constituency_id)
                        SELECT """ + STAMP_COLUMNS + """
                               c.id, c.map_version_id, c.region_id, r.name AS region_name, c.code, c.number, c.name,
                               coalesce(s.stations, 0) AS stations, coalesce(s.abroad, 0) AS abroad
                        FROM constituency c JOIN region r ON r.id = c.region_id LEFT JOIN s ON s.constituency_id = c.id
                        WHERE c.map_version_id = :version ORDER BY c.number""", JdbcElectoralMap::constituency);
    }

    @Override
    public Optional<Constituency> constituency(ConstituencyId id) {
        return jdbc.sql("SELECT " + CONSTITUENCY_COLUMNS + " WHERE c.id = ?").param(id.value())
                .query(JdbcElectoralMap::constituency).optional();
    }

    @Override
    public List<PollingStation> stations(ConstituencyId constituency) {
        return jdbc.sql("SELECT " + STATION_COLUMNS + " WHERE s.constituency_id = ? ORDER BY s.number")
                .param(constituency.value()).query(JdbcElectoralMap::station).list();
    }

    /**
     * A station by id from the cache; a miss reads the station's whole constituency in one query (its other stations
     * send their protocols in the same hours), so that election night costs one query per constituency, not one
     * per protocol.
     */
    @Override
    public Optional<PollingStation> station(PollingStationId id) {
        PollingStation cached = stations.get(id.value());
        if (cached != null) {
            return Optional.of(cached);
        }
        List<PollingStation> constituency = jdbc.sql("SELECT " + STATION_COLUMNS
                        + " WHERE s.constituency_id = (SELECT constituency_id FROM polling_station WHERE id = ?)")
                .param(id.value()).query(JdbcElectoralMap::station).list();
        // A station read in a map import that rolls back stays cached under an id the sequence never hands out again.
        if (stations.size() + constituency.size() > MAX_CACHED_STATIONS) {
            stations.clear();
        }
        PollingStation found = null;
        for (PollingStation s : constituency) {
            stations.put(s.id().value(), s);
            if (s.id().value() == id.value()) {
                found = s;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Forgets a station now and again when the editing transaction ends (a concurrent reader may reload the old row). */
    public void evict(PollingStationId id) {
        stations.remove(id.value());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    stations.remove(id.value());
                }
            });
        }
    }

    @Override
    public Optional<PollingStation> station(MapVersionId version, String code) {
        return jdbc.sql("SELECT " + STATION_COLUMNS + " WHERE s.map_version_id = ? AND s.code = ?")
                .params(version.value(), code).query(JdbcElectoralMap::station).optional();
    }

    /** From memory while the version's stamp is unchanged (see the class). */
    @Override
    public List<PollingStation> stations(MapVersionId version) {
        return whole(stationsByVersion, version, "SELECT " + STAMP_COLUMNS + STATION_COLUMNS
                + " WHERE s.map_version_id = :version ORDER BY s.constituency_id, s.number", JdbcElectoralMap::station);
    }

    /**
     * A whole version's list: the cached one if the version's stamp, read now in the caller's transaction, is the one
     * it was read with; otherwise read afresh with its stamp in the same statement, and kept. Concurrent misses may
     * both read; the last one kept wins, and either is right for its stamp. An unknown version is an empty list, as is
     * a version without such rows (neither is kept).
     */
    private <T> List<T> whole(VersionCache<T> cache, MapVersionId version, String sql, RowMapper<T> mapper) {
        Stamp now = jdbc.sql("SELECT revision, xmin::text::bigint FROM map_version WHERE id = ?").param(version.value())
                .query((rs, n) -> new Stamp(rs.getLong(1), rs.getLong(2))).optional().orElse(null);
        if (now == null) {
            return List.of();
        }
        Cached<T> cached = cache.get(version.value());
        if (cached != null && cached.stamp().equals(now)) {
            return cached.rows();
        }
        Cached<T> fresh = jdbc.sql(sql).param("version", version.value()).query(rs -> {
            List<T> rows = new ArrayList<>();
            Stamp stamp = null;
            while (rs.next()) {
                if (stamp == null) {
                    stamp = new Stamp(rs.getLong("map_revision"), rs.getLong("map_written_by"));
                }
                rows.add(mapper.mapRow(rs, rows.size()));
            }
            return new Cached<>(stamp, Collections.unmodifiableList(rows));
        });
        if (fresh.stamp() != null) {
            cache.put(version.value(), fresh);
        }
        return fresh.rows();
    }

    @Override
    public List<PollingStation> stationsAbroad(MapVersionId version) {
        return jdbc.sql("SELECT " + STATION_COLUMNS
                        + " WHERE s.map_version_id = ? AND s.host_country IS NOT NULL ORDER BY s.host_country, m.name, s.code")
                .param(version.value()).query(JdbcElectoralMap::station).list();
    }

    @Override
    public MapSummary summary(MapVersionId version) {
        return jdbc.sql("""
                        SELECT (SELECT count(*) FROM region WHERE map_version_id = :v),
                               (SELECT count(*) FROM constituency WHERE map_version_id = :v),
                               count(*), count(host_country), count(DISTINCT host_country),
                               count(*) FILTER (WHERE resettled_area), count(DISTINCT mission_id)
                        FROM polling_station WHERE map_version_id = :v""")
                .param("v", version.value())
                .query((rs, n) -> new MapSummary(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                        rs.getInt(6), rs.getInt(7)))
                .single();
    }

    static PollingStation station(ResultSet rs, int n) throws SQLException {
        BigDecimal lat = rs.getBigDecimal("latitude");
        BigDecimal lon = rs.getBigDecimal("longitude");
        String host = rs.getString("host_country");
        return new PollingStation(new PollingStationId(rs.getLong("id")), new MapVersionId(rs.getLong("map_version_id")),
                new ConstituencyId(rs.getLong("constituency_id")), rs.getString("constituency_code"), rs.getString("code"),
                rs.getInt("number"), rs.getString("name"), rs.getString("address"),
                lat == null ? null : new PollingStation.Coordinates(lat.doubleValue(), lon.doubleValue()),
                (Integer) rs.getObject("capacity"), StationKind.ofCode(rs.getString("kind")), rs.getBoolean("resettled_area"),
                host == null ? null : new PollingStation.Abroad(host, new MissionId(rs.getLong("mission_id")), rs.getString("mission_name")),
                ZoneId.of(rs.getString("time_zone")), rs.getInt("version"));
    }

    private static MapVersion version(ResultSet rs, int n) throws SQLException {
        return new MapVersion(new MapVersionId(rs.getLong("id")), rs.getString("country_code"), rs.getString("name"),
                ZoneId.of(rs.getString("capital_time_zone")), rs.getString("source_sha256"),
                rs.getTimestamp("imported_at").toInstant().atOffset(ZoneOffset.UTC), rs.getString("imported_by"));
    }

    private static Region region(ResultSet rs, int n) throws SQLException {
        return new Region(new RegionId(rs.getLong("id")), new MapVersionId(rs.getLong("map_version_id")), rs.getString("code"),
                rs.getString("name"), rs.getInt("constituencies"), rs.getInt("stations"));
    }

    private static Constituency constituency(ResultSet rs, int n) throws SQLException {
        return new Constituency(new ConstituencyId(rs.getLong("id")), new MapVersionId(rs.getLong("map_version_id")),
                new RegionId(rs.getLong("region_id")), rs.getString("region_name"), rs.getString("code"), rs.getInt("number"),
                rs.getString("name"), rs.getInt("stations"), rs.getInt("abroad"));
    }
}
