package org.electora.accreditation.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The foreign ministry's liaison with foreign missions: a meeting with heads of missions, the organisations it
 * concerned, and the follow-ups agreed. Public because the liaison pages' templates read these records.
 */
public final class Liaison {

    private Liaison() {
    }

    public enum FollowUpStatus { OPEN, DONE }

    public record OrganisationRef(long id, String name, String country) {
    }

    public record Meeting(long id, LocalDate heldOn, String place, List<String> participants, List<String> topics,
                          String notes, List<OrganisationRef> organisations, List<FollowUp> followUps,
                          String recordedBy) {
        public Meeting {
            Objects.requireNonNull(heldOn, "heldOn");
            participants = List.copyOf(participants);
            topics = List.copyOf(topics);
            organisations = List.copyOf(organisations);
            followUps = List.copyOf(followUps);
        }

        public long openFollowUps() {
            return followUps.stream().filter(f -> f.status() == FollowUpStatus.OPEN).count();
        }
    }

    public record FollowUp(long id, long meetingId, String action, String owner, LocalDate dueOn, FollowUpStatus status,
                           LocalDate doneOn, int version) {
        public FollowUp {
            Objects.requireNonNull(status, "status");
        }

        /** Open and past its due date on {@code today}. */
        public boolean overdue(LocalDate today) {
            return status == FollowUpStatus.OPEN && dueOn.isBefore(today);
        }
    }

    /** What a client sends to record a meeting; validated by {@link LiaisonService}, every problem reported. */
    public record NewMeeting(LocalDate heldOn, String place, List<String> participants, List<Long> organisationIds,
                             List<String> topics, String notes, List<NewFollowUp> followUps) {
    }

    public record NewFollowUp(String action, String owner, LocalDate dueOn) {
    }

    public record StatusChange(FollowUpStatus status, Integer version, LocalDate doneOn) {
    }
}
