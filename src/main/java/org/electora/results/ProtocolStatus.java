package org.electora.results;

/** Where a station's protocol stands. Only ACCEPTED protocols count in the totals. */
public enum ProtocolStatus {
    /** Received (first version or a correction), not yet checked. */
    ENTERED,
    /** Its control relations hold; waiting for acceptance. */
    VERIFIED,
    /** Counted. */
    ACCEPTED,
    /** An accepted protocol corrected by a new version with a reason; re-checked before it counts again. */
    AMENDED,
    /** Breaks a hard control relation: not counted until corrected or released by a recorded decision. */
    QUARANTINED,
    /** Annulled by a commission decision: excluded from every total. Final. */
    ANNULLED
}
