package org.electora.geography;

import com.fasterxml.jackson.annotation.JsonValue;

/** Typed id of a row of the electoral map. */
public record PollingStationId(@JsonValue long value) {
    public PollingStationId {
        Ids.positive(value, "PollingStationId");
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
