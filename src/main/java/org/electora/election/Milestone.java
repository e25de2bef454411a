package org.electora.election;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A preparatory step pinned to a date for one election.
 *
 * @param doneOn when the step was completed, or {@code null} while it is not
 */
public record Milestone(String code, String title, LocalDate due, String responsibleBody, LocalDate doneOn) {

    public Milestone {
        MilestoneTemplate.requireText(code, "code");
        MilestoneTemplate.requireText(title, "title");
        Objects.requireNonNull(due, "due");
        MilestoneTemplate.requireText(responsibleBody, "responsibleBody");
    }

    /**
     * Progress as it stood on {@code today}. A completion dated after {@code today} does not count yet, so the
     * same milestone list gives correct historical snapshots (e.g. "where were we a week ago").
     */
    public MilestoneProgress progress(LocalDate today) {
        Objects.requireNonNull(today, "today");
        if (doneOn != null && !doneOn.isAfter(today)) {
            return MilestoneProgress.DONE;
        }
        return due.isBefore(today) ? MilestoneProgress.LATE : MilestoneProgress.OPEN;
    }

    public Milestone doneOn(LocalDate day) {
        return new Milestone(code, title, due, responsibleBody, Objects.requireNonNull(day, "day"));
    }
}
