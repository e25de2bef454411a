package org.electora.results;

public enum ProtocolAction {
    /** The checks found no hard violation. */
    VERIFY,
    /** The checks found a hard violation. */
    QUARANTINE,
    /** Counted: automatically after a clean electronic submission, or by the constituency commission. */
    ACCEPT,
    /** A new version of a protocol that is not yet accepted. */
    CORRECT,
    /** A new version of an accepted protocol, with a reason. */
    AMEND,
    /** A recorded constituency or CEC decision counts a quarantined protocol as it is. */
    RELEASE,
    /** A recorded decision excludes the station's result. */
    ANNUL
}
