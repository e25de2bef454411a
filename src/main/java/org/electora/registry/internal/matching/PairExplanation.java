package org.electora.registry.internal.matching;

import java.util.ArrayList;
import java.util.List;

import org.electora.registry.PersonRecord;

/**
 * Why the detector scored a pair as it did: the agreement level of each compared field, computed by the same
 * {@link Comparisons} the detector uses (so the explanation cannot drift from the score).
 */
public final class PairExplanation {

    private static final String[] LEVELS = {"MISSING", "DISAGREE", "PARTIAL", "AGREE"};

    /** One field's comparison: {@code level} is MISSING, DISAGREE, PARTIAL or AGREE. */
    public record Comparison(String field, String level) {
    }

    private PairExplanation() {
    }

    public static List<Comparison> explain(PersonRecord a, PersonRecord b) {
        int pattern = new Comparisons(new FieldComparison.Prepared[] {FieldComparison.Prepared.of(a), FieldComparison.Prepared.of(b)})
                .pattern(0, 1);
        List<Comparison> comparisons = new ArrayList<>();
        for (FieldComparison.Field field : FieldComparison.Field.values()) {
            comparisons.add(new Comparison(field.name(), LEVELS[FieldComparison.level(pattern, field.ordinal())]));
        }
        return List.copyOf(comparisons);
    }
}
