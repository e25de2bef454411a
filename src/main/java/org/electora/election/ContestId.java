package org.electora.election;

import com.fasterxml.jackson.annotation.JsonValue;

/** Typed id. */
public record ContestId(@JsonValue long value) {
    public ContestId {
        if (value <= 0) {
            throw new IllegalArgumentException("ContestId must be positive: " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
