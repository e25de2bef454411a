package org.electora.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

final class Hashing {

    static final String GENESIS = "0".repeat(64);

    private Hashing() {
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The chained hash of one event: every field that identifies it, and the hash before it. */
    static String entryHash(long seq, String eventId, String recordedAtUtc, String actor, String type, String subject,
                            String disposition, String payloadHash, String previousHash) {
        return sha256(String.join("\n", Long.toString(seq), eventId, recordedAtUtc, actor, type, subject,
                disposition, payloadHash, previousHash));
    }
}
