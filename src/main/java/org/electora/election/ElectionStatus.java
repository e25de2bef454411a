package org.electora.election;

import java.util.Locale;

/** Where an election stands; the only way between statuses is {@link ElectionLifecycle}. */
public enum ElectionStatus {
    DRAFT,
    CALLED,
    NOMINATIONS,
    CAMPAIGN,
    POLLING,
    COUNTING,
    RESULTS_CERTIFIED;

    /** The status in words, for a refusal's English reason: "counting", "results certified". */
    public String words() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
