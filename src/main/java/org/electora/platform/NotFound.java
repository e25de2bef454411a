package org.electora.platform;

/** The thing asked for does not exist, or not yet (answered with 404 and a rule code, GEN-404 by default). */
public class NotFound extends RuntimeException {
    private final String ruleCode;

    public NotFound(String message) {
        this("GEN-404", message);
    }

    public NotFound(String ruleCode, String message) {
        super(message);
        this.ruleCode = ruleCode;
    }

    public String ruleCode() {
        return ruleCode;
    }
}
