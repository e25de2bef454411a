package org.electora.platform;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Times on the pages: the 24-hour clock in every language, and a date only where it is another day. */
class UiTimesTest {

    private static Ui ui(String language) {
        return new Ui(null, Locale.forLanguageTag(language), Optional.empty(), "_csrf", "", "/", null);
    }

    private static final ZonedDateTime MORNING_AFTER = ZonedDateTime.of(2026, 11, 29, 7, 5, 0, 0, ZoneId.of("Asia/Baku"));

    @Test
    void dateAndTimeUseThe24HourClockInEveryLanguage() {
        assertThat(ui("en").dateTime(MORNING_AFTER)).isEqualTo("Nov 29, 2026, 07:05");
        assertThat(ui("en").dateTime(MORNING_AFTER.withHour(19))).isEqualTo("Nov 29, 2026, 19:05").doesNotContain("PM");
        assertThat(ui("ru").dateTime(MORNING_AFTER)).endsWith(", 07:05").contains("2026");
    }

    @Test
    void aMomentIsShownInTheCapitalsTimeWithItsOffset() {
        var committed = java.time.OffsetDateTime.parse("2026-11-28T13:15:21Z");
        assertThat(ui("en").instant(committed, ZoneId.of("Asia/Baku"))).isEqualTo("Nov 28, 2026, 17:15:21 UTC+04:00");
        assertThat(ui("en").instant(committed)).isEqualTo("Nov 28, 2026, 13:15:21 UTC+00:00");
    }

    @Test
    void aTimeOfThePollingDayNamesItsDateOnlyWhenItFallsOnAnotherDay() {
        LocalDate pollingDay = LocalDate.of(2026, 11, 28);
        assertThat(ui("en").timeOn(MORNING_AFTER, pollingDay)).isEqualTo("07:05, Nov 29, 2026");
        assertThat(ui("en").timeOn(MORNING_AFTER.minusDays(1), pollingDay)).isEqualTo("07:05");
    }
}
