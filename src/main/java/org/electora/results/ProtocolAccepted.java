package org.electora.results;

/** A protocol version now counts in the totals. */
public record ProtocolAccepted(ProtocolId protocol, long contestId, long stationId, int version) {
}
