package org.electora.support;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A fluent builder of CIS-template protocols that balance by construction:
 * {@code aProtocol().withVotes(500, 300, 150).withInvalid(20)}.
 */
public final class ProtocolBuilder {

    private long votersOnList = 1500;
    private long[] votes = {500, 300, 150};
    private long invalid = 20;
    private long mobile = 30;
    private long spoilt = 2;
    private long unused = 100;
    private long transfers = 3;
    private final Map<Integer, Long> overrides = new HashMap<>();

    public static ProtocolBuilder aProtocol() {
        return new ProtocolBuilder();
    }

    public ProtocolBuilder withVotes(long... votes) {
        this.votes = votes.clone();
        return this;
    }

    public ProtocolBuilder withInvalid(long invalid) {
        this.invalid = invalid;
        return this;
    }

    public ProtocolBuilder withVotersOnList(long voters) {
        this.votersOnList = voters;
        return this;
    }

    /** Sets one line to a value regardless of balance (to break a relation on purpose). */
    public ProtocolBuilder withLine(int line, long value) {
        overrides.put(line, value);
        return this;
    }

    public long valid() {
        long sum = 0;
        for (long v : votes) {
            sum += v;
        }
        return sum;
    }

    public Map<Integer, Long> lines() {
        long valid = valid();
        long inBoxes = valid + invalid;
        long issued = inBoxes;              // every issued ballot found in a box
        long outside = Math.min(mobile, issued);
        long atStation = issued - outside;
        Map<Integer, Long> lines = new LinkedHashMap<>();
        lines.put(1, votersOnList);
        lines.put(2, transfers);
        lines.put(3, atStation + outside + unused + spoilt);
        lines.put(4, atStation);
        lines.put(5, outside);
        lines.put(6, unused);
        lines.put(7, outside);
        lines.put(8, atStation);
        lines.put(9, invalid);
        lines.put(10, valid);
        lines.put(11, spoilt);
        lines.putAll(overrides);
        return lines;
    }

    public Map<Integer, Long> votesByBallotOrder() {
        Map<Integer, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < votes.length; i++) {
            m.put(i + 1, votes[i]);
        }
        return m;
    }

    /** The JSON body of {@code POST /api/v1/protocols}. */
    public Map<String, Object> body(long contestId, long stationId, UUID clientSubmissionId, Integer version, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientSubmissionId", clientSubmissionId.toString());
        body.put("contestId", contestId);
        body.put("stationId", stationId);
        body.put("lines", lines());
        body.put("votes", votesByBallotOrder());
        body.put("version", version);
        body.put("reason", reason);
        return body;
    }

    public Map<String, Object> body(long contestId, long stationId) {
        return body(contestId, stationId, UUID.randomUUID(), null, null);
    }
}
