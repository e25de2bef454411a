package org.electora.geography;

import java.util.List;
import java.util.Optional;

/** Reads the electoral map. Public information: no personal data lives here. */
public interface ElectoralMap {

    List<MapVersion> versions();

    Optional<MapVersion> version(MapVersionId id);

    List<Region> regions(MapVersionId version);

    Optional<Region> region(RegionId id);

    List<Constituency> constituencies(RegionId region);

    List<Constituency> constituencies(MapVersionId version);

    Optional<Constituency> constituency(ConstituencyId id);

    List<PollingStation> stations(ConstituencyId constituency);

    /** Every station of a map version, ordered by constituency id, then number (one query for the whole map). */
    List<PollingStation> stations(MapVersionId version);

    Optional<PollingStation> station(PollingStationId id);

    Optional<PollingStation> station(MapVersionId version, String code);

    /** Stations abroad, ordered by host country, then mission and number. */
    List<PollingStation> stationsAbroad(MapVersionId version);

    MapSummary summary(MapVersionId version);

    /** Counts an official announces: stations at home, abroad, in resettled areas, countries hosting stations. */
    record MapSummary(int regions, int constituencies, int stations, int stationsAbroad, int countriesAbroad,
                      int resettledAreaStations, int missions) {
    }
}
