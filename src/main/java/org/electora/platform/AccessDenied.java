package org.electora.platform;

/** The caller may not read or write this: answered with 403 and never with the data. */
public class AccessDenied extends RuntimeException {
    private final String ruleCode;

    public AccessDenied(String message) {
        this("AUTH-002", message);
    }

    /** With the rule that denies it, where a module has a more specific one than "your role or scope". */
    public AccessDenied(String ruleCode, String message) {
        super(message);
        this.ruleCode = ruleCode;
    }

    public String ruleCode() {
        return ruleCode;
    }
}
