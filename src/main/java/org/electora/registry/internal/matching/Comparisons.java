package org.electora.registry.internal.matching;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import org.electora.registry.PersonRecord;

/**
 * Compares many pairs of one set of records ({@link FieldComparison}'s levels): each field's values are interned,
 * most common first, so that agreement is an int comparison, the similarity of two common names is computed once
 * (a register of millions has a few thousand distinct names), and each record knows how common its values are.
 */
final class Comparisons {

    private final PersonRecord[] records;
    private final Interned given;
    private final Interned family;
    private final Interned settlement;
    private final Interned street;
    private final Interned dateOfBirth;
    private final Interned nationalId;

    Comparisons(FieldComparison.Prepared[] prepared) {
        records = Arrays.stream(prepared).map(FieldComparison.Prepared::record).toArray(PersonRecord[]::new);
        given = new Interned(prepared, FieldComparison.Prepared::given, true);
        family = new Interned(prepared, FieldComparison.Prepared::family, true);
        settlement = new Interned(prepared, p -> p.record().settlement(), true);
        street = new Interned(prepared, p -> p.record().street(), true);
        dateOfBirth = new Interned(prepared, p -> p.record().dateOfBirth(), false);
        nationalId = new Interned(prepared, p -> p.record().nationalId(), false);
    }

    /** Levels of every field, packed two bits per field (as {@link FieldComparison#pattern}). */
    int pattern(int a, int b) {
        PersonRecord ra = records[a];
        PersonRecord rb = records[b];
        int p = given.level(a, b) << (2 * FieldComparison.Field.GIVEN_NAME.ordinal());
        p |= family.level(a, b) << (2 * FieldComparison.Field.FAMILY_NAME.ordinal());
        p |= FieldComparison.date(ra.dateOfBirth(), rb.dateOfBirth()) << (2 * FieldComparison.Field.DATE_OF_BIRTH.ordinal());
        p |= FieldComparison.code(ra.nationalId(), rb.nationalId()) << (2 * FieldComparison.Field.NATIONAL_ID.ordinal());
        p |= FieldComparison.address(settlement.level(a, b), street.level(a, b), FieldComparison.code(ra.house(), rb.house()),
                FieldComparison.code(ra.postcode(), rb.postcode())) << (2 * FieldComparison.Field.ADDRESS.ordinal());
        return p;
    }

    /**
     * The share of records with record {@code a}'s value of {@code field} (the chance that someone else has it too),
     * or NaN for a field without one (the address: agreement there is already rare).
     */
    double frequency(int field, int a) {
        return switch (FieldComparison.Field.values()[field]) {
            case GIVEN_NAME -> given.frequency(a);
            case FAMILY_NAME -> family.frequency(a);
            case DATE_OF_BIRTH -> dateOfBirth.frequency(a);
            case NATIONAL_ID -> nationalId.frequency(a);
            case ADDRESS -> Double.NaN;
        };
    }

    /** One field's values as ids (0 = the most common value), their counts, and a cache of name levels. */
    private static final class Interned {
        /** Levels of pairs among this many most common values are cached (4 MiB). */
        private static final int CACHED = 2048;

        private final String[] values;
        private final int[] ids;
        private final int[] counts;
        private final int total;
        /** 0 = not computed yet, else level + 1. Racy on purpose: every thread writes the same byte. */
        private final byte[] cache;

        Interned(FieldComparison.Prepared[] prepared, Function<FieldComparison.Prepared, String> value, boolean similar) {
            total = prepared.length;
            values = new String[total];
            Map<String, Integer> count = new HashMap<>();
            for (int i = 0; i < total; i++) {
                values[i] = value.apply(prepared[i]);
                count.merge(values[i], 1, Integer::sum);
            }
            String[] distinct = count.keySet().toArray(String[]::new);
            Arrays.sort(distinct, (x, y) -> count.get(x).equals(count.get(y)) ? x.compareTo(y) : count.get(y) - count.get(x));
            Map<String, Integer> id = new HashMap<>(distinct.length * 2);
            counts = new int[distinct.length];
            for (int k = 0; k < distinct.length; k++) {
                id.put(distinct[k], k);
                counts[k] = count.get(distinct[k]);
            }
            ids = new int[total];
            for (int i = 0; i < total; i++) {
                ids[i] = id.get(values[i]);
            }
            cache = similar ? new byte[CACHED * CACHED] : null;
        }

        int level(int a, int b) {
            if (values[a].isEmpty() || values[b].isEmpty()) {
                return FieldComparison.MISSING;
            }
            int ia = ids[a];
            int ib = ids[b];
            if (ia == ib) {
                return FieldComparison.AGREE;
            }
            if (ia < CACHED && ib < CACHED) {
                int slot = Math.min(ia, ib) * CACHED + Math.max(ia, ib);
                int cached = cache[slot];
                if (cached == 0) {
                    cached = FieldComparison.name(values[a], values[b]) + 1;
                    cache[slot] = (byte) cached;
                }
                return cached - 1;
            }
            return FieldComparison.name(values[a], values[b]);
        }

        double frequency(int a) {
            return (double) counts[ids[a]] / total;
        }
    }
}
