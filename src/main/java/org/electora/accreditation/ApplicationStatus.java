package org.electora.accreditation;

/** Where an application stands; moves only through {@link AccreditationLifecycle}. */
public enum ApplicationStatus {
    SUBMITTED,
    UNDER_REVIEW,
    APPROVED,
    REJECTED,
    BADGE_ISSUED,
    REVOKED,
    EXPIRED
}
