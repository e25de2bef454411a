package org.electora.accreditation.internal;

import java.util.Locale;

/** Helpers the report pages share: country names in the reader's language, from the JDK's CLDR data. */
public final class ReportViews {

    private ReportViews() {
    }

    /** "Germany", "Almaniya", "Германия" for DE; the code itself when the JDK does not know it. */
    public static String country(String code, Locale locale) {
        if (code == null || code.isBlank()) {
            return "";
        }
        String name = Locale.of("", code).getDisplayCountry(locale);
        return name == null || name.isBlank() ? code : name;
    }
}
