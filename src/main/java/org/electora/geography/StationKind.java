package org.electora.geography;

import java.util.Locale;

/** Regular stations and the special ones the law treats apart (hospitals, military units, detention). */
public enum StationKind {
    REGULAR, HOSPITAL, MILITARY, DETENTION, SPECIAL;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StationKind ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
