package org.electora.results;

import java.util.Map;

/**
 * Where a station's protocol for a contest stands, with the lines and votes of the version that counts (empty when
 * none counts): what a published snapshot shows per station.
 *
 * @param votes votes by candidate ballot order
 */
public record ProtocolSummary(long stationId, String stationCode, long constituencyId, ProtocolStatus status,
                              int version, Integer countedVersion, Map<Integer, Long> lines, Map<Integer, Long> votes,
                              String scanSha256) {
    public ProtocolSummary {
        lines = Map.copyOf(lines);
        votes = Map.copyOf(votes);
    }
}
