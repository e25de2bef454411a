package org.electora.accreditation.internal;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.electora.accreditation.ApplicationStatus;

/**
 * The staff dashboard's figures: applications by status, and by category, organisation kind, organisation and
 * nationality, each split by status; and the headline a commission announces. Computed by SQL aggregates
 * ({@link AccreditationFigures}); public because the dashboard's template reads it.
 */
public record AccreditationStatistics(Headline headline, Map<ApplicationStatus, Long> byStatus, long applications,
                                      long accredited, List<Breakdown> byCategory, List<Breakdown> byOrganisationKind,
                                      List<OrganisationBreakdown> byOrganisation, List<Breakdown> byCountry) {

    /**
     * Accredited means approved and not withdrawn: APPROVED (badge being printed), BADGE_ISSUED, and EXPIRED (a badge
     * that ran out after the election still counts in its statistics). Rejected and revoked do not.
     */
    public static final List<ApplicationStatus> ACCREDITED = List.of(ApplicationStatus.APPROVED,
            ApplicationStatus.BADGE_ISSUED, ApplicationStatus.EXPIRED);

    public AccreditationStatistics {
        Objects.requireNonNull(headline, "headline");
        byStatus = complete(byStatus);
        byCategory = List.copyOf(byCategory);
        byOrganisationKind = List.copyOf(byOrganisationKind);
        byOrganisation = List.copyOf(byOrganisation);
        byCountry = List.copyOf(byCountry);
    }

    /**
     * "790 international observers from 72 organisations and 89 countries": accredited observers of international
     * organisations, foreign election bodies and foreign state delegations; organisations they came through; their
     * distinct nationalities. And the foreign media: accredited journalists of foreign media outlets, and the outlets.
     */
    public record Headline(long internationalObservers, long organisations, long countries, long foreignJournalists,
                           long foreignOutlets) {
    }

    /** One value of a dimension (a category, a kind, an ISO country code) with its applications by status. */
    public record Breakdown(String key, Map<ApplicationStatus, Long> byStatus) {
        public Breakdown {
            Objects.requireNonNull(key, "key");
            byStatus = complete(byStatus);
        }

        @JsonProperty
        public long applications() {
            return byStatus.values().stream().mapToLong(Long::longValue).sum();
        }

        @JsonProperty
        public long accredited() {
            return ACCREDITED.stream().mapToLong(byStatus::get).sum();
        }
    }

    public record OrganisationBreakdown(long id, String name, String kind, String country, Integer quota,
                                        Map<ApplicationStatus, Long> byStatus) {
        public OrganisationBreakdown {
            Objects.requireNonNull(name, "name");
            byStatus = complete(byStatus);
        }

        @JsonProperty
        public long applications() {
            return byStatus.values().stream().mapToLong(Long::longValue).sum();
        }

        @JsonProperty
        public long accredited() {
            return ACCREDITED.stream().mapToLong(byStatus::get).sum();
        }
    }

    /** Every status present, zeros included, in lifecycle order: tables and charts need no gaps. */
    static Map<ApplicationStatus, Long> complete(Map<ApplicationStatus, Long> counts) {
        Map<ApplicationStatus, Long> all = new EnumMap<>(ApplicationStatus.class);
        for (ApplicationStatus s : ApplicationStatus.values()) {
            all.put(s, counts == null ? 0L : counts.getOrDefault(s, 0L));
        }
        return java.util.Collections.unmodifiableMap(all);
    }
}
