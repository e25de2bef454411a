package org.electora.results;

/** A step of one station's protocol, in a list across a contest. */
public record StationDecision(long stationId, String stationCode, ProtocolDecision decision) {
}
