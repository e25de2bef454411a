package org.electora.geography;

import com.fasterxml.jackson.annotation.JsonValue;

/** Typed id of a row of the electoral map. */
public record MapVersionId(@JsonValue long value) {
    public MapVersionId {
        Ids.positive(value, "MapVersionId");
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
