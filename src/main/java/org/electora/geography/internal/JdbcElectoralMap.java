package org.electora.geography.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The map as read from the database. Every read is one statement, so none opens a transaction of its own (a caller's
 * transaction is joined); and the bean is not proxied at all, because {@link #station(PollingStationId)} is called
 * for every protocol of election night and most calls are answered from memory.
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
     * published snapshot.
     */
    @Override
    public List<Region> regions(MapVersionId version) {
        return jdbc.sql("""
                        WITH c AS (SELECT region_id, count(*) AS n FROM constituency WHERE map_version_id = :version
                                   GROUP BY region_id),
                             s AS (SELECT c.region_id, count(*) AS n
                                   FROM polling_station s JOIN constituency c ON c.id = s.constituency_id
                                   WHERE s.map_version_id = :version AND s.host_country IS NULL GROUP BY c.region_id)
                        SELECT r.id, r.map_version_id, r.code, r.name, coalesce(c.n, 0) AS constituencies,
                               coalesce(s.n, 0) AS stations
                        FROM region r LEFT JOIN c ON c.region_id = r.id LEFT JOIN s ON s.region_id = r.id
                        WHERE r.map_version_id = :version ORDER BY r.code""")
                .param("version", version.value()).query(JdbcElectoralMap::region).list();
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

    /** A whole map's constituencies with their station counts in one pass (see {@link #regions(MapVersionId)}). */
    @Override
    public List<Constituency> constituencies(MapVersionId version) {
        return jdbc.sql("""
                        WITH s AS (SELECT constituency_id, count(*) AS stations,
                                          count(*) FILTER (WHERE host_country IS NOT NULL) AS abroad
                                   FROM polling_station WHERE map_version_id = :version GROUP BY constituency_id)
                        SELECT c.id, c.map_version_id, c.region_id, r.name AS region_name, c.code, c.number, c.name,
                               coalesce(s.stations, 0) AS stations, coalesce(s.abroad, 0) AS abroad
                        FROM constituency c JOIN region r ON r.id = c.region_id LEFT JOIN s ON s.constituency_id = c.id
                        WHERE c.map_version_id = :version ORDER BY c.number""")
                .param("version", version.value()).query(JdbcElectoralMap::constituency).list();
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

    @Override
    public List<PollingStation> stations(MapVersionId version) {
        return jdbc.sql("SELECT " + STATION_COLUMNS + " WHERE s.map_version_id = ? ORDER BY s.constituency_id, s.number")
                .param(version.value()).query(JdbcElectoralMap::station).list();
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
