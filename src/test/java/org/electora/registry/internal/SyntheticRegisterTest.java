package org.electora.registry.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticRegisterTest {

    private static final List<SyntheticRegister.Settlement> SETTLEMENTS = List.of(
            new SyntheticRegister.Settlement("R01", "Khazarabad"), new SyntheticRegister.Settlement("R02", "Saridere"));

    private static List<String> write(int voters, SyntheticRegister.Mix mix, long seed) throws Exception {
        var out = new ByteArrayOutputStream();
        long rows = SyntheticRegister.write(out, voters, SETTLEMENTS, List.of("Almali"), LocalDate.of(2027, 2, 10), seed,
                "avenue", mix);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().skip(1).toList();
        assertThat(lines).hasSize((int) rows);
        return lines;
    }

    @Test
    void plantsDuplicatesAfterTheVotersUnderNewValidNationalIds() throws Exception {
        long seed = 42L;
        System.out.println("seed " + seed);
        List<String> lines = write(10_000, new SyntheticRegister.Mix(50, 1_000, 500, 1_000), seed);
        assertThat(lines).hasSize(10_100);
        Set<String> ids = new HashSet<>();
        for (String line : lines) {
            String id = line.split(",", -1)[0];
            assertThat(id).matches("[0-9]{9}");
            assertThat(SyntheticPeople.luhn(id.substring(0, 8))).isEqualTo(id.charAt(8) - '0');
            assertThat(ids.add(id)).as("national id %s once", id).isTrue();
        }
        // Every planted duplicate keeps the birth year and the sex of a voter before it.
        Set<String> yearAndSex = new HashSet<>();
        lines.subList(0, 10_000).forEach(l -> yearAndSex.add(l.split(",", -1)[4].substring(0, 4) + l.split(",", -1)[5]));
        lines.subList(10_000, 10_100).forEach(l -> {
            String[] f = l.split(",", -1);
            assertThat(LocalDate.parse(f[4])).isNotNull();
            assertThat(yearAndSex).contains(f[4].substring(0, 4) + f[5]);
        });
    }

    @Test
    void namesAreManyAndSkewedAsInARealRegister() throws Exception {
        List<String> lines = write(50_000, SyntheticRegister.Mix.DEFAULT, 7L);
        var family = new java.util.HashMap<String, Integer>();
        var given = new HashSet<String>();
        for (String line : lines) {
            String[] f = line.split(",", -1);
            family.merge(f[1], 1, Integer::sum);
            given.add(f[2]);
        }
        int commonest = family.values().stream().max(Integer::compare).orElseThrow();
        assertThat(given.size()).isGreaterThan(300);
        assertThat(family.size()).isGreaterThan(500);
        // Zipf-like: the commonest family name is frequent (Mammadov/a), but far from everyone.
        assertThat(commonest).isBetween(2_000, 10_000);
    }

    @Test
    void theDefaultMixIsTheSameFileAsBefore() throws Exception {
        var a = new ByteArrayOutputStream();
        var b = new ByteArrayOutputStream();
        SyntheticRegister.write(a, 1_000, SETTLEMENTS, List.of("Almali"), LocalDate.of(2027, 2, 10), 3L, "street");
        SyntheticRegister.write(b, 1_000, SETTLEMENTS, List.of("Almali"), LocalDate.of(2027, 2, 10), 3L, "street",
                SyntheticRegister.Mix.DEFAULT);
        assertThat(a.toByteArray()).isEqualTo(b.toByteArray());
    }
}
