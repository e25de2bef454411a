package org.electora.geography;

import com.fasterxml.jackson.annotation.JsonValue;

/** Typed id of a row of the electoral map. */
public record MissionId(@JsonValue long value) {
    public MissionId {
        Ids.positive(value, "MissionId");
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
