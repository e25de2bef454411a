package org.electora.results;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.electora.election.Violation;

/** One version of a protocol, kept for ever and public: the numbers, who gave them, why, and what the checks found. */
public record ProtocolVersion(int number, Map<Integer, Long> lines, Map<Integer, Long> votes, ProtocolSource source,
                              String submittedBy, OffsetDateTime submittedAt, String reason, String contentSha256,
                              String scanSha256, List<Violation> violations) {
}
