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
 * voters live abroad, are displaced from a resettled area or are deceased ({@link Mix}), and, when asked for, some
 * are planted duplicates: a person already in the file again under a new national id, with a typing error in a
 * name, the family name in Cyrillic, day and month swapped, or another address. Streams: memory stays bounded
 * whatever the count. Deterministic for a seed.
 */
public final class SyntheticRegister {

    /** A settlement of the gazetteer: region code and name. */
    public record Settlement(String region, String name) {
    }

    /**
     * Shares per 100,000 voters: living abroad, displaced (origin in a resettled area), deceased, and planted
     * duplicates written after the {@code count} voters.
     */
    public record Mix(int abroad, int displaced, int deceased, int duplicates) {
        /** The register benchmark's and the first start's sample: 0.4 % abroad, 1 % displaced, 0.5 % deceased. */
        public static final Mix DEFAULT = new Mix(400, 1_000, 500, 0);

        public Mix {
            if (abroad < 0 || displaced < 0 || deceased < 0 || duplicates < 0 || abroad + displaced > 100_000
                    || deceased > 100_000 || duplicates > 100_000) {
                throw new IllegalArgumentException("shares per 100,000 out of range: " + abroad + ", " + displaced + ", "
                        + deceased + ", " + duplicates);
            }
        }
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
        write(target, count, settlements, originSettlements, pollingDay, seed, streetKind, Mix.DEFAULT);
    }

    /**
     * As above, with the population {@code mix}; returns the number of rows written ({@code count} and the planted
     * duplicates).
     */
    public static long write(OutputStream target, int count, List<Settlement> settlements, List<String> originSettlements,
                             LocalDate pollingDay, long seed, String streetKind, Mix mix) throws IOException {
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
        int duplicates = (int) ((long) count * mix.duplicates() / 100_000);
        if ((long) count + duplicates > 100_000_000L) {
            throw new IllegalArgumentException("at most 100,000,000 distinct national ids");
        }
        // The originals of the planted duplicates, picked as the file is written (at most `duplicates` rows kept).
        var picking = new SplittableRandom(seed ^ 0x5EEDL);
        List<String[]> originals = new java.util.ArrayList<>(duplicates);
        for (int i = 0; i < count; i++) {
            line.setLength(0);
            line.append(nationalId(i, offset)).append(',');
            boolean male = random.nextBoolean();
            SyntheticNames.Names names = SyntheticNames.draw(random, male);
            line.append(names.family()).append(',').append(names.given()).append(',').append(names.patronymic()).append(',');
            line.append(LocalDate.ofEpochDay(oldest.toEpochDay() + random.nextInt(span))).append(',');
            line.append(male ? 'M' : 'F').append(',');
            int kind = random.nextInt(100_000);
            if (kind < mix.abroad()) {
                String[] place = ABROAD[random.nextInt(ABROAD.length)];
                line.append(",,,,").append(place[0]).append(',').append(place[1]).append(",,");
            } else {
                Settlement s = settlements.get(random.nextInt(settlements.size()));
                line.append(s.region()).append(',').append(s.name()).append(',')
                        .append(pick(random, SyntheticPeople.STREETS)).append(' ').append(streetKind).append(',')
                        .append(1 + random.nextInt(240)).append(",,,");
                if (kind < mix.abroad() + mix.displaced() && !originSettlements.isEmpty()) {
                    line.append(originSettlements.get(random.nextInt(originSettlements.size())));
                }
                line.append(',');
            }
            if (kind >= 100_000 - mix.deceased()) {
                line.append("DECEASED,death registered,").append(pollingDay.minusDays(1 + random.nextInt(900)));
            } else {
                line.append("ACTIVE,,");
            }
            line.append('\n');
            String row = line.toString();
            out.write(row.getBytes(StandardCharsets.UTF_8));
            if (originals.size() < duplicates && picking.nextInt(count - i) < duplicates - originals.size()) {
                originals.add(row.substring(0, row.length() - 1).split(",", -1));
            }
        }
        for (int d = 0; d < originals.size(); d++) {
            String[] f = plantDuplicate(originals.get(d), nationalId(count + d, offset), settlements, streetKind, youngest,
                    picking);
            out.write((String.join(",", f) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
        return (long) count + originals.size();
    }

    /** A bijection of 0..10^8-1 (48271 is coprime to 10^8): distinct ids without a set of 10 million. */
    private static String nationalId(long i, long offset) {
        String digits = String.format("%08d", (i * 48271L + offset) % 100_000_000L);
        return digits + SyntheticPeople.luhn(digits);
    }

    /**
     * The same person again under a new national id (a second passport, a clerk's new entry) with one or two more
     * differences, as SyntheticPeople's duplicates have; always a valid row (a swapped day and month only where the
     * day can be a month and the voter stays of age).
     */
    private static String[] plantDuplicate(String[] original, String nationalId, List<Settlement> settlements,
                                           String streetKind, LocalDate youngest, SplittableRandom random) {
        String[] f = original.clone();
        f[0] = nationalId;
        int more = 1 + random.nextInt(2);
        for (int c = 0; c < more; c++) {
            switch (random.nextInt(4)) {
                case 0 -> f[2] = SyntheticPeople.typo(f[2], random);
                case 1 -> f[1] = SyntheticPeople.cyrillic(f[1]);
                case 2 -> {
                    LocalDate dob = LocalDate.parse(f[4]);
                    if (dob.getDayOfMonth() <= 12 && dob.getDayOfMonth() != dob.getMonthValue()) {
                        LocalDate swapped = LocalDate.of(dob.getYear(), dob.getDayOfMonth(), dob.getMonthValue());
                        if (!swapped.isAfter(youngest)) {
                            f[4] = swapped.toString();
                        }
                    }
                }
                default -> {
                    if (f[10].isEmpty()) { // domestic: moved to another settlement
                        Settlement s = settlements.get(random.nextInt(settlements.size()));
                        f[6] = s.region();
                        f[7] = s.name();
                        f[8] = pick(random, SyntheticPeople.STREETS) + " " + streetKind;
                        f[9] = Integer.toString(1 + random.nextInt(240));
                    }
                }
            }
        }
        return f;
    }

    private static String pick(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
