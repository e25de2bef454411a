package org.electora.registry;

/** A voter's id in the register (not the national id, which is personal data). */
public record VoterId(long value) {

    public VoterId {
        if (value <= 0) {
            throw new IllegalArgumentException("voter id must be positive");
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
