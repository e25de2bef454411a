package org.electora.platform;

/**
 * Where a piece of data belongs on the map: the constituency that owns it, and where it is a polling station's,
 * the station and (abroad) the diplomatic mission. Scopes are checked against it.
 */
public record Jurisdiction(long constituencyId, Long stationId, Long missionId) {

    public static Jurisdiction ofConstituency(long constituencyId) {
        return new Jurisdiction(constituencyId, null, null);
    }

    public static Jurisdiction ofStation(long constituencyId, long stationId, Long missionId) {
        return new Jurisdiction(constituencyId, stationId, missionId);
    }
}
