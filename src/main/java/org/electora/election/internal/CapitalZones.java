package org.electora.election.internal;

import java.time.ZoneId;

import org.electora.election.Election;
import org.electora.geography.ElectoralMap;
import org.electora.geography.MapVersion;
import org.springframework.stereotype.Component;

/** National times (calendar deadlines, "polls close abroad") are told in the capital's zone of the election's map. */
@Component
class CapitalZones {

    private final ElectoralMap map;

    CapitalZones(ElectoralMap map) {
        this.map = map;
    }

    ZoneId of(Election election) {
        return map.version(election.mapVersionId()).map(MapVersion::capitalZone)
                .orElseThrow(() -> new IllegalStateException("election " + election.id() + " has no map version"));
    }
}
