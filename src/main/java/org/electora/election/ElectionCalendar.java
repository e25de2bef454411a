package org.electora.election;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The calendar of preparatory milestones, counted from polling day.
 *
 * <p>The built-in list is the calendar of an extraordinary presidential election called 60 days before polling
 * day. A regular election is prepared over 120 days; its calendar is derived from the same list by
 * {@link #regularOffset(int)}: offsets earlier than the final week are doubled (60 → 120 days, keeping each step
 * at the same relative point of the period), while the final week and everything after polling day stay
 * unchanged, because those deadlines (ballot delivery, observer accreditation, campaign silence, result
 * protocols) are fixed by law relative to polling day whatever the length of the campaign. The mapping is
 * monotonic, so the order of milestones is the same in both calendars.
 */
public final class ElectionCalendar {

    public static final int EXTRAORDINARY_PERIOD_DAYS = 60;
    public static final int REGULAR_PERIOD_DAYS = 120;
    /** Days before polling day whose deadlines do not stretch with a longer period. */
    public static final int FIXED_FINAL_DAYS = 7;

    private static final String CEC = "Central Election Commission";
    private static final String CONECS = "Constituency election commissions";
    private static final String PECS = "Precinct election commissions";
    private static final String MFA = "Ministry of Foreign Affairs";

    private static final List<MilestoneTemplate> EXTRAORDINARY_PRESIDENTIAL = List.of(
            new MilestoneTemplate("CALL", "Election called", -60, CEC),
            new MilestoneTemplate("CALENDAR", "Calendar of electoral events approved", -58, CEC),
            new MilestoneTemplate("NOMINATION_OPENS", "Nomination of candidates opens", -55, CEC),
            new MilestoneTemplate("OBSERVERS_INVITED", "International observers invited", -50, MFA),
            new MilestoneTemplate("VOTER_LISTS", "Voter lists compiled", -45, CONECS),
            new MilestoneTemplate("VOTER_LISTS_ABROAD", "Voter lists abroad finalised", -40, MFA + " / consular offices"),
            new MilestoneTemplate("NOMINATION_CLOSES", "Nomination of candidates closes", -35, CEC),
            new MilestoneTemplate("REGISTRATION", "Registration of candidates", -30, CEC),
            new MilestoneTemplate("CAMPAIGN_STARTS", "Election campaign starts", -22, CEC),
            new MilestoneTemplate("BALLOTS_PRINTED", "Ballots printed", -15, CEC),
            new MilestoneTemplate("ACCREDITATION_CLOSES", "Accreditation of international observers closes", -3, CEC),
            new MilestoneTemplate("BALLOTS_DELIVERED", "Ballots delivered to precinct commissions", -3, CONECS),
            new MilestoneTemplate("CAMPAIGN_ENDS", "Election campaign ends (campaign silence begins)", -1, CEC),
            new MilestoneTemplate("POLLING_DAY", "Polling day", 0, PECS),
            new MilestoneTemplate("PRELIMINARY_RESULTS", "Preliminary results published", 1, CEC),
            new MilestoneTemplate("CONSTITUENCY_PROTOCOLS", "Constituency protocols delivered", 2, CONECS),
            new MilestoneTemplate("FINAL_PROTOCOL", "Final protocol on the results signed", 6, CEC),
            new MilestoneTemplate("CONSTITUTIONAL_COURT", "Results submitted to the Constitutional Court", 7, CEC));

    private ElectionCalendar() {
    }

    public static List<MilestoneTemplate> templates(boolean extraordinary) {
        if (extraordinary) {
            return EXTRAORDINARY_PRESIDENTIAL;
        }
        return EXTRAORDINARY_PRESIDENTIAL.stream()
                .map(t -> new MilestoneTemplate(t.code(), t.title(), regularOffset(t.offsetDays()), t.responsibleBody()))
                .toList();
    }

    /** See the class comment for why only offsets before the final week are stretched. */
    static int regularOffset(int extraordinaryOffset) {
        if (extraordinaryOffset >= -FIXED_FINAL_DAYS) {
            return extraordinaryOffset;
        }
        return extraordinaryOffset * REGULAR_PERIOD_DAYS / EXTRAORDINARY_PERIOD_DAYS;
    }

    /** Milestones sorted by due date; milestones due the same day keep the order of the legal list. */
    public static List<Milestone> plan(LocalDate pollingDay, boolean extraordinary) {
        Objects.requireNonNull(pollingDay, "pollingDay");
        return templates(extraordinary).stream()
                .map(t -> new Milestone(t.code(), t.title(), pollingDay.plusDays(t.offsetDays()), t.responsibleBody(), null))
                .sorted(Comparator.comparing(Milestone::due))
                .toList();
    }

    public static CalendarProgress summarize(List<Milestone> milestones, LocalDate today) {
        Objects.requireNonNull(milestones, "milestones");
        Objects.requireNonNull(today, "today");
        int done = 0;
        int open = 0;
        int late = 0;
        for (Milestone milestone : milestones) {
            switch (milestone.progress(today)) {
                case DONE -> done++;
                case OPEN -> open++;
                case LATE -> late++;
            }
        }
        return new CalendarProgress(done, open, late);
    }
}
