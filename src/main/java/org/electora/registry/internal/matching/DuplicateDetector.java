package org.electora.registry.internal.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.electora.registry.PersonRecord;
import org.electora.registry.ProbableDuplicate;

/**
 * Finds probable duplicates: blocking (only records sharing a blocking key are compared), field comparison into
 * agreement levels, Fellegi–Sunter weights learned by EM from the candidate pairs, and a decision at posterior
 * probability ≥ 0.5. Deterministic for a given input.
 */
public final class DuplicateDetector {

    /** Blocks larger than this are too common a key to say anything (e.g. one surname in a whole city) and are skipped. */
    static final int MAX_BLOCK = 400;

    private DuplicateDetector() {
    }

    /** Probable duplicates within one set of records. */
    public static List<ProbableDuplicate> deduplicate(List<PersonRecord> records) {
        return match(records, null);
    }

    /** Probable same persons across two sets (each pair has one record from each side). */
    public static List<ProbableDuplicate> link(List<PersonRecord> left, List<PersonRecord> right) {
        List<PersonRecord> all = new ArrayList<>(left);
        all.addAll(right);
        return match(all, left.size());
    }

    private static List<ProbableDuplicate> match(List<PersonRecord> records, Integer leftSize) {
        FieldComparison.Prepared[] prepared = records.parallelStream().map(FieldComparison.Prepared::of)
                .toArray(FieldComparison.Prepared[]::new);
        String[][] keys = Arrays.stream(prepared).parallel().map(DuplicateDetector::blockingKeys).toArray(String[][]::new);

        Map<String, Integer> sizes = new HashMap<>();
        for (String[] recordKeys : keys) {
            for (int slot = 0; slot < recordKeys.length; slot++) {
                if (recordKeys[slot] != null) {
                    sizes.merge(slot + ":" + recordKeys[slot], 1, Integer::sum);
                }
            }
        }
        // A key is usable when its block is compared at all (2..MAX_BLOCK records).
        boolean[][] usable = new boolean[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            usable[i] = new boolean[keys[i].length];
            for (int slot = 0; slot < keys[i].length; slot++) {
                Integer size = keys[i][slot] == null ? null : sizes.get(slot + ":" + keys[i][slot]);
                usable[i][slot] = size != null && size > 1 && size <= MAX_BLOCK;
            }
        }
        List<int[]> blocks = blocks(keys);
        // Pass 1: how often each agreement pattern occurs (each pair once: in the first usable key the two share).
        long[] counts = blocks.parallelStream().collect(() -> new long[1 << (2 * FieldComparison.FIELDS)],
                (acc, block) -> forEachPair(block, keys, usable, leftSize,
                        (a, b) -> acc[FieldComparison.pattern(prepared[a], prepared[b])]++),
                (x, y) -> {
                    for (int i = 0; i < x.length; i++) {
                        x[i] += y[i];
                    }
                });
        Map<Integer, Long> patternCounts = new HashMap<>();
        for (int p = 0; p < counts.length; p++) {
            if (counts[p] > 0) {
                patternCounts.put(p, counts[p]);
            }
        }
        if (patternCounts.isEmpty()) {
            return List.of();
        }
        FellegiSunter model = FellegiSunter.learn(patternCounts, randomPairs(prepared, leftSize));
        double[] weights = new double[counts.length];
        patternCounts.keySet().forEach(p -> weights[p] = model.weight(p));
        // Pass 2: compare again and keep the pairs whose posterior probability of a match is at least one half.
        List<ProbableDuplicate> found = blocks.parallelStream().<ProbableDuplicate>mapMulti((block, sink) ->
                forEachPair(block, keys, usable, leftSize, (a, b) -> {
                    double w = weights[FieldComparison.pattern(prepared[a], prepared[b])];
                    double probability = model.probability(w);
                    if (probability >= 0.5) {
                        sink.accept(new ProbableDuplicate(records.get(a).id(), records.get(b).id(), w, probability));
                    }
                })).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        found.sort((x, y) -> x.weight() != y.weight() ? Double.compare(y.weight(), x.weight())
                : (x.firstId() + x.secondId()).compareTo(y.firstId() + y.secondId()));
        return found;
    }

