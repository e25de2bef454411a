package org.electora.registry.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.electora.registry.PersonRecord;

/**
 * A deterministic synthetic population of the demo republic ({@link SyntheticNames}: Azerbaijani and Russian names
 * with a Zipf-like frequency), with planted duplicates: the same person again with a typing error, the name in
 * Cyrillic, day and month swapped, a digit wrong in the birth date, another national id, or another address (one to
 * three of these). Used by the duplicate-detection benchmark.
 */
public final class SyntheticPeople {

    static final String[] SETTLEMENTS = {"Khazarabad", "Saridere", "Almali", "Ganjabad", "Shahsu", "Galadere", "Yukhari Shahoba",
            "Galagala", "Boyuk Uluyurd", "Yukhari Narinlar", "Dashkend", "Gizilgaya", "Mingechevir-2", "Ashaghi Zeyva",
            "Gulistan", "Narimanli", "Sabirabad-3", "Bahar", "Yenikend", "Chaykend"};
    public static final String[] STREETS = {"Nizami", "Nasimi", "Sabir", "Akhundov", "Istiglaliyyat", "Samad Vurgun", "Natavan",
            "Khagani", "Zafar", "Dostlug", "Bahar", "Gulustan", "Yasil Bag", "Fuzuli", "Vagif", "Hajibeyli", "Jabbarli",
            "Mirza Fatali", "Rasul Rza", "Bulbul"};

    /** A person, and for a planted duplicate the id of the record it duplicates. */
    public record Generated(PersonRecord person, String duplicateOf) {
    }

    private SyntheticPeople() {
    }

    public static List<Generated> generate(int count, double duplicateShare, long seed) {
        var random = new SplittableRandom(seed);
        int duplicates = (int) Math.round(count * duplicateShare);
        int originals = count - duplicates;
        List<Generated> people = new ArrayList<>(count);
        for (int i = 0; i < originals; i++) {
            people.add(new Generated(person(random, i), null));
        }
        for (int i = 0; i < duplicates; i++) {
            PersonRecord original = people.get(random.nextInt(originals)).person();
            people.add(new Generated(corrupt(original, "P" + (originals + i), random), original.id()));
        }
        return people;
    }

    static PersonRecord person(SplittableRandom random, int index) {
        boolean male = random.nextBoolean();
        SyntheticNames.Names names = SyntheticNames.draw(random, male);
        String given = names.given();
        String family = names.family();
        LocalDate dob = LocalDate.of(1930, 1, 1).plusDays(random.nextInt(78 * 365));
        return new PersonRecord("P" + index, given, family, dob.toString().replace("-", ""), nationalId(random),
                pick(random, SETTLEMENTS), pick(random, STREETS) + " street", Integer.toString(1 + random.nextInt(240)),
                Integer.toString(1000 + random.nextInt(9000)));
    }

    /** National ids: eight digits and a Luhn check digit. */
    static String nationalId(SplittableRandom random) {
        String digits = String.format("%08d", random.nextInt(100_000_000));
        return digits + luhn(digits);
    }

    public static int luhn(String digits) {
        int sum = 0;
        boolean twice = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return (10 - sum % 10) % 10;
    }

    private static PersonRecord corrupt(PersonRecord p, String id, SplittableRandom random) {
        String given = p.givenName();
        String family = p.familyName();
        String dob = p.dateOfBirth();
        String nationalId = p.nationalId();
        String settlement = p.settlement();
        String street = p.street();
        String house = p.house();
        String postcode = p.postcode();
        int corruptions = 1 + random.nextInt(3);
        for (int c = 0; c < corruptions; c++) {
            switch (random.nextInt(7)) {
                case 0 -> given = typo(given, random);
                case 1 -> family = typo(family, random);
                case 2 -> {
                    // an older passport: the whole name in Cyrillic
                    given = cyrillic(given);
                    family = cyrillic(family);
                }
                case 3 -> dob = dob.substring(0, 4) + dob.substring(6, 8) + dob.substring(4, 6);
                case 4 -> dob = typoDigit(dob, random);
                case 5 -> nationalId = nationalId(random);
                default -> {
                    settlement = pick(random, SETTLEMENTS);
                    street = pick(random, STREETS) + " street";
                    house = Integer.toString(1 + random.nextInt(240));
                    postcode = Integer.toString(1000 + random.nextInt(9000));
                }
            }
        }
        return new PersonRecord(id, given, family, dob, nationalId, settlement, street, house, postcode);
    }

    static String typo(String s, SplittableRandom random) {
        if (s.length() < 3) {
            return s;
        }
        int i = 1 + random.nextInt(s.length() - 2);
        return switch (random.nextInt(3)) {
            case 0 -> s.substring(0, i) + s.substring(i + 1);
            case 1 -> s.substring(0, i) + s.charAt(i + 1) + s.charAt(i) + s.substring(i + 2);
            default -> s.substring(0, i) + (char) ('a' + random.nextInt(26)) + s.substring(i + 1);
        };
    }

    private static String typoDigit(String s, SplittableRandom random) {
        int i = 2 + random.nextInt(s.length() - 2);
        return s.substring(0, i) + (char) ('0' + random.nextInt(10)) + s.substring(i + 1);
    }

    /** A Russian-style Cyrillic spelling, as an older passport would have it. */
    static String cyrillic(String latin) {
        String[][] map = {{"sh", "ш"}, {"ch", "ч"}, {"kh", "х"}, {"yev", "ев"}, {"ya", "я"}, {"yu", "ю"}, {"a", "а"},
                {"b", "б"}, {"v", "в"}, {"g", "г"}, {"d", "д"}, {"e", "е"}, {"z", "з"}, {"i", "и"}, {"y", "й"}, {"k", "к"},
                {"l", "л"}, {"m", "м"}, {"n", "н"}, {"o", "о"}, {"p", "п"}, {"r", "р"}, {"s", "с"}, {"t", "т"}, {"u", "у"},
                {"f", "ф"}, {"h", "х"}, {"j", "дж"}, {"q", "г"}, {"c", "дж"}, {"x", "х"}, {"w", "в"}};
        String s = latin.toLowerCase(java.util.Locale.ROOT);
        var sb = new StringBuilder();
        outer:
        for (int i = 0; i < s.length(); ) {
            for (String[] m : map) {
                if (s.startsWith(m[0], i)) {
                    sb.append(m[1]);
                    i += m[0].length();
                    continue outer;
                }
            }
            sb.append(s.charAt(i++));
        }
        return Character.toUpperCase(sb.charAt(0)) + sb.substring(1);
    }

    private static String pick(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
