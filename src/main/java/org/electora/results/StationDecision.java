package org.electora.results;

import java.util.List;

import org.electora.election.Violation;

/**
 * A step of one station's protocol, in a list across a contest, with the control relations the step's version breaks
 * (what a quarantine was for).
 */
public record StationDecision(String stationCode, ProtocolDecision decision, List<Violation> violations) {
    public StationDecision {
        violations = List.copyOf(violations);
    }
}
