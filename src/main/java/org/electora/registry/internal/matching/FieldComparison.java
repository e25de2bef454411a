package org.electora.registry.internal.matching;

import org.electora.registry.PersonRecord;

/**
 * Compares two records field by field into agreement levels: {@link #MISSING} (a value is unknown: no evidence),
 * {@link #DISAGREE}, {@link #PARTIAL} (typing error, transliteration variant, swapped day/month), {@link #AGREE}.
 */
final class FieldComparison {

    static final int MISSING = 0;
    static final int DISAGREE = 1;
    static final int PARTIAL = 2;
    static final int AGREE = 3;
    static final int LEVELS = 4;

    /**
     * The address is one field: a person who moves changes settlement, street, house and postcode together, so
     * counting them as four independent disagreements would outweigh names, birth date and id that all agree.
     */
    enum Field { GIVEN_NAME, FAMILY_NAME, DATE_OF_BIRTH, NATIONAL_ID, ADDRESS }

    static final int FIELDS = Field.values().length;

    /** A record prepared once for many comparisons. */
    record Prepared(PersonRecord record, String given, String family) {
        static Prepared of(PersonRecord r) {
            return new Prepared(r, Transliteration.latin(r.givenName()), Transliteration.latin(r.familyName()));
        }
    }

    private FieldComparison() {
    }

    /** Levels of every field, packed two bits per field. */
    static int pattern(Prepared a, Prepared b) {
        int p = 0;
        p |= name(a.given(), b.given()) << (2 * Field.GIVEN_NAME.ordinal());
        p |= name(a.family(), b.family()) << (2 * Field.FAMILY_NAME.ordinal());
        p |= date(a.record().dateOfBirth(), b.record().dateOfBirth()) << (2 * Field.DATE_OF_BIRTH.ordinal());
        p |= code(a.record().nationalId(), b.record().nationalId()) << (2 * Field.NATIONAL_ID.ordinal());
        p |= address(a.record(), b.record()) << (2 * Field.ADDRESS.ordinal());
        return p;
    }

    /** Agree when at least three of settlement, street, house and postcode agree; partial for one or two. */
    static int address(PersonRecord a, PersonRecord b) {
        int[] parts = {name(a.settlement(), b.settlement()), name(a.street(), b.street()), code(a.house(), b.house()),
                code(a.postcode(), b.postcode())};
        int known = 0;
        int agreeing = 0;
        for (int level : parts) {
            if (level != MISSING) {
                known++;
                if (level >= PARTIAL) {
                    agreeing++;
                }
            }
        }
        if (known == 0) {
            return MISSING;
        }
        return agreeing >= Math.min(3, known) ? AGREE : agreeing > 0 ? PARTIAL : DISAGREE;
    }

    static int level(int pattern, int field) {
        return (pattern >> (2 * field)) & 3;
    }

    static int name(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return MISSING;
        }
        double s = JaroWinkler.similarity(a, b);
        return s >= 0.96 ? AGREE : s >= 0.85 ? PARTIAL : DISAGREE;
    }

    /** Identifiers and numbers: equal, or one typing error away (one substitution or an adjacent transposition). */
    static int code(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return MISSING;
        }
        if (a.equals(b)) {
            return AGREE;
        }
        return oneTypoApart(a, b) ? PARTIAL : DISAGREE;
    }

    /** Dates as yyyyMMdd: equal; one typing error; or day and month swapped (a classic of hand-copied registers). */
    static int date(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return MISSING;
        }
        if (a.equals(b)) {
            return AGREE;
        }
        if (a.length() == 8 && b.length() == 8
                && a.substring(0, 4).equals(b.substring(0, 4))
                && a.substring(4, 6).equals(b.substring(6, 8)) && a.substring(6, 8).equals(b.substring(4, 6))) {
            return PARTIAL;
        }
        return oneTypoApart(a, b) ? PARTIAL : DISAGREE;
    }

    static boolean oneTypoApart(String a, String b) {
        if (a.length() != b.length()) {
            // one insertion or deletion
            String shorter = a.length() < b.length() ? a : b;
            String longer = a.length() < b.length() ? b : a;
            if (longer.length() - shorter.length() != 1) {
                return false;
            }
            int i = 0;
            while (i < shorter.length() && shorter.charAt(i) == longer.charAt(i)) {
                i++;
            }
            return shorter.substring(i).equals(longer.substring(i + 1));
        }
        int first = -1;
        int diffs = 0;
        for (int i = 0; i < a.length(); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                if (++diffs == 1) {
                    first = i;
                } else if (diffs > 2) {
                    return false;
                }
            }
        }
        if (diffs <= 1) {
            return true;
        }
        // two differences: an adjacent transposition
        return first + 1 < a.length() && a.charAt(first) == b.charAt(first + 1) && a.charAt(first + 1) == b.charAt(first)
                && a.substring(first + 2).equals(b.substring(first + 2));
    }
}
