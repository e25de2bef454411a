package org.electora.accreditation.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import org.electora.accreditation.ApplicationCategory;
import org.electora.accreditation.ApplicationStatus;

/** One person's application for accreditation through one organisation, with its review status and badge. */
record Application(long id, long organisationId, ApplicationCategory category, String givenNames, String familyName,
                   String documentNumber, String nationality, List<String> languages, ApplicationStatus status,
                   String statusReason, String badgeNumber, LocalDate validFrom, LocalDate validUntil, String credential,
                   int version, Instant submittedAt, DocumentKind documentKind, LocalDate dateOfBirth) {
    Application {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(status, "status");
        languages = List.copyOf(languages);
        Objects.requireNonNull(documentKind, "documentKind");
    }

    enum DocumentKind {
        PASSPORT,
        NATIONAL_ID
    }

    /** As printed on the badge: family name in capitals first, as in a passport's machine-readable zone. */
    String displayName() {
        return familyName.toUpperCase(java.util.Locale.ROOT) + " " + givenNames;
    }
}
