package org.electora.publication;

/** What {@link Publishing#publish} did. */
public sealed interface PublishOutcome {

    ResultsSnapshot snapshot();

    /** The results changed: a new snapshot with the next sequence. */
    record Published(ResultsSnapshot snapshot) implements PublishOutcome {
    }

    /** Nothing changed since the latest snapshot, which is returned. */
    record Unchanged(ResultsSnapshot snapshot) implements PublishOutcome {
    }
}
