package org.electora.registry.internal.register;

import java.time.LocalDate;

import org.electora.election.Election;
import org.electora.election.Elections;
import org.electora.geography.ElectoralMap;
import org.electora.geography.MapVersion;
import org.electora.platform.InvalidInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What an import checks against: the map of the current election (its settlements) and its polling day (voters
 * must be 18 by then). Without an election: the latest map and today.
 */
@Component
class RegisterReference {

    record Reference(Long electionId, long mapVersionId, LocalDate ageReferenceDay) {
    }

    private final Elections elections;
    private final ElectoralMap map;
    private final JdbcClient jdbc;

    RegisterReference(Elections elections, ElectoralMap map, JdbcClient jdbc) {
        this.elections = elections;
        this.map = map;
        this.jdbc = jdbc;
    }

    Reference current() {
        Reference ref = elections.current()
                .map(e -> new Reference(e.id().value(), e.mapVersionId().value(), e.pollingDay()))
                .orElseGet(() -> {
                    MapVersion latest = map.versions().stream()
                            .max(java.util.Comparator.comparing(v -> v.id().value()))
                            .orElseThrow(() -> new InvalidInput("REG-020", "no electoral map yet: import a map first"));
                    return new Reference(null, latest.id().value(), LocalDate.now(latest.capitalZone()));
                });
        seedSettlements(ref.mapVersionId());
        return ref;
    }

    Election requireElection(long electionId) {
        return elections.byId(new org.electora.election.ElectionId(electionId))
                .orElseThrow(() -> new org.electora.platform.NotFound("No election " + electionId));
    }

    /** The settlements named in the addresses of the map's domestic stations ("17 Nizami street, Khazarabad"). */
    void seedSettlements(long mapVersionId) {
        jdbc.sql("""
                INSERT INTO register_settlement (map_version_id, region, name)
                SELECT DISTINCT ps.map_version_id, r.code, btrim(substring(ps.address FROM ',([^,]+)$'))
                FROM polling_station ps
                JOIN constituency c ON c.id = ps.constituency_id
                JOIN region r ON r.id = c.region_id
                WHERE ps.map_version_id = ? AND ps.host_country IS NULL AND ps.address LIKE '%,%'
                ON CONFLICT DO NOTHING""").param(mapVersionId).update();
    }
}
