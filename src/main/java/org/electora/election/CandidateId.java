package org.electora.election;

import com.fasterxml.jackson.annotation.JsonValue;

/** Typed id. */
public record CandidateId(@JsonValue long value) {
    public CandidateId {
        if (value <= 0) {
            throw new IllegalArgumentException("CandidateId must be positive: " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
