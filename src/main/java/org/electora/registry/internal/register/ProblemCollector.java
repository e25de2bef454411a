package org.electora.registry.internal.register;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.electora.platform.Problem;
import org.electora.registry.RegisterImport;

/** Keeps the first problems of each rule code and counts them all, so that a file of 10 million bad rows fits. */
final class ProblemCollector implements RegisterCsv.Problems {

    private final Map<String, Long> counts = new TreeMap<>();
    private final List<Problem> kept = new ArrayList<>();

    @Override
    public void add(String ruleCode, long line, String field, String message) {
        long count = counts.merge(ruleCode, 1L, Long::sum);
        if (count <= RegisterImport.Report.PROBLEMS_PER_RULE) {
            kept.add(Problem.at((int) Math.min(line, Integer.MAX_VALUE), ruleCode, field, message));
        }
    }

    /**
     * One of the first rows of a rule SQL found, with the rule's total that SQL counted: kept, and counted once as
     * part of {@code total} (not once more per row, as {@link #add(String, long, String, String)} counts).
     */
    void add(String ruleCode, long line, String field, String message, long total) {
        long keptOfRule = kept.stream().filter(p -> p.ruleCode().equals(ruleCode)).count();
        if (keptOfRule < RegisterImport.Report.PROBLEMS_PER_RULE) {
            kept.add(Problem.at((int) Math.min(line, Integer.MAX_VALUE), ruleCode, field, message));
        }
        counts.merge(ruleCode, total, Math::max);
    }

    boolean isEmpty() {
        return counts.isEmpty();
    }

    long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    Map<String, Long> counts() {
        return counts;
    }

    List<Problem> problems() {
        return kept.stream().sorted(Comparator.comparing(Problem::ruleCode).thenComparingInt(Problem::line)).toList();
    }
}
