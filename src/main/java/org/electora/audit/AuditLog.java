package org.electora.audit;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Appends one event to the audit log in the caller's transaction: the event is durable exactly when the change it
 * describes is, and vanishes with it on rollback. The actor is whoever is signed in on this thread ("system" if
 * nobody). The payload is stored as canonical JSON and hashed.
 */
public interface AuditLog {

    void record(String type, String subject, Disposition disposition, Map<String, ?> payload);

    default void record(String type, String subject, Map<String, ?> payload) {
        record(type, subject, Disposition.SUCCESS, payload);
    }

    /**
     * Appends the events of several changes made in one transaction by different signed-in people (a group commit
     * of submissions that arrived together), in list order, as one batch. Each entry names its actor, which the
     * caller took from that request's authentication; like {@link #record}, only inside the caller's transaction.
     */
    void recordAll(List<Entry> entries);

    /** One event of {@link #recordAll}: the actor is the authenticated username of the request that made the change. */
    record Entry(String actor, String type, String subject, Disposition disposition, Map<String, ?> payload) {
        public Entry {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(disposition, "disposition");
            Objects.requireNonNull(payload, "payload");
        }
    }
}
