package org.electora.audit;

import java.util.List;

/** Seals recorded events into the hash chain and verifies it. */
public interface AuditChain {

    /** Seals every event committed so far; returns how many were sealed. */
    int seal();

    /** Seals, then recomputes the chain from the first event and names the first broken link. */
    ChainVerification verify();

    /** Sealed events after {@code afterSequence}, oldest first. */
    List<AuditEvent> events(long afterSequence, int limit);
}
