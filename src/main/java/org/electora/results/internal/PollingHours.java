package org.electora.results.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

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
