package org.electora.results;

/** A station's protocol for a contest: where it stands and which version counts. */
public record ProtocolView(ProtocolId id, long electionId, long contestId, long stationId, String stationCode,
                           long constituencyId, ProtocolStatus status, int version, Integer countedVersion) {
}
