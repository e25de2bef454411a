package org.electora.results;

import java.util.List;

import org.electora.election.Violation;

/**
 * What happened to a submission. An invalid one (wrong lines, foreign station, polls open, stale version) is never an
 * outcome: it is refused with a 4xx and changes nothing.
 *
 * @param replay true when this is the same submission seen before, answered without recording anything
 */
public record SubmissionOutcome(ProtocolId protocol, int version, ProtocolStatus status, List<Violation> violations,
                                boolean replay) {
    public SubmissionOutcome {
        violations = List.copyOf(violations);
    }
}
