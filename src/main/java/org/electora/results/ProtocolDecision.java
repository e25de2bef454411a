package org.electora.results;

import java.time.OffsetDateTime;

/** A recorded step of a protocol's lifecycle: who moved it, from what to what, on which version, and why. */
public record ProtocolDecision(OffsetDateTime at, String actor, ProtocolAction action, ProtocolStatus from,
                               ProtocolStatus to, int version, String reason, String reference) {
}
