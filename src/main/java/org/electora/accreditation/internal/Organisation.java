package org.electora.accreditation.internal;

import java.time.LocalDate;
import java.util.Objects;

import org.electora.accreditation.OrganisationKind;

/**
 * An organisation or mission that sends observers or journalists; quota null means no limit set; electionId, when
 * set, is the election it observes, whose polling day closes its applications.
 */
record Organisation(long id, String name, OrganisationKind kind, String country, String contactName,
                    String contactEmail, String contactPhone, String headOfMission, LocalDate arrivalDate,
                    LocalDate departureDate, Integer quota, Long electionId, int version) {
    Organisation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(country, "country");
    }
}
