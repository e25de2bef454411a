package org.electora.registry.internal.matching;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.electora.registry.ProbableDuplicate;
import org.electora.registry.internal.SyntheticPeople;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DuplicateDetectorTest {

    @Test
    void findsPlantedDuplicatesAmongManyNamesakesWithoutTakingNamesakesForThem() {
        long seed = 20240207L;
        System.out.println("seed " + seed);
        List<SyntheticPeople.Generated> generated = SyntheticPeople.generate(30_000, 0.02, seed);
        List<ProbableDuplicate> found = DuplicateDetector.deduplicate(generated.stream().map(SyntheticPeople.Generated::person).toList());
        Set<String> truth = new HashSet<>();
        var byOriginal = new HashMap<String, List<String>>();
        generated.stream().filter(g -> g.duplicateOf() != null).forEach(g -> byOriginal
                .computeIfAbsent(g.duplicateOf(), k -> new java.util.ArrayList<>()).add(g.person().id()));
        byOriginal.forEach((original, dups) -> {
            var group = new java.util.ArrayList<>(dups);
            group.add(original);
            for (int i = 0; i < group.size(); i++) {
                for (int j = i + 1; j < group.size(); j++) {
                    truth.add(key(group.get(i), group.get(j)));
                }
            }
        });
        long correct = found.stream().filter(d -> truth.contains(key(d.firstId(), d.secondId()))).count();
        assertThat((double) correct / found.size()).as("precision").isGreaterThan(0.9);
        assertThat((double) correct / truth.size()).as("recall").isGreaterThan(0.9);
    }

    private static String key(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }
}
