package org.electora.election;

/** Where an election stands; the only way between statuses is {@link ElectionLifecycle}. */
public enum ElectionStatus {
    DRAFT,
    CALLED,
    NOMINATIONS,
    CAMPAIGN,
    POLLING,
    COUNTING,
    RESULTS_CERTIFIED
}
