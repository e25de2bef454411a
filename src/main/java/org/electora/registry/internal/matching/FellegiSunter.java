package org.electora.registry.internal.matching;

import java.util.Map;

/**
 * Fellegi–Sunter weights learned without labels (Winkler 1988) by expectation–maximisation over the agreement
 * patterns of the candidate pairs: the share of matches, and per field the probability of each agreement level among
 * matches (m) and among non-matches (u). EM starts from u measured on random pairs of records (almost all
 * non-matches), which keeps it from swapping the two classes on populations with few distinct names.
 * A pair's weight is the sum of log2(m/u) over its fields.
 */
final class FellegiSunter {

    private static final int ITERATIONS = 50;
    private static final double FLOOR = 1e-6;

    final double matchShare;
    final double[][] m = new double[FieldComparison.FIELDS][FieldComparison.LEVELS];
    final double[][] u = new double[FieldComparison.FIELDS][FieldComparison.LEVELS];

    private FellegiSunter(double matchShare) {
        this.matchShare = matchShare;
    }

    /**
     * Learns from how often each agreement pattern occurs among the candidate pairs ({@code patternCounts}) and
     * among random pairs ({@code randomCounts}).
     */
    static FellegiSunter learn(Map<Integer, Long> patternCounts, Map<Integer, Long> randomCounts) {
        int fields = FieldComparison.FIELDS;
        var model = new FellegiSunter(0.1);
        double[][] u = new double[fields][FieldComparison.LEVELS];
        randomCounts.forEach((pattern, count) -> {
            for (int f = 0; f < fields; f++) {
                u[f][FieldComparison.level(pattern, f)] += count;
            }
        });
        for (int f = 0; f < fields; f++) {
            normalise(u[f]);
            model.u[f] = u[f];
            // Starting point: agreement is likely among matches.
            model.m[f] = new double[]{0.1, 0.05, 0.15, 0.7};
        }
        double share = 0.1;
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            double[][] mNext = new double[fields][FieldComparison.LEVELS];
            double[][] uNext = new double[fields][FieldComparison.LEVELS];
            double matches = 0;
            double total = 0;
            for (var entry : patternCounts.entrySet()) {
                int pattern = entry.getKey();
                double count = entry.getValue();
                double pm = share;
                double pu = 1 - share;
                for (int f = 0; f < fields; f++) {
                    int level = FieldComparison.level(pattern, f);
                    pm *= model.m[f][level];
                    pu *= model.u[f][level];
                }
                double g = pm / (pm + pu);
                matches += g * count;
                total += count;
                for (int f = 0; f < fields; f++) {
                    int level = FieldComparison.level(pattern, f);
                    mNext[f][level] += g * count;
                    uNext[f][level] += (1 - g) * count;
                }
            }
            share = Math.max(FLOOR, Math.min(1 - FLOOR, matches / total));
            for (int f = 0; f < fields; f++) {
                normalise(mNext[f]);
                normalise(uNext[f]);
                model.m[f] = mNext[f];
                model.u[f] = uNext[f];
            }
        }
        var learned = new FellegiSunter(share);
        for (int f = 0; f < fields; f++) {
            learned.m[f] = model.m[f];
            learned.u[f] = model.u[f];
        }
        return learned;
    }

    private static void normalise(double[] p) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.max(p[i], FLOOR);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
    }

    double weight(int pattern) {
        double w = 0;
        for (int f = 0; f < FieldComparison.FIELDS; f++) {
            int level = FieldComparison.level(pattern, f);
            w += Math.log(m[f][level] / u[f][level]) / Math.log(2);
        }
        return w;
    }

    /** Posterior probability that a pair with this weight is a match. */
    double probability(double weight) {
        double odds = Math.pow(2, weight) * matchShare / (1 - matchShare);
        return odds / (1 + odds);
    }
}
