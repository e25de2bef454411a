package org.electora.registry.internal.matching;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * One Latin spelling for matching names written in Azerbaijani Latin, Cyrillic or English transcription:
 * "Məmmədov", "Мамедов" and "Mammadov" become comparable. Matching only; names are stored as registered.
 */
final class Transliteration {

    private static final Map<Character, String> CYRILLIC = Map.ofEntries(
            Map.entry('а', "a"), Map.entry('б', "b"), Map.entry('в', "v"), Map.entry('г', "g"), Map.entry('ғ', "g"),
            Map.entry('д', "d"), Map.entry('е', "e"), Map.entry('ё', "yo"), Map.entry('ә', "a"), Map.entry('ж', "zh"),
            Map.entry('з', "z"), Map.entry('и', "i"), Map.entry('й', "y"), Map.entry('ј', "y"), Map.entry('к', "k"),
            Map.entry('ҝ', "g"), Map.entry('л', "l"), Map.entry('м', "m"), Map.entry('н', "n"), Map.entry('о', "o"),
            Map.entry('ө', "o"), Map.entry('п', "p"), Map.entry('р', "r"), Map.entry('с', "s"), Map.entry('т', "t"),
            Map.entry('у', "u"), Map.entry('ү', "u"), Map.entry('ф', "f"), Map.entry('х', "kh"), Map.entry('һ', "h"),
            Map.entry('ц', "ts"), Map.entry('ч', "ch"), Map.entry('ҹ', "j"), Map.entry('ш', "sh"), Map.entry('щ', "shch"),
            Map.entry('ъ', ""), Map.entry('ы', "y"), Map.entry('ь', ""), Map.entry('э', "e"), Map.entry('ю', "yu"),
            Map.entry('я', "ya"));

    private static final Map<Character, String> AZERBAIJANI = Map.of('ə', "a", 'ş', "sh", 'ç', "ch", 'ğ', "g", 'ı', "i",
            'x', "kh", 'q', "g", 'c', "j");

    private Transliteration() {
    }

    static String latin(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        var sb = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            String mapped = CYRILLIC.get(c);
            if (mapped == null) {
                mapped = AZERBAIJANI.get(c);
            }
            sb.append(mapped != null ? mapped : String.valueOf(c));
        }
        String decomposed = Normalizer.normalize(sb, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return decomposed.replaceAll("[^a-z]", "");
    }
}
