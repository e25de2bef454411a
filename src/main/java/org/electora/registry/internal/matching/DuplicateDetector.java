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
        // Each pair is compared once: in the first usable key (in key order) the two records share.
        List<long[]> perBlock = blocks.parallelStream()
                .map(block -> compareBlock(block, keys, usable, prepared, leftSize)).toList();

        int total = perBlock.stream().mapToInt(a -> a.length / 2).sum();
        long[] pairs = new long[total];
        int[] patterns = new int[total];
        int k = 0;
        for (long[] b : perBlock) {
            for (int i = 0; i < b.length; i += 2) {
                pairs[k] = b[i];
                patterns[k++] = (int) b[i + 1];
            }
        }
        Map<Integer, Long> counts = new HashMap<>();
        for (int p : patterns) {
            counts.merge(p, 1L, Long::sum);
        }
        if (counts.isEmpty()) {
            return List.of();
        }
        FellegiSunter model = FellegiSunter.learn(counts);
        Map<Integer, Double> weights = new HashMap<>();
        counts.keySet().forEach(p -> weights.put(p, model.weight(p)));
        List<ProbableDuplicate> found = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            double w = weights.get(patterns[i]);
            double probability = model.probability(w);
            if (probability >= 0.5) {
                int a = (int) (pairs[i] >>> 32);
                int b = (int) pairs[i];
                found.add(new ProbableDuplicate(records.get(a).id(), records.get(b).id(), w, probability));
            }
        }
        found.sort((x, y) -> Double.compare(y.weight(), x.weight()));
        return found;
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
                given.isEmpty() || family.isEmpty() ? null : "g" + prefix(given, 3) + "|" + prefix(family, 3),
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

    /** Pairs of one block as (pair, pattern) longs, skipping pairs an earlier key slot already brings together. */
    private static long[] compareBlock(int[] block, String[][] keys, boolean[][] usable, FieldComparison.Prepared[] prepared,
                                       Integer leftSize) {
        int n = block.length - 1;
        int slot = block[n];
        long[] out = new long[n * (n - 1)];
        int k = 0;
        for (int x = 0; x < n; x++) {
            for (int y = x + 1; y < n; y++) {
                int a = Math.min(block[x], block[y]);
                int b = Math.max(block[x], block[y]);
                if (leftSize != null && (a >= leftSize || b < leftSize)) {
                    continue; // linking: one record from each side
                }
                if (sharesEarlierKey(keys[a], keys[b], usable[a], slot)) {
                    continue;
                }
                out[k++] = ((long) a << 32) | b;
                out[k++] = FieldComparison.pattern(prepared[a], prepared[b]);
            }
        }
        return Arrays.copyOf(out, k);
    }

    private static boolean sharesEarlierKey(String[] a, String[] b, boolean[] usableA, int slot) {
        return IntStream.range(0, slot).anyMatch(s -> usableA[s] && a[s] != null && a[s].equals(b[s]));
    }
}
