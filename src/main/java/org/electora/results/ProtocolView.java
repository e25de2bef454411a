package org.electora.results;

/**
 * A station's protocol for a contest: where it stands and which version counts. {@code summarySigned}: its
 * constituency signed the summary protocol, so this protocol is final (no new version or decision changes it).
 */
public record ProtocolView(ProtocolId id, long electionId, long contestId, long stationId, String stationCode,
                           long constituencyId, ProtocolStatus status, int version, Integer countedVersion,
                           boolean summarySigned) {
}
