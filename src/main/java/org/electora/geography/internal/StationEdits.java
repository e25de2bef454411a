package org.electora.geography.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.electora.audit.AuditLog;
import org.electora.geography.PollingStation;
import org.electora.geography.PollingStationId;
import org.electora.platform.Conflict;
import org.electora.platform.CurrentStaff;
import org.electora.platform.InvalidInput;
import org.electora.platform.NotFound;
import org.electora.platform.Problem;
import org.electora.platform.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Corrections to a station's practical details (name, address, coordinates, capacity) by staff whose scope covers
 * it. Optimistic concurrency: the caller states the version it read.
 */
@Service
class StationEdits {

    record Edit(String name, String address, BigDecimal latitude, BigDecimal longitude, Integer capacity, int version) {

        private static final BigDecimal LATITUDE = BigDecimal.valueOf(90);
        private static final BigDecimal LONGITUDE = BigDecimal.valueOf(180);

        /** The map CSV's rules for the same fields, with its codes (GEO-007 coordinates, GEO-008 capacity). */
        List<Problem> problems() {
            List<Problem> problems = new ArrayList<>();
            if ((latitude == null) != (longitude == null)) {
                problems.add(Problem.at(0, "GEO-007", latitude == null ? "latitude" : "longitude",
                        "give both latitude and longitude, or neither"));
            }
            if (latitude != null && latitude.abs().compareTo(LATITUDE) > 0) {
                problems.add(Problem.at(0, "GEO-007", "latitude", "latitude " + shown(latitude) + " is outside -90..90"));
            }
            if (longitude != null && longitude.abs().compareTo(LONGITUDE) > 0) {
                problems.add(Problem.at(0, "GEO-007", "longitude", "longitude " + shown(longitude) + " is outside -180..180"));
            }
            if (capacity != null && capacity <= 0) {
                problems.add(Problem.at(0, "GEO-008", "capacity", "capacity must be a positive whole number, not " + capacity));
            }
            return problems;
        }

        /** A number as given, but not a thousand digits of it back in the answer. */
        private static String shown(BigDecimal value) {
            String text = value.toString();
            return text.length() <= 24 ? text : text.substring(0, 20) + "…";
        }
    }

    private final JdbcElectoralMap map;
    private final JdbcClient jdbc;
    private final AuditLog audit;

    StationEdits(JdbcElectoralMap map, JdbcClient jdbc, AuditLog audit) {
        this.map = map;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** A station as its staff see it; outside the caller's scope it is refused, not filtered. */
    @Transactional(readOnly = true)
    PollingStation read(PollingStationId id) {
        PollingStation station = map.station(id).orElseThrow(() -> new NotFound("No polling station " + id));
        CurrentStaff.requireScope(station.jurisdiction());
        return station;
    }

    @Transactional
    PollingStation edit(PollingStationId id, Edit edit) {
        PollingStation before = read(id);
        Role role = CurrentStaff.require().role();
        if (role != Role.CEC_ADMIN && role != Role.CONSTITUENCY_OPERATOR && role != Role.CONSULAR_OFFICER
                && role != Role.PRECINCT_OPERATOR) {
            throw new org.electora.platform.AccessDenied("Your role may not edit polling stations");
        }
        List<Problem> problems = edit.problems();
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        int updated = jdbc.sql("""
                        UPDATE polling_station SET name = ?, address = ?, latitude = ?, longitude = ?, capacity = ?,
                               version = version + 1
                        WHERE id = ? AND version = ?""")
                .params(edit.name(), edit.address(), edit.latitude(), edit.longitude(), edit.capacity(), id.value(), edit.version())
                .update();
        if (updated == 0) {
            throw new Conflict("GEO-409", "Station " + before.code() + " was changed by someone else (version "
                    + before.version() + "); reload and try again");
        }
        // Whole-version reads are cached against the version's revision (JdbcElectoralMap): bumped in this transaction,
        // so that any snapshot that sees this edit also sees a new revision. Also locks the version's row: edits of
        // one map version commit one after another, each with its own revision.
        jdbc.sql("UPDATE map_version SET revision = revision + 1 WHERE id = ?").param(before.mapVersionId().value()).update();
        map.evict(id);
        PollingStation after = map.station(id).orElseThrow();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("code", before.code());
        payload.put("before", Map.of("name", before.name(), "address", before.address(), "version", before.version()));
        payload.put("after", Map.of("name", after.name(), "address", after.address(), "version", after.version()));
        audit.record("station.edited", "station:" + id, payload);
        return after;
    }
}
