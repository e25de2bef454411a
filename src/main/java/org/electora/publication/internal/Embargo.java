package org.electora.publication.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.electora.election.Election;
import org.electora.geography.ElectoralMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Nothing is public before polls have closed at every station of the election's map (the last are abroad, in the
 * Americas, by their own clocks) plus {@code electora.publication.embargo}.
 */
@Component
class Embargo {

    private record Key(long electionId, int version) {
    }

    private final ElectoralMap map;
    private final Clock clock;
    private final Duration extra;
    private final Map<Key, Instant> lastClose = new ConcurrentHashMap<>();

    Embargo(ElectoralMap map, Clock clock, @Value("${electora.publication.embargo:0s}") Duration extra) {
        this.map = map;
        this.clock = clock;
        this.extra = extra;
    }

    /** When the last station of the map closes (cached per election version: polling hours change only by a new version). */
    Instant pollsClosed(Election election) {
        return lastClose.computeIfAbsent(new Key(election.id().value(), election.version()), k -> election.closedEverywhere(
                map.stationZones(election.mapVersionId()), map.capitalZone(election.mapVersionId())));
    }

    Instant liftsAt(Election election) {
        return pollsClosed(election).plus(extra);
    }

    boolean lifted(Election election) {
        return !clock.instant().isBefore(liftsAt(election));
    }
}
