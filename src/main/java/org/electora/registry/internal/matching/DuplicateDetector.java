package org.electora.registry.internal.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.electora.registry.PersonRecord;
import org.electora.registry.ProbableDuplicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds probable duplicates: blocking (only records sharing a blocking key are compared), field comparison into
 * agreement levels, Fellegi–Sunter weights ({@link FellegiSunter}: u from random pairs, m and the share of matches
 * learned by EM), agreement on a common value (Mammadov, a popular birthday) weighing less than on a rare one, and a
 * decision at posterior probability ≥ 0.5 under the learned share of matches among all pairs. Deterministic for a
 * given input.
 */
public final class DuplicateDetector {

    /** Blocks larger than this are too common a key to say anything (e.g. one surname in a whole city) and are skipped. */
    static final int MAX_BLOCK = 400;
    /** Random pairs that measure u (what non-matches look like): at most this many, two per record. */
    static final int RANDOM_PAIRS = 2_000_000;
    private static final Logger log = LoggerFactory.getLogger(DuplicateDetector.class);

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
        Comparisons comparisons = new Comparisons(prepared);
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
        sizes = null;
        List<int[]> blocks = blocks(keys);
        // Pass 1: how often each agreement pattern occurs (each pair once: in the first usable key the two share).
        long[] counts = blocks.parallelStream().collect(() -> new long[1 << (2 * FieldComparison.FIELDS)],
                (acc, block) -> forEachPair(block, keys, usable, leftSize,
                        (a, b) -> acc[comparisons.pattern(a, b)]++),
                DuplicateDetector::add);
        long candidates = Arrays.stream(counts).sum();
        if (candidates == 0) {
            return List.of();
        }
        int n = prepared.length;
        double totalPairs = leftSize == null ? (double) n * (n - 1) / 2 : (double) leftSize * (n - leftSize);
        FellegiSunter model = FellegiSunter.learn(counts, randomPairs(comparisons, n, leftSize), totalPairs);
        log.info("{} records, {} candidate pairs; {}", n, candidates, model);
        // Pass 2: compare again and keep the pairs whose posterior probability of a match is at least one half.
        List<ProbableDuplicate> found = blocks.parallelStream().<ProbableDuplicate>mapMulti((block, sink) ->
                forEachPair(block, keys, usable, leftSize, (a, b) -> {
                    double w = weight(model, comparisons.pattern(a, b), comparisons, a);
                    double probability = model.probability(w);
                    if (probability >= 0.5) {
                        sink.accept(new ProbableDuplicate(records.get(a).id(), records.get(b).id(), w, probability));
                    }
                })).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        found.sort((x, y) -> x.weight() != y.weight() ? Double.compare(y.weight(), x.weight())
                : (x.firstId() + x.secondId()).compareTo(y.firstId() + y.secondId()));
        return found;
    }

    /**
     * The pair's weight; where two values agree exactly, u is that value's frequency among the records (the chance
     * that another person has it too) rather than the average over all values.
     */
    static double weight(FellegiSunter model, int pattern, Comparisons comparisons, int a) {
        double w = 0;
        for (int f = 0; f < FieldComparison.FIELDS; f++) {
            int level = FieldComparison.level(pattern, f);
            double u = level == FieldComparison.AGREE ? comparisons.frequency(f, a) : Double.NaN;
            w += model.fieldWeight(f, level, u);
        }
        return w;
    }

    private static long[] add(long[] x, long[] y) {
        for (int i = 0; i < x.length; i++) {
            x[i] += y[i];
        }
        return x;
    }

    /** Agreement patterns of random pairs (seeded: the result is deterministic): what non-matches look like. */
    private static long[] randomPairs(Comparisons comparisons, int n, Integer leftSize) {
        int chunks = 16;
        int samples = Math.min(RANDOM_PAIRS, Math.max(200_000, 2 * n));
        return java.util.stream.IntStream.range(0, chunks).parallel().mapToObj(chunk -> {
            var random = new java.util.SplittableRandom(0x5EED + chunk);
            long[] counts = new long[1 << (2 * FieldComparison.FIELDS)];
            for (int i = 0; i < samples / chunks; i++) {
                int a = leftSize == null ? random.nextInt(n) : random.nextInt(leftSize);
                int b = leftSize == null ? random.nextInt(n) : leftSize + random.nextInt(n - leftSize);
                if (a != b) {
                    counts[comparisons.pattern(a, b)]++;
                }
            }
            return counts;
        }).reduce(DuplicateDetector::add).orElseThrow();
    }

    /**
     * Keys chosen so that one to three errors (a typing error in a name, the name in another script, a wrong digit
     * or swapped day and month in the birth date, a new national id, a new address) still leave a shared key, while
     * no key is so common that its blocks (namesakes, people born on one day) make the comparisons quadratic.
     * Names in keys are in a rough phonetic form, so that Cyrillic spellings block with Latin ones.
     */
    static String[] blockingKeys(FieldComparison.Prepared p) {
        PersonRecord r = p.record();
        String given = phonetic(p.given());
        String family = phonetic(p.family());
        String dob = r.dateOfBirth();
        boolean names = !given.isEmpty() && !family.isEmpty();
        return new String[]{
                r.nationalId().isEmpty() ? null : "n" + r.nationalId(),
                dob.isEmpty() || given.isEmpty() ? null : "d" + dayMonthUnordered(dob) + given.charAt(0),
                dob.isEmpty() || family.isEmpty() ? null : "e" + dayMonthUnordered(dob) + family.charAt(0),
                !names || dob.length() < 4 ? null : "g" + prefix(given, 3) + "|" + prefix(family, 3) + dob.substring(0, 4),
                !names || dob.length() < 8 ? null : "m" + prefix(given, 2) + "|" + prefix(family, 2) + dob.substring(4, 8),
                r.postcode().isEmpty() || family.isEmpty() ? null : "p" + r.postcode() + prefix(family, 2),
        };
    }

    /** Spellings that transliteration between scripts confuses, made one: kh/h, dzh/j, zh/j, q/g, ye/e. */
    static String phonetic(String latin) {
        if (latin.indexOf('h') < 0 && latin.indexOf('q') < 0 && latin.indexOf('y') < 0) {
            return latin;
        }
        return latin.replace("dzh", "j").replace("kh", "h").replace("zh", "j").replace('q', 'g').replace("ye", "e");
    }

    /** The birth date with day and month in a fixed order, so that a swapped day and month block together. */
    static String dayMonthUnordered(String dob) {
        if (dob.length() != 8) {
            return dob;
        }
        String mm = dob.substring(4, 6);
        String dd = dob.substring(6, 8);
        return mm.compareTo(dd) <= 0 ? dob : dob.substring(0, 4) + dd + mm;
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
        for (int s = 0; s < slot; s++) {
            if (usableA[s] && a[s] != null && a[s].equals(b[s])) {
                return true;
            }
        }
        return false;
    }
}