    /** Agreement patterns of random pairs (seeded: the result is deterministic): what non-matches look like. */
    private static Map<Integer, Long> randomPairs(FieldComparison.Prepared[] prepared, Integer leftSize) {
        var random = new java.util.SplittableRandom(0x5EED);
        Map<Integer, Long> counts = new HashMap<>();
        int samples = Math.min(200_000, prepared.length * 20);
        for (int i = 0; i < samples; i++) {
            int a = leftSize == null ? random.nextInt(prepared.length) : random.nextInt(leftSize);
            int b = leftSize == null ? random.nextInt(prepared.length) : leftSize + random.nextInt(prepared.length - leftSize);
            if (a != b) {
                counts.merge(FieldComparison.pattern(prepared[a], prepared[b]), 1L, Long::sum);
            }
        }
        return counts;
    }

    /** Keys chosen so that a typing error in any one field still leaves a shared key. */
    static String[] blockingKeys(FieldComparison.Prepared p) {
        PersonRecord r = p.record();
        String given = p.given();
        String family = p.family();
        String dob = r.dateOfBirth();
        return new String[]{
                r.nationalId().isEmpty() ? null : "n" + r.nationalId(),
                dob.isEmpty() ? null : "d" + dob,
                family.isEmpty() || dob.length() < 4 ? null : "f" + prefix(family, 3) + dob.substring(0, 4),
                given.isEmpty() || family.isEmpty() || dob.length() < 4 ? null
                        : "g" + prefix(given, 3) + "|" + prefix(family, 3) + dob.substring(0, 4),
                given.isEmpty() || dob.length() < 8 ? null : "m" + prefix(given, 2) + dob.substring(4, 8),
                r.postcode().isEmpty() || family.isEmpty() ? null : "p" + r.postcode() + prefix(family, 2),
        };
    }

    private static String prefix(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n);
    }

    /** Record indices per blocking key (the key's slot is kept as the array's last element). */
    private static List<int[]> blocks(String[][] keys) {
        Map<String, List<Integer>> byKey = new HashMap<>();
        for (int i = 0; i < keys.length; i++) {
            for (int slot = 0; slot < keys[i].length; slot++) {
                if (keys[i][slot] != null) {
                    byKey.computeIfAbsent(slot + ":" + keys[i][slot], x -> new ArrayList<>(2)).add(i);
                }
            }
        }
        List<int[]> blocks = new ArrayList<>();
        byKey.forEach((key, members) -> {
            if (members.size() > 1 && members.size() <= MAX_BLOCK) {
                int[] block = new int[members.size() + 1];
                for (int i = 0; i < members.size(); i++) {
                    block[i] = members.get(i);
                }
                block[members.size()] = Integer.parseInt(key.substring(0, key.indexOf(':')));
                blocks.add(block);
            }
        });
        blocks.sort((a, b) -> Integer.compare(a[0], b[0]));
        return blocks;
    }

    interface PairVisitor {
        void visit(int a, int b);
    }

    /** Visits the pairs of one block, skipping pairs that an earlier usable key slot already brings together. */
    private static void forEachPair(int[] block, String[][] keys, boolean[][] usable, Integer leftSize, PairVisitor visitor) {
        int n = block.length - 1;
        int slot = block[n];
        for (int x = 0; x < n; x++) {
            for (int y = x + 1; y < n; y++) {
                int a = Math.min(block[x], block[y]);
                int b = Math.max(block[x], block[y]);
                if (leftSize != null && (a >= leftSize || b < leftSize)) {
                    continue; // linking: one record from each side
                }
                if (!sharesEarlierKey(keys[a], keys[b], usable[a], slot)) {
                    visitor.visit(a, b);
                }
            }
        }
    }

    private static boolean sharesEarlierKey(String[] a, String[] b, boolean[] usableA, int slot) {
        return IntStream.range(0, slot).anyMatch(s -> usableA[s] && a[s] != null && a[s].equals(b[s]));
    }
}
