package org.electora.platform;

import java.util.Objects;

/**
 * One problem found in input: a stable rule code (tests and users rely on it), where it was found
 * (line of a file, or 0 for the whole input; the field, if any) and a message a person understands.
 */
public record Problem(String ruleCode, int line, String field, String message) {

    public Problem {
        Objects.requireNonNull(ruleCode);
        Objects.requireNonNull(message);
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0");
        }
    }

    public static Problem at(int line, String ruleCode, String field, String message) {
        return new Problem(ruleCode, line, field, message);
    }

    @Override
    public String toString() {
        return line > 0 ? ruleCode + " line " + line + ": " + message : ruleCode + ": " + message;
    }
}
