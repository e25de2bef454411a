package org.electora.election;

/** An election moved to a new status (for example: polls closed, results certified). */
public record ElectionStatusChanged(ElectionId election, ElectionStatus from, ElectionStatus to) {
}
