package org.electora.election;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Objects;

import org.electora.geography.MapVersionId;

/**
 * Commands of the CEC on elections. Every method is one transaction, requires the CEC_ADMIN role, records an
 * audit event, and refuses a stale {@code expectedVersion} with a conflict.
 */
public interface ElectionAdministration {

    /** Creates the election in DRAFT, with one contest on the given template and its calendar generated from polling day. */
    Election create(NewElection election);

    /**
     * Marks the election as entered for comparison (a historic import): it stays readable everywhere, but is never the
     * default one ({@link Elections#current}) while another exists.
     */
    void markHistoric(ElectionId election);

    /** Moves the election through its lifecycle (see {@link ElectionLifecycle}). */
    Election apply(ElectionId election, ElectionAction action, int expectedVersion);

    Contest addContest(ElectionId election, String name, String templateCode);

    Candidate nominate(ContestId contest, NewCandidate candidate);

    /** Registers, refuses or withdraws a candidate (see {@link CandidateLifecycle}); refusal and withdrawal need a reason. */
    Candidate decide(CandidateId candidate, CandidateAction action, String reason, int expectedVersion);

    /** Marks a calendar milestone done on a day (or open again with {@code null}). */
    Milestone markMilestone(ElectionId election, String milestoneCode, LocalDate doneOn);

    record NewElection(String name, ElectionType type, boolean extraordinary, LocalDate pollingDay, LocalTime pollsOpen,
                       LocalTime pollsClose, MapVersionId mapVersion, String contestName, String templateCode) {
        public NewElection {
            Objects.requireNonNull(name);
            Objects.requireNonNull(type);
            Objects.requireNonNull(pollingDay);
            Objects.requireNonNull(pollsOpen);
            Objects.requireNonNull(pollsClose);
            Objects.requireNonNull(mapVersion);
            Objects.requireNonNull(contestName);
            Objects.requireNonNull(templateCode);
        }
    }

    record NewCandidate(String familyName, String givenName, String patronymic, String nominatedBy) {
        public NewCandidate {
            Objects.requireNonNull(familyName);
            Objects.requireNonNull(givenName);
            Objects.requireNonNull(nominatedBy);
        }
    }
}
