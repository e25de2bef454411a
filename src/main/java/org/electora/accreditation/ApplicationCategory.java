package org.electora.accreditation;

/** What a person is accredited as; printed on the badge and carried in its credential. */
public enum ApplicationCategory {
    OBSERVER('O'),
    JOURNALIST('J'),
    TECHNICAL_STAFF('T');

    private final char badgePrefix;

    ApplicationCategory(char badgePrefix) {
        this.badgePrefix = badgePrefix;
    }

    /** The first letter of a badge number, so that a door keeper reads the category even from the number. */
    public char badgePrefix() {
        return badgePrefix;
    }
}
