package org.electora.election;

import java.util.Objects;

/**
 * One failed check of a protocol. For control relations {@code lhs} and {@code rhs} are the evaluated sides, so a
 * commission sees by how much the protocol is off; for completeness checks (PRT-xxx) {@code lhs} is the entered
 * value and {@code rhs} is 0.
 */
public record Violation(String ruleCode, RelationLevel level, String expression, long lhs, long rhs) {

    public Violation {
        if (ruleCode == null || ruleCode.isBlank()) {
            throw new IllegalArgumentException("a violation needs a rule code");
        }
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(expression, "expression");
    }
}
