package org.electora.accreditation;

import java.util.Objects;

/** Outcome of asking the {@link AccreditationLifecycle} to perform an action; a refusal is a value. */
public sealed interface ReviewTransition {

    ApplicationStatus from();

    /** @param reason the stated grounds, stripped; empty when the action takes none */
    record Moved(ApplicationStatus from, ApplicationStatus to, String reason) implements ReviewTransition {
        public Moved {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(reason, "reason (use an empty string when there is none)");
        }
    }

    record Refused(ApplicationStatus from, ReviewAction action, String ruleCode, String reason)
            implements ReviewTransition {
        public Refused {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(action, "action");
            if (ruleCode == null || ruleCode.isBlank() || reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("ruleCode and reason must not be blank");
            }
        }
    }
}
