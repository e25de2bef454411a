package org.electora.bench;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.electora.registry.PersonRecord;
import org.electora.registry.ProbableDuplicate;
import org.electora.registry.internal.SyntheticPeople;
import org.electora.registry.internal.matching.DuplicateDetector;

/**
 * Duplicate detection on a synthetic register with planted duplicates (bench/dedup.sh). Prints time, precision,
 * recall and F1; the baseline in the same run is the time to generate and prepare the records (a lower bound).
 * Arguments: [people, default 1,000,000] [duplicate share, default 0.02].
 */
public final class DedupBenchmark {

    public static void main(String[] args) {
        int people = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        double share = args.length > 1 ? Double.parseDouble(args[1]) : 0.02;
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double loadBefore = os.getSystemLoadAverage();
        long t0 = System.nanoTime();
        List<SyntheticPeople.Generated> generated = SyntheticPeople.generate(people, share, 20240207L);
        List<PersonRecord> records = generated.stream().map(SyntheticPeople.Generated::person).toList();
        long t1 = System.nanoTime();
        long cpu1 = os.getProcessCpuTime();
        List<ProbableDuplicate> found = DuplicateDetector.deduplicate(records);
        long t2 = System.nanoTime();
        long cpu2 = os.getProcessCpuTime();

        // Truth: a planted duplicate and its original, and planted duplicates of the same original among themselves.
        var byOriginal = new java.util.HashMap<String, List<String>>();
        generated.stream().filter(g -> g.duplicateOf() != null)
                .forEach(g -> byOriginal.computeIfAbsent(g.duplicateOf(), k -> new java.util.ArrayList<>()).add(g.person().id()));
        Set<String> truth = new HashSet<>();
        byOriginal.forEach((original, dups) -> {
            List<String> group = new java.util.ArrayList<>(dups);
            group.add(original);
            for (int i = 0; i < group.size(); i++) {
                for (int j = i + 1; j < group.size(); j++) {
                    truth.add(key(group.get(i), group.get(j)));
                }
            }
        });
        long correct = found.stream().filter(d -> truth.contains(key(d.firstId(), d.secondId()))).count();
        double precision = found.isEmpty() ? 0 : (double) correct / found.size();
        double recall = (double) correct / truth.size();
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        Runtime rt = Runtime.getRuntime();
        System.out.printf("records %,d (planted duplicates %.1f%%), cores %d, max heap %,d MiB%n", people, share * 100,
                rt.availableProcessors(), rt.maxMemory() / (1024 * 1024));
        System.out.printf("baseline: generating the records took %.1f s%n", (t1 - t0) / 1e9);
        System.out.printf("duplicate detection took %.1f s (%.1f x the baseline)%n", (t2 - t1) / 1e9,
                (double) (t2 - t1) / (t1 - t0));
        // The machine may be shared: CPU time and load average say how much of the wall time was this process's.
        System.out.printf("detection CPU time %.1f s (all threads); load average (1 min) %.2f before, %.2f after%n",
                (cpu2 - cpu1) / 1e9, loadBefore, os.getSystemLoadAverage());
        System.out.printf("true pairs %,d, found %,d, correct %,d: precision %.4f, recall %.4f, F1 %.4f%n",
                truth.size(), found.size(), correct, precision, recall, f1);
    }

    private static String key(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }
}
