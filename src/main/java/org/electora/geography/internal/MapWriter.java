package org.electora.geography.internal;

import java.sql.Types;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.electora.geography.MapVersionId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Writes a validated map as a new version: one statement per level, batched. */
@Repository
class MapWriter {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    MapWriter(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** A new version, written whole in the caller's transaction; its revision starts at 0 (see {@link StationEdits}). */
    MapVersionId write(String country, String name, ZoneId capital, String sha256, String actor, MapCsv.ParsedMap map) {
        long version = jdbc.sql("""
                        INSERT INTO map_version (country_code, name, capital_time_zone, source_sha256, imported_by)
                        VALUES (?, ?, ?, ?, ?) RETURNING id""")
                .params(country, name, capital.getId(), sha256, actor).query(Long.class).single();

        template.batchUpdate("INSERT INTO region (map_version_id, code, name) VALUES (?, ?, ?)",
                map.regions().stream().map(r -> new Object[]{version, r.code(), r.name()}).toList());
        Map<String, Long> regionIds = ids("region", version);

        template.batchUpdate("INSERT INTO constituency (map_version_id, region_id, code, number, name) VALUES (?, ?, ?, ?, ?)",
                map.constituencies().stream().map(c -> new Object[]{version, regionIds.get(c.regionCode()), c.code(),
                        c.number(), c.name()}).toList());
        Map<String, Long> constituencyIds = ids("constituency", version);

        Map<String, String> missions = new LinkedHashMap<>();
        map.stations().stream().filter(MapCsv.StationRow::abroad).forEach(s -> missions.putIfAbsent(s.mission(), s.hostCountry()));
        template.batchUpdate("INSERT INTO mission (map_version_id, name, host_country) VALUES (?, ?, ?)",
                missions.entrySet().stream().map(m -> new Object[]{version, m.getKey(), m.getValue()}).toList());
        Map<String, Long> missionIds = new HashMap<>();
        jdbc.sql("SELECT name, id FROM mission WHERE map_version_id = ?").param(version)
                .query(rs -> { missionIds.put(rs.getString(1), rs.getLong(2)); });

        List<Object[]> stations = new ArrayList<>(map.stations().size());
        for (MapCsv.StationRow s : map.stations()) {
            stations.add(new Object[]{version, constituencyIds.get(s.constituencyCode()), s.code(), s.number(), s.name(),
                    s.address(), new SqlParameterValue(Types.NUMERIC, s.latitude()), new SqlParameterValue(Types.NUMERIC, s.longitude()),
                    new SqlParameterValue(Types.INTEGER, s.capacity()), s.kind().code(), s.resettledArea(), s.hostCountry(),
                    new SqlParameterValue(Types.BIGINT, s.mission() == null ? null : missionIds.get(s.mission())), s.timeZone()});
        }
        template.batchUpdate("""
                INSERT INTO polling_station (map_version_id, constituency_id, code, number, name, address, latitude, longitude,
                                             capacity, kind, resettled_area, host_country, mission_id, time_zone)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", stations);
        return new MapVersionId(version);
    }

    private Map<String, Long> ids(String table, long version) {
        Map<String, Long> ids = new HashMap<>();
        // table is one of two constants above, never user input
        jdbc.sql("SELECT code, id FROM " + table + " WHERE map_version_id = ?").param(version)
                .query(rs -> { ids.put(rs.getString(1), rs.getLong(2)); });
        return ids;
    }
}
