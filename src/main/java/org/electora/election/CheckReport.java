package org.electora.election;

import java.util.List;
import java.util.Objects;

/** Every violation found in one protocol, hard and soft together, in the order the template lists its checks. */
public record CheckReport(List<Violation> violations) {

    public CheckReport {
        violations = List.copyOf(Objects.requireNonNull(violations, "violations"));
    }

    public boolean isClean() {
        return violations.isEmpty();
    }

    /** A protocol with a hard violation cannot be accepted and must be corrected by the precinct commission. */
    public boolean hasHardViolation() {
        return violations.stream().anyMatch(v -> v.level() == RelationLevel.HARD);
    }

    public List<Violation> hardViolations() {
        return violations.stream().filter(v -> v.level() == RelationLevel.HARD).toList();
    }

    /** Soft violations: the protocol is accepted, but the commission has to explain them. */
    public List<Violation> warnings() {
        return violations.stream().filter(v -> v.level() == RelationLevel.SOFT).toList();
    }

    public List<String> ruleCodes() {
        return violations.stream().map(Violation::ruleCode).toList();
    }
}
