package org.electora.election;

import java.util.Objects;

/** One numbered line of a protocol form, e.g. line 10 "valid ballots". */
public record ProtocolLine(int number, String code, String name) {

    public ProtocolLine {
        if (number < 1) {
            throw new IllegalArgumentException("line numbers start at 1, got " + number);
        }
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("line " + number + " needs a code");
        }
        Objects.requireNonNull(name, "name");
    }
}
