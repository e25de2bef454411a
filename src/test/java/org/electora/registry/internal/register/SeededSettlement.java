package org.electora.registry.internal.register;

import java.util.List;

import org.electora.platform.CurrentStaff;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A settlement of a map's register reference, for tests that import voters living there. */
record SeededSettlement(String region, String name) {

    /** Seeds the map's settlements (once per map) and returns the first by region and name. */
    static SeededSettlement first(RegisterReference reference, JdbcClient jdbc, long mapVersionId) {
        CurrentStaff.runAsSystem(() -> {
            reference.seedSettlements(mapVersionId);
            return null;
        });
        List<String> first = jdbc.sql("SELECT region, name FROM register_settlement WHERE map_version_id = ? ORDER BY region, name LIMIT 1")
                .param(mapVersionId).query((rs, i) -> List.of(rs.getString(1), rs.getString(2))).single();
        return new SeededSettlement(first.get(0), first.get(1));
    }
}
