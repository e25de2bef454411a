package org.electora.results;

import java.util.List;

/** A protocol version breaks hard control relations and does not count until corrected or released. */
public record ProtocolQuarantined(ProtocolId protocol, long contestId, long stationId, int version, List<String> ruleCodes) {
    public ProtocolQuarantined {
        ruleCodes = List.copyOf(ruleCodes);
    }
}
