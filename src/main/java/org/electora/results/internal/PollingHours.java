package org.electora.results.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

import org.electora.election.Election;
import org.electora.platform.Conflict;

/**
 * No protocol before a station's polls close, by the station's own clock: a station abroad closes at 19:00 in its
 * own zone, not the capital's. Pure, so the rule can be tested at fixed instants.
 */
final class PollingHours {

    static final String POLLS_OPEN = "RES-005";

    private PollingHours() {
    }

    /**
     * When polls close at the stations of one election, each instant computed once per time zone however many
     * stations share it: a page over the 97,699 stations of the 2018 election asks for a few dozen zones.
     */
    static final class Closings {

        private final Election election;
        private final Map<ZoneId, Instant> byZone = new HashMap<>();

        Closings(Election election) {
            this.election = election;
        }

        Instant at(ZoneId stationZone) {
            return byZone.computeIfAbsent(stationZone, zone -> election.closesAt(zone).toInstant());
        }

        /** The closing time in the station's own zone, to show it. */
        ZonedDateTime local(ZoneId stationZone) {
            return at(stationZone).atZone(stationZone);
        }

        boolean closed(ZoneId stationZone, Instant now) {
            return !now.isBefore(at(stationZone));
        }

        Closing closing(ZoneId stationZone, ZoneId capital, Instant now) {
            return new Closing(local(stationZone), at(stationZone).atZone(capital), closed(stationZone, now));
        }
    }

    static boolean closed(Election election, ZoneId stationZone, Instant now) {
        return !now.isBefore(election.closesAt(stationZone).toInstant());
    }

    static void requireClosed(Election election, ZoneId stationZone, String stationCode, Instant now) {
        if (!closed(election, stationZone, now)) {
            ZonedDateTime closes = election.closesAt(stationZone);
            throw new Conflict(POLLS_OPEN, "Polls at station " + stationCode + " close at "
                    + closes.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")) + " " + stationZone.getId()
                    + " (" + closes.toInstant() + "); no protocol before then");
        }
    }
}
