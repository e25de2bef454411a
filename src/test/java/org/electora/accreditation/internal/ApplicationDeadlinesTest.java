package org.electora.accreditation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.electora.accreditation.ApplicationCategory;
import org.electora.election.ElectionId;
import org.junit.jupiter.api.Test;

/** "Closes N days before polling day", at midnight in the commission's zone. */
class ApplicationDeadlinesTest {

    private static final ZoneId BAKU = ZoneId.of("Asia/Baku");
    private static final LocalDate POLLING_DAY = LocalDate.of(2026, 2, 11);

    @Test
    void observersMayApplyUntilMidnightInBakuOfTheDayTenDaysBeforePollingDay() {
        var deadline = ApplicationDeadlines.deadline(new ElectionId(1), POLLING_DAY, ApplicationCategory.OBSERVER, 10, BAKU);

        assertThat(deadline.lastDay()).isEqualTo(LocalDate.of(2026, 2, 1));
        // Baku is UTC+4: midnight of 2 February there is 20:00 UTC on 1 February
        assertThat(deadline.closesAt()).isEqualTo(Instant.parse("2026-02-01T20:00:00Z"));
        assertThat(deadline.isOpenAt(Instant.parse("2026-02-01T19:59:59.999Z"))).isTrue();
        assertThat(deadline.isOpenAt(Instant.parse("2026-02-01T20:00:00Z"))).isFalse();
    }

    @Test
    void theSameInstantIsBeforeOrAfterTheDeadlineDependingOnTheCommissionsZoneNotTheApplicants() {
        Instant lateEvening = Instant.parse("2026-02-08T21:30:00Z"); // 01:30 on 9 February in Baku, 21:30 on 8 February in London
        var media = ApplicationDeadlines.deadline(new ElectionId(1), POLLING_DAY, ApplicationCategory.JOURNALIST, 3, BAKU);
        var mediaIfLondon = ApplicationDeadlines.deadline(new ElectionId(1), POLLING_DAY, ApplicationCategory.JOURNALIST, 3, ZoneId.of("Europe/London"));

        assertThat(media.lastDay()).isEqualTo(LocalDate.of(2026, 2, 8));
        assertThat(media.isOpenAt(lateEvening)).isFalse();
        assertThat(mediaIfLondon.isOpenAt(lateEvening)).isTrue();
    }

    @Test
    void zeroDaysKeepsApplicationsOpenThroughPollingDayItself() {
        var deadline = ApplicationDeadlines.deadline(new ElectionId(1), POLLING_DAY, ApplicationCategory.TECHNICAL_STAFF, 0, BAKU);

        assertThat(deadline.lastDay()).isEqualTo(POLLING_DAY);
        assertThat(deadline.closesAt()).isEqualTo(Instant.parse("2026-02-11T20:00:00Z"));
    }
}
