package org.electora.publication;

/** How final a published snapshot is; each maps to a NIST SP 1500-100 v2 {@code ResultsStatus}. */
public enum SnapshotStatus {
    /** Some stations have neither a counted nor an annulled protocol yet. */
    UNOFFICIAL_PARTIAL("unofficial-partial"),
    /** Every station is counted or annulled; the CEC has not certified. */
    UNOFFICIAL_COMPLETE("unofficial-complete"),
    /** The CEC certified the result. */
    CERTIFIED("certified");

    private final String nist;

    SnapshotStatus(String nist) {
        this.nist = nist;
    }

    /** The NIST ERR v2 {@code ResultsStatus} value. */
    public String nist() {
        return nist;
    }
}
