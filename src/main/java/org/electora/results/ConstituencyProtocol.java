package org.electora.results;

import java.time.OffsetDateTime;

/**
 * A constituency commission's signed summary protocol: the constituency's totals of counted protocols when it signed,
 * kept as canonical JSON with its SHA-256. Never changed: a CEC decision may withdraw it, and the constituency then
 * signs the next {@code round}.
 */
public record ConstituencyProtocol(long contestId, long constituencyId, String constituencyCode, int round, String signedBy,
                                   OffsetDateTime signedAt, Tally totals, String sha256) {
}
