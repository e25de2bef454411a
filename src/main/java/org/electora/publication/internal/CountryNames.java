package org.electora.publication.internal;

import java.text.Collator;
import java.text.ParseException;
import java.text.RuleBasedCollator;
import java.util.Comparator;
import java.util.Locale;

import org.electora.platform.Ui;

/**
 * Host countries of stations abroad named and ordered as a reader of the page's language looks for them. The JDK
 * has no collation rules for Azerbaijani: its collator for "az" orders as English does (Q among the P–R letters,
 * Ç with C, Ə with E, dotless ı with i). Azerbaijani readers get the Azerbaijani Latin alphabet instead,
 * a b c ç d e ə f g ğ h x ı i j k q l m n o ö p r s ş t u ü v y z; English and Russian keep the JDK's collators.
 */
final class CountryNames {

    /**
     * The Azerbaijani letters placed on top of the root collator's rules (which keep spaces, punctuation and digits
     * where they are): each reset puts the following letters, lower case before upper case, right after it.
     */
    static final String AZERBAIJANI_RULES = "& C < ç, Ç & E < ə, Ə & G < ğ, Ğ & H < x, X < ı, I < i, İ & K < q, Q"
            + " & O < ö, Ö & S < ş, Ş & U < ü, Ü";

    private static final RuleBasedCollator AZERBAIJANI = azerbaijani();

    private CountryNames() {
    }

    private static RuleBasedCollator azerbaijani() {
        try {
            String root = ((RuleBasedCollator) Collator.getInstance(Locale.ROOT)).getRules();
            return new RuleBasedCollator(root + AZERBAIJANI_RULES);
        } catch (ParseException e) {
            throw new IllegalStateException("Azerbaijani collation rules do not parse", e);
        }
    }

    /** The reader's order of words: the Azerbaijani alphabet for "az", the JDK's collator otherwise. */
    static Collator collator(Locale locale) {
        // A RuleBasedCollator is not safe for concurrent use: every page gets its own copy.
        return "az".equals(locale.getLanguage()) ? (Collator) AZERBAIJANI.clone() : Collator.getInstance(locale);
    }

    /** ISO codes in the order of their countries' names in the reader's language. */
    static Comparator<String> byName(Locale locale) {
        Collator collator = collator(locale);
        return Comparator.comparing(code -> Ui.country(code, locale), collator);
    }
}
