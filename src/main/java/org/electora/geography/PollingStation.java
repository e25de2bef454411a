package org.electora.geography;

import java.time.ZoneId;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.electora.platform.Jurisdiction;

/**
 * A polling station. {@code abroad} is present for stations at embassies and consulates; their constituency is the
 * domestic constituency they are attached to. {@code timeZone} is the station's own: polls open and close by it.
 */
public record PollingStation(PollingStationId id, MapVersionId mapVersionId, ConstituencyId constituencyId,
                             String constituencyCode, String code, int number, String name, String address,
                             Coordinates coordinates, Integer capacity, StationKind kind, boolean resettledArea,
                             Abroad abroad, ZoneId timeZone, int version) {

    public PollingStation {
        Objects.requireNonNull(id);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(timeZone);
    }

    @JsonIgnore
    public boolean isAbroad() {
        return abroad != null;
    }

    @JsonIgnore
    public Jurisdiction jurisdiction() {
        return Jurisdiction.ofStation(constituencyId.value(), id.value(), abroad == null ? null : abroad.missionId().value());
    }

    /** WGS 84 degrees. */
    public record Coordinates(double latitude, double longitude) {
        public Coordinates {
            if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) {
                throw new IllegalArgumentException("coordinates out of range: " + latitude + ", " + longitude);
            }
        }
    }

    /** Where a station abroad is: host country (ISO 3166-1 alpha-2) and the mission that runs it. */
    public record Abroad(String hostCountry, MissionId missionId, String missionName) {
    }
}
