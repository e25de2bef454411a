package org.electora.geography.internal;

import java.util.Optional;
import java.util.Set;

import org.electora.geography.ConstituencyId;
import org.electora.geography.ElectoralMap;
import org.electora.geography.PollingStationId;
import org.electora.platform.Scope;
import org.electora.platform.ScopeTargets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A staff scope on the map names a constituency, polling station or diplomatic mission that exists in some version of
 * the map. Any version, not only the newest: an election keeps the version it was called on, and a later import (a
 * historic map, a boundary change) must not make its operators' scopes unassignable.
 */
@Component
class MapScopeTargets implements ScopeTargets {

    private final ElectoralMap map;
    private final JdbcClient jdbc;

    MapScopeTargets(ElectoralMap map, JdbcClient jdbc) {
        this.map = map;
        this.jdbc = jdbc;
    }

    @Override
    public Set<String> kinds() {
        return Set.of("CONSTITUENCY", "STATION", "MISSION");
    }

    @Override
    public Optional<String> missing(Scope scope) {
        Long id = scope.id();
        boolean exists = id != null && id > 0 && switch (scope) {
            case Scope.Constituency c -> map.constituency(new ConstituencyId(c.constituencyId())).isPresent();
            case Scope.Station s -> map.station(new PollingStationId(s.stationId())).isPresent();
            case Scope.Mission m -> jdbc.sql("SELECT EXISTS (SELECT 1 FROM mission WHERE id = ?)")
                    .param(m.missionId()).query(Boolean.class).single();
            default -> true;
        };
        if (exists) {
            return Optional.empty();
        }
        String what = switch (scope.kind()) {
            case "CONSTITUENCY" -> "constituency";
            case "STATION" -> "polling station";
            default -> "diplomatic mission";
        };
        return Optional.of("no " + what + " " + id + " on the electoral map");
    }
}
