package org.electora.publication;

/** A new snapshot was published (e.g. for pushing it to object storage or a CDN). */
public record SnapshotPublished(long electionId, int sequence, SnapshotStatus status, String sha256) {
}
