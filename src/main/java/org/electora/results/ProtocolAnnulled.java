package org.electora.results;

/** A station's result was annulled by a recorded decision and is excluded from every total. */
public record ProtocolAnnulled(ProtocolId protocol, long contestId, long stationId, String decisionReference) {
}
