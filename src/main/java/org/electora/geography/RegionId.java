package org.electora.geography;

import com.fasterxml.jackson.annotation.JsonValue;

/** Typed id of a row of the electoral map. */
public record RegionId(@JsonValue long value) {
    public RegionId {
        Ids.positive(value, "RegionId");
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
