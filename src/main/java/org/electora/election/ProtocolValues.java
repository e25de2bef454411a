package org.electora.election;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The numbers written on one protocol as entered, before any check: they may be incomplete, carry lines the
 * template does not know, or be negative, because reporting those mistakes is the job of
 * {@link ProtocolTemplate#check(ProtocolValues)}, not of the constructor.
 *
 * @param lines          value per line number of the template
 * @param candidateVotes votes per candidate, keyed by candidate id as a string
 */
public record ProtocolValues(Map<Integer, Long> lines, Map<String, Long> candidateVotes) {

    public ProtocolValues {
        lines = Map.copyOf(Objects.requireNonNull(lines, "lines"));
        candidateVotes = Map.copyOf(Objects.requireNonNull(candidateVotes, "candidateVotes"));
        for (Integer number : lines.keySet()) {
            if (number < 1) {
                throw new IllegalArgumentException("line numbers start at 1, got " + number);
            }
        }
        for (String candidate : candidateVotes.keySet()) {
            if (candidate.isBlank()) {
                throw new IllegalArgumentException("candidate key must not be blank");
            }
        }
    }

    /** Convenience for data entry and tests: {@code values[0]} is line 1, {@code values[1]} line 2, and so on. */
    public static ProtocolValues numbered(Map<String, Long> candidateVotes, long... linesFromOne) {
        var lines = new HashMap<Integer, Long>();
        for (int i = 0; i < linesFromOne.length; i++) {
            lines.put(i + 1, linesFromOne[i]);
        }
        return new ProtocolValues(lines, candidateVotes);
    }

    public boolean hasLine(int number) {
        return lines.containsKey(number);
    }

    /** @throws IllegalArgumentException if the line was not entered; callers check completeness first */
    public long line(int number) {
        Long value = lines.get(number);
        if (value == null) {
            throw new IllegalArgumentException("line L" + number + " has no value");
        }
        return value;
    }

    public long candidateTotal() {
        long total = 0;
        for (long votes : candidateVotes.values()) {
            total = Math.addExact(total, votes);
        }
        return total;
    }

    /** Returns a copy with one line replaced, so corrections keep the original protocol intact for the audit trail. */
    public ProtocolValues withLine(int number, long value) {
        var copy = new HashMap<>(lines);
        copy.put(number, value);
        return new ProtocolValues(copy, candidateVotes);
    }
}
