package org.electora.accreditation;

/** Decisions about an application; whether they are allowed depends on {@link AccreditationLifecycle}. */
public enum ReviewAction {
    /** submitted → under review */
    START_REVIEW,
    /** under review → approved */
    APPROVE,
    /** submitted or under review → rejected; the commission states its grounds */
    REJECT,
    /** approved → badge issued: a badge number and validity dates are assigned and the credential signed */
    ISSUE_BADGE,
    /** badge issued → revoked; the commission states its grounds; verifiers online answer REVOKED */
    REVOKE,
    /** badge issued → expired, after its validity */
    EXPIRE
}
