package org.electora.election;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Objects;

import org.electora.geography.MapVersionId;

/**
 * An election on one version of the electoral map. Polls open and close at {@code pollsOpen}/{@code pollsClose}
 * <em>local time of each station</em> on {@code pollingDay}: a station abroad closes by its own clock.
 * {@code historic}: entered for comparison (a historic import), never the default election of a page while another
 * exists ({@link Elections#current}, {@link Elections#choose}).
 */
public record Election(ElectionId id, String name, ElectionType type, boolean extraordinary, LocalDate pollingDay,
                       LocalTime pollsOpen, LocalTime pollsClose, MapVersionId mapVersionId, ElectionStatus status,
                       int version, boolean historic) {

    public Election {
        Objects.requireNonNull(id);
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        Objects.requireNonNull(pollingDay);
        Objects.requireNonNull(pollsOpen);
        Objects.requireNonNull(pollsClose);
        Objects.requireNonNull(mapVersionId);
        Objects.requireNonNull(status);
        if (!pollsClose.isAfter(pollsOpen)) {
            throw new IllegalArgumentException("polls must close after they open");
        }
    }

    /** When polls open at a station in {@code zone}. */
    public ZonedDateTime opensAt(ZoneId zone) {
        return pollingDay.atTime(pollsOpen).atZone(zone);
    }

    /** When polls close at a station in {@code zone}. */
    public ZonedDateTime closesAt(ZoneId zone) {
        return pollingDay.atTime(pollsClose).atZone(zone);
    }

    /**
     * When polls have closed at every station of {@code stationZones} (the time zones of the map's stations): the
     * latest of their closings — abroad west of the capital, hours after it. {@code capital}'s closing when there is
     * no station.
     */
    public Instant closedEverywhere(Collection<ZoneId> stationZones, ZoneId capital) {
        return stationZones.stream().map(zone -> closesAt(zone).toInstant()).max(Instant::compareTo)
                .orElseGet(() -> closesAt(capital).toInstant());
    }
}
