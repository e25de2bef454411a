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

    /** Agree when at least three of settlement, street, house and postcode agree; partial for one or two. */
    static int address(int settlement, int street, int house, int postcode) {
        int known = known(settlement) + known(street) + known(house) + known(postcode);
        int agreeing = similar(settlement) + similar(street) + similar(house) + similar(postcode);
        if (known == 0) {
            return MISSING;
        }
        return agreeing >= Math.min(3, known) ? AGREE : agreeing > 0 ? PARTIAL : DISAGREE;
    }

    private static int known(int level) {
        return level != MISSING ? 1 : 0;
    }

    private static int similar(int level) {
        return level >= PARTIAL ? 1 : 0;
    }

    static int level(int pattern, int field) {
        return (pattern >> (2 * field)) & 3;
    }

    /**
     * Names in their Latin form: agree only when equal (so that the value's frequency tells how much that says),
     * partial when Jaro–Winkler similar (a typing error, a transliteration variant).
     */
    static int name(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return MISSING;
        }
        if (a.equals(b)) {
            return AGREE;
        }
        return JaroWinkler.similarity(a, b) >= 0.85 ? PARTIAL : DISAGREE;
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
        if (a.length() == 8 && b.length() == 8 && a.regionMatches(0, b, 0, 4)
                && a.regionMatches(4, b, 6, 2) && a.regionMatches(6, b, 4, 2)) {
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
            return shorter.regionMatches(i, longer, i + 1, shorter.length() - i);
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
                && a.regionMatches(first + 2, b, first + 2, a.length() - first - 2);
    }
}
