package org.electora.geography;

import com.fasterxml.jackson.annotation.JsonValue;

/** Typed id of a row of the electoral map. */
public record ConstituencyId(@JsonValue long value) {
    public ConstituencyId {
        Ids.positive(value, "ConstituencyId");
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
