package org.electora.election;

/** Things an administrator can do to an election; whether they are allowed depends on {@link ElectionLifecycle}. */
public enum ElectionAction {
    /** draft → called */
    CALL,
    /** called → nominations */
    OPEN_NOMINATIONS,
    /** nominations → campaign */
    START_CAMPAIGN,
    /** campaign → polling */
    OPEN_POLLS,
    /** polling → counting */
    CLOSE_POLLS,
    /** counting → results certified */
    CERTIFY_RESULTS
}
