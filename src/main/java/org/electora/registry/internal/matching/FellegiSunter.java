package org.electora.registry.internal.matching;

/**
 * Fellegi–Sunter weights over all pairs of records. The u-probabilities (how often each agreement level occurs among
 * non-matches) are measured on random pairs, which are almost all non-matches, and stay fixed. The m-probabilities
 * (the same among matches) and the share of matches among all pairs are learned without labels by
 * expectation–maximisation over the candidate pairs that blocking brings together, every other pair counting as a
 * non-match. Because u is fixed and the prior is the share among all pairs, pairs of different people that blocking
 * selects (namesakes born on the same day) are explained by how rare their agreement is, instead of pulling EM into
 * taking them for the match class — the failure of the former two-class EM on populations with common names.
 * A pair's weight is the sum of log2(m/u) over its fields; agreeing on a value that many records share weighs less
 * (u is then that value's frequency: see {@link DuplicateDetector}).
 */
final class FellegiSunter {

    private static final int ITERATIONS = 60;
    private static final double FLOOR = 1e-6;

    /** The share of matches among all pairs of records. */
    final double prior;
    final double[][] m;
    final double[][] u;

    private FellegiSunter(double prior, double[][] m, double[][] u) {
        this.prior = prior;
        this.m = m;
        this.u = u;
    }

    /**
     * Learns from how often each agreement pattern occurs among the candidate pairs ({@code candidateCounts}, indexed
     * by pattern) and among {@code randomCounts} (random pairs), for a population of {@code totalPairs} pairs.
     */
    static FellegiSunter learn(long[] candidateCounts, long[] randomCounts, double totalPairs) {
        int fields = FieldComparison.FIELDS;
        double[][] u = new double[fields][FieldComparison.LEVELS];
        long samples = 0;
        for (int pattern = 0; pattern < randomCounts.length; pattern++) {
            if (randomCounts[pattern] > 0) {
                samples += randomCounts[pattern];
                for (int f = 0; f < fields; f++) {
                    u[f][FieldComparison.level(pattern, f)] += randomCounts[pattern];
                }
            }
        }
        // A level never seen among the random pairs is rarer than one in the sample: half an observation.
        double unseen = 0.5 / Math.max(1, samples);
        for (int f = 0; f < fields; f++) {
            normalise(u[f], unseen);
        }
        double[][] m = new double[fields][];
        for (int f = 0; f < fields; f++) {
            // Starting point: agreement is likely among matches.
            m[f] = new double[]{1, 0.1, 0.2, 0.7};
        }
        long candidates = 0;
        for (long c : candidateCounts) {
            candidates += c;
        }
        // Starting point: as many matches as one candidate pair in a hundred.
        double prior = Math.max(1, candidates / 100.0) / totalPairs;
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            double[][] mNext = new double[fields][FieldComparison.LEVELS];
            double matches = 0;
            for (int pattern = 0; pattern < candidateCounts.length; pattern++) {
                long count = candidateCounts[pattern];
                if (count == 0) {
                    continue;
                }
                double pm = prior;
                double pu = 1 - prior;
                for (int f = 0; f < fields; f++) {
                    int level = FieldComparison.level(pattern, f);
                    pm *= m[f][level];
                    pu *= u[f][level];
                }
                double g = pm / (pm + pu) * count;
                matches += g;
                for (int f = 0; f < fields; f++) {
                    mNext[f][FieldComparison.level(pattern, f)] += g;
                }
            }
            if (matches <= 0) {
                break;
            }
            prior = Math.min(0.5, matches / totalPairs);
            for (int f = 0; f < fields; f++) {
                normalise(mNext[f], FLOOR);
                m[f] = mNext[f];
            }
        }
        return new FellegiSunter(prior, m, u);
    }

    /** Probabilities of the known levels; a missing value is no evidence either way (m = u = 1). */
    private static void normalise(double[] p, double floor) {
        double sum = 0;
        for (int i = FieldComparison.DISAGREE; i < p.length; i++) {
            sum += p[i];
        }
        for (int i = FieldComparison.DISAGREE; i < p.length; i++) {
            p[i] = Math.max(sum == 0 ? 0 : p[i] / sum, floor);
        }
        p[FieldComparison.MISSING] = 1;
    }

    /** log2(m/u) of one field at one level, with u given (a value's frequency) or, when NaN, the model's. */
    double fieldWeight(int field, int level, double uOfValue) {
        double uu = Double.isNaN(uOfValue) ? u[field][level] : Math.max(uOfValue, FLOOR * FLOOR);
        return Math.log(m[field][level] / uu) / Math.log(2);
    }

    /** The weight of a pattern with the model's u for every field. */
    double weight(int pattern) {
        double w = 0;
        for (int f = 0; f < FieldComparison.FIELDS; f++) {
            w += fieldWeight(f, FieldComparison.level(pattern, f), Double.NaN);
        }
        return w;
    }

    /** Posterior probability that a pair with this weight is a match. */
    double probability(double weight) {
        double odds = Math.pow(2, weight) * prior / (1 - prior);
        return odds / (1 + odds);
    }

    @Override
    public String toString() {
        var sb = new StringBuilder(String.format("prior %.3g", prior));
        for (var f : FieldComparison.Field.values()) {
            sb.append(String.format("; %s m=[%.3f %.3f %.3f %.3f] u=[%.3g %.3g %.3g %.3g]", f,
                    m[f.ordinal()][0], m[f.ordinal()][1], m[f.ordinal()][2], m[f.ordinal()][3],
                    u[f.ordinal()][0], u[f.ordinal()][1], u[f.ordinal()][2], u[f.ordinal()][3]));
        }
        return sb.toString();
    }
}
