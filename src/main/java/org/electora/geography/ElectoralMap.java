package org.electora.geography;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.electora.platform.AccessDenied;
import org.electora.platform.Scope;

/** Reads the electoral map. Public information: no personal data lives here. */
public interface ElectoralMap {

    List<MapVersion> versions();

    Optional<MapVersion> version(MapVersionId id);

    /** Where a map version's national times are told; UTC for a version that does not exist. */
    default ZoneId capitalZone(MapVersionId id) {
        return version(id).map(MapVersion::capitalZone).orElse(ZoneOffset.UTC);
    }

    List<Region> regions(MapVersionId version);

    Optional<Region> region(RegionId id);

    List<Constituency> constituencies(RegionId region);

    List<Constituency> constituencies(MapVersionId version);

    Optional<Constituency> constituency(ConstituencyId id);

    List<PollingStation> stations(ConstituencyId constituency);

    /** Every station of a map version, ordered by constituency id, then number (one query for the whole map). */
    List<PollingStation> stations(MapVersionId version);

    /** The time zones of a map version's stations: polls close by each of these clocks. */
    default Set<ZoneId> stationZones(MapVersionId version) {
        return stations(version).stream().map(PollingStation::timeZone).collect(Collectors.toSet());
    }

    Optional<PollingStation> station(PollingStationId id);

    Optional<PollingStation> station(MapVersionId version, String code);

    /**
     * The stations of a map version that a staff scope covers: a constituency's, one station, a mission's stations
     * abroad; for a national scope those of {@code constituency} (none when it is null). An organisation's scope
     * covers no station.
     */
    default List<PollingStation> stationsInScope(MapVersionId version, Scope scope, Long constituency) {
        List<PollingStation> stations = switch (scope) {
            case Scope.National n -> constituency == null ? List.of() : stations(new ConstituencyId(constituency));
            case Scope.Constituency c -> stations(new ConstituencyId(c.constituencyId()));
            case Scope.Station s -> station(new PollingStationId(s.stationId())).stream().toList();
            case Scope.Mission m -> stationsAbroad(version).stream()
                    .filter(s -> s.abroad().missionId().value() == m.missionId()).toList();
            case Scope.Organisation o ->
                    throw new AccessDenied("Your scope covers no polling station");
        };
        return stations.stream().filter(s -> s.mapVersionId().equals(version)).toList();
    }

    /** Stations abroad, ordered by host country, then mission and number. */
    List<PollingStation> stationsAbroad(MapVersionId version);

    MapSummary summary(MapVersionId version);

    /** Counts an official announces: stations at home, abroad, in resettled areas, countries hosting stations. */
    record MapSummary(int regions, int constituencies, int stations, int stationsAbroad, int countriesAbroad,
                      int resettledAreaStations, int missions) {
    }
}
