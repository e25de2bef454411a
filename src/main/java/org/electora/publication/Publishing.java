package org.electora.publication;

import java.util.List;
import java.util.Optional;

import org.electora.election.ElectionId;

/**
 * Publishes and reads result snapshots. Publishing is refused (409 PUB-001) before polls have closed at every
 * station plus the configured embargo, and (409 PUB-003) unless the election is counting or certified. Reads
 * use only the stored snapshots, never the live results tables.
 */
public interface Publishing {

    /** Builds the election's contest results and stores them as a new snapshot if they differ from the latest. */
    PublishOutcome publish(ElectionId election);

    List<ResultsSnapshot> snapshots(long electionId);

    Optional<ResultsSnapshot> latest(long electionId);

    /** The content bytes of a snapshot, exactly as stored and hashed. */
    Optional<byte[]> content(long electionId, int sequence);

    /** A snapshot's content, parsed. */
    Optional<SnapshotContent> parsed(long electionId, int sequence);
}
