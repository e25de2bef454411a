package org.electora.election;

import java.util.Objects;

/**
 * A control relation of a protocol template. The expression stays text because administrators author it;
 * {@link ProtocolTemplate#validate()} reports an unparseable expression as a problem instead of this constructor
 * throwing, so that a whole template can be reviewed at once.
 */
public record ControlRelation(String ruleCode, RelationLevel level, String expression, String description) {

    public ControlRelation {
        if (ruleCode == null || ruleCode.isBlank()) {
            throw new IllegalArgumentException("a control relation needs a rule code");
        }
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(description, "description");
    }
}
