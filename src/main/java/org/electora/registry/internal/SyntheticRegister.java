package org.electora.registry.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a synthetic population-register CSV (docs/register-csv.md) quickly: the names of {@link SyntheticPeople},
 * settlements of the map's gazetteer, distinct valid national ids, everyone of age on {@code pollingDay}; a few
 * voters live abroad, are displaced from a resettled area or are deceased. Deterministic for a seed.
 */
public final class SyntheticRegister {

    /** A settlement of the gazetteer: region code and name. */
    public record Settlement(String region, String name) {
    }

    private static final String[][] ABROAD = {{"TR", "Istanbul"}, {"RU", "Moscow"}, {"DE", "Berlin"}, {"GE", "Tbilisi"},
            {"US", "New York"}, {"GB", "London"}, {"FR", "Paris"}, {"AE", "Dubai"}};

    private SyntheticRegister() {
    }

    public static void write(OutputStream target, int count, List<Settlement> settlements, List<String> originSettlements,
                             LocalDate pollingDay, long seed) throws IOException {
        write(target, count, settlements, originSettlements, pollingDay, seed, "street");
    }

    /** As above, with the streets named "Nizami {@code streetKind}" (the demo sample uses its own, "avenue"). */
    public static void write(OutputStream target, int count, List<Settlement> settlements, List<String> originSettlements,
                             LocalDate pollingDay, long seed, String streetKind) throws IOException {
        if (settlements.isEmpty()) {
            throw new IllegalArgumentException("no settlements to live in");
        }
        var random = new SplittableRandom(seed);
        var out = new BufferedOutputStream(target, 1 << 20);
        var line = new StringBuilder(256);
        out.write(("national_id,family_name,given_name,patronymic,date_of_birth,sex,region,settlement,street,house,"
                + "country,city,origin_settlement,status,status_reason,status_date\n").getBytes(StandardCharsets.US_ASCII));
        LocalDate youngest = pollingDay.minusYears(18);
        LocalDate oldest = youngest.minusYears(80);
        int span = (int) (youngest.toEpochDay() - oldest.toEpochDay());
        long offset = Math.floorMod(seed, 100_000_000L);
        for (int i = 0; i < count; i++) {
            line.setLength(0);
            // a bijection of 0..10^8-1 (48271 is coprime to 10^8): distinct ids without a set of 10 million
            String digits = String.format("%08d", (i * 48271L + offset) % 100_000_000L);
            line.append(digits).append(SyntheticPeople.luhn(digits)).append(',');
            boolean male = random.nextBoolean();
            SyntheticNames.Names names = SyntheticNames.draw(random, male);
            line.append(names.family()).append(',').append(names.given()).append(',').append(names.patronymic()).append(',');
            line.append(LocalDate.ofEpochDay(oldest.toEpochDay() + random.nextInt(span))).append(',');
            line.append(male ? 'M' : 'F').append(',');
            int kind = random.nextInt(1000);
            if (kind < 4) {
                String[] place = ABROAD[random.nextInt(ABROAD.length)];
                line.append(",,,,").append(place[0]).append(',').append(place[1]).append(",,");
            } else {
                Settlement s = settlements.get(random.nextInt(settlements.size()));
                line.append(s.region()).append(',').append(s.name()).append(',')
                        .append(pick(random, SyntheticPeople.STREETS)).append(' ').append(streetKind).append(',')
                        .append(1 + random.nextInt(240)).append(",,,");
                if (kind < 14 && !originSettlements.isEmpty()) {
                    line.append(originSettlements.get(random.nextInt(originSettlements.size())));
                }
                line.append(',');
            }
            if (kind >= 995) {
                line.append("DECEASED,death registered,").append(pollingDay.minusDays(1 + random.nextInt(900)));
            } else {
                line.append("ACTIVE,,");
            }
            line.append('\n');
            out.write(line.toString().getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }

    private static String pick(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
