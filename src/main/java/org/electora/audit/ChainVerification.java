package org.electora.audit;

/** The outcome of recomputing the audit chain from its first event. */
public sealed interface ChainVerification {

    /** Every sealed event's hash recomputes and links to its predecessor. */
    record Intact(long events, String headHash) implements ChainVerification {
    }

    /** The first event whose stored data no longer matches its hashes, and why. */
    record Broken(long sequence, String eventId, String reason) implements ChainVerification {
    }
}
