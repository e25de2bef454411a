package org.electora.results;

import com.fasterxml.jackson.annotation.JsonValue;

/** Typed id of a station's protocol for one contest (all its versions). */
public record ProtocolId(@JsonValue long value) {
    public ProtocolId {
        if (value <= 0) {
            throw new IllegalArgumentException("ProtocolId must be positive: " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
