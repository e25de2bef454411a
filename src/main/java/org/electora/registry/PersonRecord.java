package org.electora.registry;

import java.util.Objects;

/**
 * The fields of a person that duplicate detection compares. Empty strings for unknown values; {@code dateOfBirth}
 * as yyyyMMdd digits so that typing errors (transposed digits, swapped day and month) stay comparable.
 */
public record PersonRecord(String id, String givenName, String familyName, String dateOfBirth, String nationalId,
                           String settlement, String street, String house, String postcode) {

    public PersonRecord {
        Objects.requireNonNull(id, "id");
        givenName = clean(givenName);
        familyName = clean(familyName);
        dateOfBirth = clean(dateOfBirth);
        nationalId = clean(nationalId);
        settlement = clean(settlement);
        street = clean(street);
        house = clean(house);
        postcode = clean(postcode);
    }

    private static String clean(String s) {
        return s == null ? "" : s.strip();
    }
}
