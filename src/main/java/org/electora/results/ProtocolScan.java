package org.electora.results;

/** The scan of a signed paper protocol attached to a version: its type as detected from its bytes, and its SHA-256. */
public record ProtocolScan(String sha256, String mediaType, byte[] content) {
}
