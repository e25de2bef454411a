package org.electora.audit;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One sealed audit event as an auditor reads it. */
public record AuditEvent(long sequence, UUID eventId, OffsetDateTime recordedAt, String actor, String type,
                         String subject, Disposition disposition, String payload, String payloadHash,
                         String previousHash, String entryHash) {
}
