package org.electora.geography;

public record Constituency(ConstituencyId id, MapVersionId mapVersionId, RegionId regionId, String regionName,
                           String code, int number, String name, int stations, int stationsAbroad) {
}
