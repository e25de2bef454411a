package org.electora.geography;

/** Namespace for the map's typed ids; see the records beside it. */
final class Ids {
    private Ids() {
    }

    static long positive(long value, String what) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive: " + value);
        }
        return value;
    }
}
