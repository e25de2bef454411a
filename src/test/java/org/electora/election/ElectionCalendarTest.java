package org.electora.election;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ElectionCalendarTest {

    private static final LocalDate POLLING_DAY = LocalDate.of(2024, 7, 7);

    private static Milestone milestone(String code) {
        return ElectionCalendar.plan(POLLING_DAY, true).stream()
                .filter(m -> m.code().equals(code)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void planIsSortedByDueDate(boolean extraordinary) {
        List<Milestone> plan = ElectionCalendar.plan(POLLING_DAY, extraordinary);

        assertThat(plan).hasSizeGreaterThanOrEqualTo(15).isSortedAccordingTo(Comparator.comparing(Milestone::due));
        assertThat(plan).allSatisfy(m -> assertThat(m.doneOn()).isNull());
    }

    @Test
    void extraordinaryElectionIsCalledSixtyDaysBeforePollingDayAndEndsAtTheConstitutionalCourt() {
        List<Milestone> plan = ElectionCalendar.plan(POLLING_DAY, true);

        assertThat(plan.getFirst().code()).isEqualTo("CALL");
        assertThat(plan.getFirst().due()).isEqualTo(POLLING_DAY.minusDays(60));
        assertThat(plan.getFirst().responsibleBody()).isEqualTo("Central Election Commission");
        assertThat(plan.getLast().code()).isEqualTo("CONSTITUTIONAL_COURT");
        assertThat(plan.getLast().due()).isEqualTo(POLLING_DAY.plusDays(7));
        assertThat(milestone("POLLING_DAY").due()).isEqualTo(POLLING_DAY);
        assertThat(milestone("NOMINATION_OPENS").due()).isEqualTo(POLLING_DAY.minusDays(55));
        assertThat(milestone("NOMINATION_CLOSES").due()).isEqualTo(POLLING_DAY.minusDays(35));
        assertThat(milestone("VOTER_LISTS_ABROAD").responsibleBody()).contains("Ministry of Foreign Affairs");
    }

    @Test
    void milestonesDueOnTheSameDayKeepTheOrderOfTheLegalList() {
        List<String> codes = ElectionCalendar.plan(POLLING_DAY, true).stream().map(Milestone::code).toList();

        assertThat(codes.indexOf("ACCREDITATION_CLOSES")).isLessThan(codes.indexOf("BALLOTS_DELIVERED"));
    }

    @Test
    void regularElectionStretchesPreparationToOneHundredTwentyDaysButKeepsTheFinalWeekAndResultsDeadlines() {
        List<Milestone> regular = ElectionCalendar.plan(POLLING_DAY, false);
        List<Milestone> extraordinary = ElectionCalendar.plan(POLLING_DAY, true);

        assertThat(regular.getFirst().due()).isEqualTo(POLLING_DAY.minusDays(120));
        assertThat(regular).extracting(Milestone::code)
                .containsExactlyElementsOf(extraordinary.stream().map(Milestone::code).toList());
        assertThat(due(regular, "REGISTRATION")).isEqualTo(POLLING_DAY.minusDays(60));
        assertThat(due(regular, "BALLOTS_PRINTED")).isEqualTo(POLLING_DAY.minusDays(30));
        assertThat(due(regular, "BALLOTS_DELIVERED")).isEqualTo(POLLING_DAY.minusDays(3));
        assertThat(due(regular, "CAMPAIGN_ENDS")).isEqualTo(POLLING_DAY.minusDays(1));
        assertThat(due(regular, "FINAL_PROTOCOL")).isEqualTo(POLLING_DAY.plusDays(6));
    }

    @Test
    void stretchingOffsetsNeverReordersThem() {
        int previous = Integer.MIN_VALUE;
        for (int offset = -60; offset <= 10; offset++) {
            int stretched = ElectionCalendar.regularOffset(offset);
            assertThat(stretched).as("offset %d", offset).isGreaterThan(previous);
            previous = stretched;
        }
    }

    private static LocalDate due(List<Milestone> plan, String code) {
        return plan.stream().filter(m -> m.code().equals(code)).findFirst().orElseThrow().due();
    }

    @Test
    void milestoneIsOpenUpToAndIncludingItsDueDateAndLateAfterwards() {
        Milestone registration = milestone("REGISTRATION");
        LocalDate due = registration.due();

        assertThat(registration.progress(due.minusDays(1))).isEqualTo(MilestoneProgress.OPEN);
        assertThat(registration.progress(due)).isEqualTo(MilestoneProgress.OPEN);
        assertThat(registration.progress(due.plusDays(1))).isEqualTo(MilestoneProgress.LATE);
    }

    @Test
    void milestoneIsDoneOnceCompletedEvenIfCompletedLate() {
        Milestone registration = milestone("REGISTRATION");
        LocalDate due = registration.due();

        assertThat(registration.doneOn(due.minusDays(2)).progress(due)).isEqualTo(MilestoneProgress.DONE);
        assertThat(registration.doneOn(due.plusDays(3)).progress(due.plusDays(3))).isEqualTo(MilestoneProgress.DONE);
    }

    @Test
    void aCompletionAfterTheDayAskedAboutDoesNotCountYet() {
        Milestone registration = milestone("REGISTRATION").doneOn(milestone("REGISTRATION").due().plusDays(3));

        assertThat(registration.progress(registration.due().plusDays(1))).isEqualTo(MilestoneProgress.LATE);
    }

    @Test
    void summaryCountsDoneOpenAndLateMilestonesAndRoundsPercentDown() {
        LocalDate today = POLLING_DAY.minusDays(30);
        var milestones = new ArrayList<Milestone>();
        for (Milestone m : ElectionCalendar.plan(POLLING_DAY, true)) {
            // Everything due before today is done except the voter lists abroad, which are late.
            boolean done = m.due().isBefore(today) && !m.code().equals("VOTER_LISTS_ABROAD");
            milestones.add(done ? m.doneOn(m.due()) : m);
        }

        CalendarProgress progress = ElectionCalendar.summarize(milestones, today);

        // Before −30: CALL, CALENDAR, NOMINATION_OPENS, OBSERVERS_INVITED, VOTER_LISTS, VOTER_LISTS_ABROAD,
        // NOMINATION_CLOSES (7); REGISTRATION is due today and still open.
        assertThat(progress).isEqualTo(new CalendarProgress(6, 11, 1));
        assertThat(progress.total()).isEqualTo(18);
        assertThat(progress.percentDone()).isEqualTo(33);
    }

    @Test
    void emptyCalendarIsZeroPercentDone() {
        assertThat(ElectionCalendar.summarize(List.of(), POLLING_DAY)).isEqualTo(new CalendarProgress(0, 0, 0));
        assertThat(new CalendarProgress(0, 0, 0).percentDone()).isZero();
    }

    @Test
    void percentDoneReachesOneHundredOnlyWhenEverythingIsDone() {
        assertThat(new CalendarProgress(199, 1, 0).percentDone()).isEqualTo(99);
        assertThat(new CalendarProgress(200, 0, 0).percentDone()).isEqualTo(100);
    }
}
