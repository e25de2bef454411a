package org.electora.accreditation.internal;

import java.util.List;
import java.util.Objects;

/**
 * The public register of accreditation: organisations with accredited persons and how many of each category, the
 * same persons counted by nationality, and the commission's public keys. No personal data: no names of persons, no
 * contacts, no document numbers; only what the counts and the organisations' names say. Public because the page's
 * template reads it.
 */
public record PublicRegister(List<OrganisationRow> organisations, List<CountryRow> countries, Counts totals,
                             List<PublicKey> keys) {

    public PublicRegister {
        organisations = List.copyOf(organisations);
        countries = List.copyOf(countries);
        Objects.requireNonNull(totals, "totals");
        keys = List.copyOf(keys);
    }

    /** Accredited persons by category; see {@link AccreditationStatistics#ACCREDITED}. */
    public record Counts(long observers, long journalists, long technicalStaff) {
        public long total() {
            return observers + journalists + technicalStaff;
        }
    }

    /** @param country ISO 3166-1 alpha-2 of the organisation */
    public record OrganisationRow(long id, String name, String kind, String country, Counts accredited) {
    }

    /** @param country ISO 3166-1 alpha-2 nationality of the accredited persons */
    public record CountryRow(String country, Counts accredited) {
    }

    /**
     * A signing key as verifiers need it: its kid (the RFC 7638 thumbprint, base64url), the same thumbprint in hex in
     * groups of four for reading aloud over a telephone, and whether it signs new badges.
     */
    public record PublicKey(String kid, String fingerprint, String createdOn, String retiredOn, boolean active) {
    }
}
