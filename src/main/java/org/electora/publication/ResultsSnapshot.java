package org.electora.publication;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A published snapshot: numbered per election, never changed. {@code sha256} fingerprints the exact content bytes
 * (canonical JSON of {@link SnapshotContent}); {@code generatedAt} carries the capital's offset.
 */
public record ResultsSnapshot(long electionId, int sequence, long contestId, OffsetDateTime generatedAt,
                              SnapshotStatus status, String sha256) {
    public ResultsSnapshot {
        Objects.requireNonNull(generatedAt);
        Objects.requireNonNull(status);
        Objects.requireNonNull(sha256);
        if (sequence < 1) {
            throw new IllegalArgumentException("snapshot sequences start at 1, got " + sequence);
        }
    }
}
