package org.electora.election;

import com.fasterxml.jackson.annotation.JsonValue;

/** Typed id. */
public record ElectionId(@JsonValue long value) {
    public ElectionId {
        if (value <= 0) {
            throw new IllegalArgumentException("ElectionId must be positive: " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
