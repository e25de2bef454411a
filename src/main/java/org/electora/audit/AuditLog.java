package org.electora.audit;

import java.util.Map;

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
}
