package org.electora.results.internal;

import java.time.OffsetDateTime;

/**
 * One round of a constituency's summary protocol as the results desk shows it: the signature and, when a CEC decision
 * withdrew it, who withdrew it, when, why and by which decision (the withdrawal fields are then all set). Public for
 * the page templates only.
 */
public record SignatureRound(int round, String signedBy, OffsetDateTime signedAt, String sha256, String withdrawnBy,
                             OffsetDateTime withdrawnAt, String reason, String decisionReference) {

    public boolean withdrawn() {
        return withdrawnAt != null;
    }
}
