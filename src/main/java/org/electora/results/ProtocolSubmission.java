package org.electora.results;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One submission of a station's protocol for a contest. {@code clientSubmissionId} makes it idempotent: the same id
 * with the same content is answered with what was recorded; with other content it is a conflict.
 * {@code expectedVersion} is the version the submitter last saw (null for the first); a new version of an accepted
 * protocol needs a {@code reason}.
 *
 * @param lines numbered template lines
 * @param votes votes by candidate ballot order
 */
public record ProtocolSubmission(UUID clientSubmissionId, long contestId, long stationId, Map<Integer, Long> lines,
                                 Map<Integer, Long> votes, Integer expectedVersion, String reason) {

    public ProtocolSubmission {
        Objects.requireNonNull(clientSubmissionId, "clientSubmissionId");
        lines = Map.copyOf(Objects.requireNonNull(lines, "lines"));
        votes = Map.copyOf(Objects.requireNonNull(votes, "votes"));
    }
}
