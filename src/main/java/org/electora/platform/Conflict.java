package org.electora.platform;

/** A write that lost a race (stale version) or contradicts the current state (answered with 409). */
public class Conflict extends RuntimeException {
    private final String ruleCode;

    public Conflict(String ruleCode, String message) {
        super(message);
        this.ruleCode = ruleCode;
    }

    public String ruleCode() {
        return ruleCode;
    }
}
