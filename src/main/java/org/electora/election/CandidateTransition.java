package org.electora.election;

import java.util.Objects;

/** Outcome of asking the {@link CandidateLifecycle} to perform an action; a refusal is a value, not an exception. */
public sealed interface CandidateTransition {

    CandidateStatus from();

    /**
     * @param reason the stated grounds, stripped; empty when the action takes none. Kept on the outcome because
     *               the grounds for refusing or withdrawing a candidate are published and audited.
     */
    record Moved(CandidateStatus from, CandidateStatus to, String reason) implements CandidateTransition {
        public Moved {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(reason, "reason (use an empty string when there is none)");
        }
    }

    record Refused(CandidateStatus from, CandidateAction action, String ruleCode, String reason)
            implements CandidateTransition {
        public Refused {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(action, "action");
            if (ruleCode == null || ruleCode.isBlank()) {
                throw new IllegalArgumentException("ruleCode must not be blank");
            }
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("reason must not be blank");
            }
        }
    }
}
