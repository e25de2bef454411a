package org.electora.demo.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.electora.election.CheckReport;
import org.electora.election.ProtocolTemplates;
import org.electora.election.ProtocolValues;
import org.electora.election.RelationLevel;
import org.electora.election.Violation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rehearsal's clock and numbers: polls close at one local time everywhere, chosen so that the westernmost zone
 * closes ten minutes from now and every zone east of it has closed already (also across midnight); its protocols
 * balance under the CIS template except the planted ones, which break CIS-02, and the same station gets the same
 * numbers on every run.
 */
class RehearsalNightTest {

    private static final ZoneId BAKU = ZoneId.of("Asia/Baku");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final List<ZoneId> ZONES = List.of(BAKU, NEW_YORK, TOKYO);

    private static Instant closes(RehearsalNight.Hours hours, ZoneId zone) {
        return hours.pollingDay().atTime(hours.close()).atZone(zone).toInstant();
    }

    @Test
    void theWesternmostZoneClosesTenMinutesFromNowAndEveryOtherHasClosed() {
        Instant now = Instant.parse("2026-11-28T20:00:30Z"); // 15:00:30 in New York
        RehearsalNight.Hours hours = RehearsalNight.Hours.closingLastIn(ZONES, now, Duration.ofMinutes(10));

        assertThat(hours).isEqualTo(new RehearsalNight.Hours(LocalDate.of(2026, 11, 28), LocalTime.of(4, 11),
                LocalTime.of(15, 11)));
        assertThat(closes(hours, NEW_YORK)).isAfter(now.plus(Duration.ofMinutes(10)))
                .isBeforeOrEqualTo(now.plus(Duration.ofMinutes(11)));
        assertThat(closes(hours, BAKU)).isBefore(now);
        assertThat(closes(hours, TOKYO)).isBefore(now);
    }

    @Test
    void nearMidnightThePollingDayIsTheWesternmostZonesNextDayAndPollsOpenAtMidnight() {
        Instant now = Instant.parse("2026-11-29T04:49:40Z"); // 23:49:40 in New York: + 10 min is 23:59:40
        RehearsalNight.Hours hours = RehearsalNight.Hours.closingLastIn(ZONES, now, Duration.ofMinutes(10));

        assertThat(hours).isEqualTo(new RehearsalNight.Hours(LocalDate.of(2026, 11, 29), LocalTime.MIDNIGHT,
                LocalTime.of(0, 1)));
        assertThat(closes(hours, NEW_YORK)).isAfter(now.plus(Duration.ofMinutes(10)));
        assertThat(closes(hours, BAKU)).isBefore(now);

        RehearsalNight.Hours morning = RehearsalNight.Hours.closingLastIn(ZONES, Instant.parse("2026-11-28T12:00:00Z"),
                Duration.ofMinutes(10));
        assertThat(morning).isEqualTo(new RehearsalNight.Hours(LocalDate.of(2026, 11, 28), LocalTime.MIDNIGHT,
                LocalTime.of(7, 11)));
    }

    @Test
    void everyProtocolBalancesButThePlantedOnesAndTheSameStationGetsTheSameNumbers() {
        List<Integer> ballotOrders = List.of(1, 2, 3, 4, 5, 6, 7);
        int broken = 0;
        int silent = 0;
        for (long station = 1; station <= 20_000; station++) {
            RehearsalNight.Generated p = RehearsalNight.protocol(station, station % 50 == 0, ballotOrders);
            assertThat(RehearsalNight.protocol(station, station % 50 == 0, ballotOrders)).isEqualTo(p);
            assertThat(p.votes().keySet()).containsExactlyElementsOf(ballotOrders);
            assertThat(p.votes().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(p.lines().get(10));
            Map<String, Long> votes = new HashMap<>();
            p.votes().forEach((order, n) -> votes.put(Integer.toString(order), n));
            CheckReport report = ProtocolTemplates.cisPresidential().check(new ProtocolValues(p.lines(), votes));
            if (p.broken()) {
                broken++;
                assertThat(report.hardViolations()).extracting(Violation::ruleCode).contains("CIS-02");
            } else {
                assertThat(report.violations()).as("station %d: %s", station, p).isEmpty();
            }
            if (p.silent()) {
                silent++;
                assertThat(p.broken()).isFalse();
            }
            assertThat(report.violations()).noneMatch(v -> v.level() == RelationLevel.HARD && !p.broken());
        }
        // One in 200 planted, one in 300 silent (a seeded generator: the same counts on every run).
        assertThat(broken).isBetween(60, 140);
        assertThat(silent).isBetween(40, 100);
    }
}
