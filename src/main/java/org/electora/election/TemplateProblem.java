package org.electora.election;

import java.util.Objects;

/** Something wrong with an authored protocol template, reported as a value so a form can list all problems. */
public record TemplateProblem(String code, String message) {

    /** Two template lines share a number. */
    public static final String DUPLICATE_LINE_NUMBER = "TPL-001";
    /** Two template lines share a code. */
    public static final String DUPLICATE_LINE_CODE = "TPL-002";
    /** Two relations share a rule code, which would make violation reports ambiguous. */
    public static final String DUPLICATE_RULE_CODE = "TPL-003";
    /** A relation refers to a line the template does not have. */
    public static final String UNKNOWN_LINE_IN_RELATION = "TPL-004";
    /** A relation expression does not parse. */
    public static final String UNPARSEABLE_RELATION = "TPL-005";
    /** A turnout, share or ballot-count setting points to a line the template does not have. */
    public static final String UNKNOWN_LINE_IN_SETTING = "TPL-006";
    /** A required field is blank or empty. */
    public static final String MISSING_FIELD = "TPL-007";

    public TemplateProblem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
