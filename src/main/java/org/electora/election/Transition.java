package org.electora.election;

import java.util.Objects;

/**
 * Outcome of asking the {@link ElectionLifecycle} to perform an action. A refusal is an ordinary answer
 * (the user clicked a button at the wrong time), so it is a value rather than an exception.
 */
public sealed interface Transition {

    ElectionStatus from();

    record Moved(ElectionStatus from, ElectionStatus to) implements Transition {
        public Moved {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    record Refused(ElectionStatus from, ElectionAction action, String ruleCode, String reason) implements Transition {
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
