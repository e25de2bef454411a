package org.electora.registry.internal.register;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

import org.electora.election.Election;
import org.electora.election.ElectionId;
import org.electora.election.ElectionStatus;
import org.electora.election.ElectionType;
import org.electora.geography.MapVersionId;
import org.electora.platform.Conflict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The time rule of polling-day additions at fixed instants: the station's own clock, polling day, before polls close. */
class PollingDayWindowTest {

    private static final ZoneId BAKU = ZoneId.of("Asia/Baku");          // UTC+4
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York"); // UTC-5 in March
    private static final LocalDate DAY = LocalDate.of(2026, 3, 8);

    private static Election election(ElectionStatus status) {
        return new Election(new ElectionId(1), "Test", ElectionType.PRESIDENTIAL, false, DAY, LocalTime.of(8, 0),
                LocalTime.of(19, 0), new MapVersionId(1), status, 0, false);
    }

    private static Optional<String> rule(ElectionStatus status, ZoneId zone, String instant) {
        return PollingDayAdditions.refusal(election(status), zone, "S-1", Instant.parse(instant)).map(Conflict::ruleCode);
    }

    @Test
    void aStationAddsFromTheStartOfItsPollingDayUntilItsPollsClose() {
        assertThat(rule(ElectionStatus.POLLING, BAKU, "2026-03-07T20:00:00Z")).isEmpty();   // 00:00 on polling day in Baku
        assertThat(rule(ElectionStatus.POLLING, BAKU, "2026-03-08T14:59:59Z")).isEmpty();   // 18:59:59
        assertThat(rule(ElectionStatus.POLLING, BAKU, "2026-03-08T15:00:00Z")).contains("REG-143"); // 19:00: closed
        assertThat(rule(ElectionStatus.POLLING, BAKU, "2026-03-07T19:59:59Z")).contains("REG-142"); // the day before
    }

    @Test
    void aStationAbroadGoesByItsOwnClockNotTheCapitals() {
        // 20:00 UTC: 00:00 next day in Baku (closed at 15:00 UTC), 15:00 in New York (open)
        assertThat(rule(ElectionStatus.POLLING, BAKU, "2026-03-08T20:00:00Z")).contains("REG-143");
        assertThat(rule(ElectionStatus.POLLING, NEW_YORK, "2026-03-08T20:00:00Z")).isEmpty();
        // 03:00 UTC on polling day: already polling day in Baku, still the day before in New York
        assertThat(rule(ElectionStatus.POLLING, BAKU, "2026-03-08T03:00:00Z")).isEmpty();
        assertThat(rule(ElectionStatus.POLLING, NEW_YORK, "2026-03-08T03:00:00Z")).contains("REG-142");
        // a day later everywhere
        assertThat(rule(ElectionStatus.POLLING, NEW_YORK, "2026-03-09T12:00:00Z")).contains("REG-143");
    }

    @ParameterizedTest
    @EnumSource(value = ElectionStatus.class, names = "POLLING", mode = EnumSource.Mode.EXCLUDE)
    void anElectionThatIsNotPollingTakesNoAdditionEvenOnPollingDay(ElectionStatus status) {
        assertThat(rule(status, BAKU, "2026-03-08T08:00:00Z")).contains("REG-141");
    }
}
