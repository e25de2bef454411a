package org.electora.demo.internal;

import java.util.List;

/**
 * The fictional presidential candidates of the demonstration republic.
 *
 * <p>Names follow Azerbaijani naming conventions (family name, given name, patronymic with "oglu"/"gizi") but
 * belong to no real person; the nominating parties are invented as well. Exactly one candidate is self-nominated.
 */
public final class DemoCandidates {

    /** Value of {@link DemoCandidate#nominatedBy()} for the self-nominated candidate. */
    public static final String SELF_NOMINATED = "Self-nominated";

    /**
     * One presidential candidate.
     *
     * @param familyName family name
     * @param givenName given name
     * @param patronymic patronymic, e.g. "Vagif oglu"
     * @param nominatedBy nominating party, or {@link #SELF_NOMINATED}
     */
    public record DemoCandidate(String familyName, String givenName, String patronymic, String nominatedBy) {
    }

    private static final List<DemoCandidate> ALL = List.of(
            new DemoCandidate("Mammadli", "Elnur", "Vagif oglu", "Party of the New Republic"),
            new DemoCandidate("Huseynzade", "Gulnar", "Rasim gizi", "Civic Solidarity Union"),
            new DemoCandidate("Gasimbeyli", "Fariz", "Ilgar oglu", "National Renewal Front"),
            new DemoCandidate("Rzayev", "Tural", "Akif oglu", "Democratic Reform Movement"),
            new DemoCandidate("Nuriyeva", "Sevinj", "Mahir gizi", "Green Caspian Party"),
            new DemoCandidate("Alakbarli", "Zaur", "Nadir oglu", "Great Homeland Alliance"),
            new DemoCandidate("Valiyev", "Rashad", "Eldar oglu", SELF_NOMINATED));

    private DemoCandidates() {
    }

    /** The seven candidates in ballot order. */
    public static List<DemoCandidate> all() {
        return ALL;
    }
}
