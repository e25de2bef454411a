package org.electora.results.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import org.electora.election.Election;
import org.electora.election.ElectionId;
import org.electora.election.ElectionStatus;
import org.electora.election.ElectionType;
import org.electora.geography.MapVersionId;
import org.electora.platform.Conflict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** Polls close at 19:00 by each station's own clock: the rule at fixed instants, across zones and a DST change. */
class PollingHoursTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");          // UTC+9
    private static final ZoneId BAKU = ZoneId.of("Asia/Baku");            // UTC+4
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York"); // UTC-5, UTC-4 from the 2nd Sunday of March

    private static Election pollingOn(LocalDate day) {
        return new Election(new ElectionId(1), "Test", ElectionType.PRESIDENTIAL, true, day, LocalTime.of(8, 0),
                LocalTime.of(19, 0), new MapVersionId(1), ElectionStatus.POLLING, 1, false);
    }

    private final Election february = pollingOn(LocalDate.of(2024, 2, 7));

    @Test
    void tokyoIsClosedWhileNewYorkOnTheSamePollingDayIsStillOpenAndBakuInBetween() {
        // 10:00 UTC: 19:00 in Tokyo, 14:00 in Baku, 05:00 in New York
        Instant tokyoCloses = Instant.parse("2024-02-07T10:00:00Z");
        assertThat(PollingHours.closed(february, TOKYO, tokyoCloses)).isTrue();
        assertThat(PollingHours.closed(february, TOKYO, tokyoCloses.minusSeconds(1))).isFalse();
        assertThat(PollingHours.closed(february, BAKU, tokyoCloses)).isFalse();
        assertThat(PollingHours.closed(february, NEW_YORK, tokyoCloses)).isFalse();

        // 15:00 UTC: 19:00 in Baku; New York still has five hours to go
        Instant bakuCloses = Instant.parse("2024-02-07T15:00:00Z");
        assertThat(PollingHours.closed(february, BAKU, bakuCloses)).isTrue();
        assertThat(PollingHours.closed(february, BAKU, bakuCloses.minusSeconds(1))).isFalse();
        assertThat(PollingHours.closed(february, NEW_YORK, bakuCloses)).isFalse();

        // 00:00 UTC the next day: 19:00 EST in New York
        Instant newYorkCloses = Instant.parse("2024-02-08T00:00:00Z");
        assertThat(PollingHours.closed(february, NEW_YORK, newYorkCloses.minusSeconds(1))).isFalse();
        assertThat(PollingHours.closed(february, NEW_YORK, newYorkCloses)).isTrue();
    }

    @Test
    void aMarchPollingDayAfterTheUsClockChangeClosesNewYorkAnHourEarlierInUtc() {
        // 2024-03-10 is the day New York moves to EDT (UTC-4): 19:00 local is 23:00 UTC, not 00:00 UTC
        Election dstDay = pollingOn(LocalDate.of(2024, 3, 10));
        assertThat(PollingHours.closed(dstDay, NEW_YORK, Instant.parse("2024-03-10T22:59:59Z"))).isFalse();
        assertThat(PollingHours.closed(dstDay, NEW_YORK, Instant.parse("2024-03-10T23:00:00Z"))).isTrue();
        // the day before, still EST: 19:00 local is 00:00 UTC
        Election dayBefore = pollingOn(LocalDate.of(2024, 3, 9));
        assertThat(PollingHours.closed(dayBefore, NEW_YORK, Instant.parse("2024-03-09T23:00:00Z"))).isFalse();
        assertThat(PollingHours.closed(dayBefore, NEW_YORK, Instant.parse("2024-03-10T00:00:00Z"))).isTrue();
        // Baku and Tokyo keep no summer time: unchanged
        assertThat(PollingHours.closed(dstDay, BAKU, Instant.parse("2024-03-10T15:00:00Z"))).isTrue();
        assertThat(PollingHours.closed(dstDay, TOKYO, Instant.parse("2024-03-10T09:59:59Z"))).isFalse();
    }

    @Test
    void anOpenStationIsRefusedWithRes005NamingItsLocalClosingTime() {
        Instant now = Instant.parse("2024-02-07T12:00:00Z");
        assertThatThrownBy(() -> PollingHours.requireClosed(february, NEW_YORK, "A-US-1", now))
                .isInstanceOfSatisfying(Conflict.class, c -> {
                    assertThat(c.ruleCode()).isEqualTo("RES-005");
                    assertThat(c.getMessage()).contains("A-US-1", "2024-02-07 19:00 America/New_York", "2024-02-08T00:00:00Z");
                });
        assertThatNoException().isThrownBy(() -> PollingHours.requireClosed(february, TOKYO, "A-JP-1", now));
    }
}
