package org.electora.accreditation;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The answer to "is this badge valid?": VALID with what the credential says, or NOT VALID with one reason. The badge
 * details are those the holder's own credential carries, never looked up from the database.
 */
public sealed interface BadgeCheck {

    enum Reason {
        /** not a compact JWS, or its payload is not a badge */
        MALFORMED,
        /** signed with a key the commission never published */
        UNKNOWN_KEY,
        /** the signature does not match the payload: altered or forged */
        BAD_SIGNATURE,
        NOT_YET_VALID,
        EXPIRED,
        /** revoked by the commission (only known online) */
        REVOKED
    }

    record Valid(String badgeNumber, String name, String organisation, ApplicationCategory category,
                 LocalDate validFrom, LocalDate validUntil, String kid) implements BadgeCheck {
        public Valid {
            Objects.requireNonNull(badgeNumber, "badgeNumber");
        }
    }

    record NotValid(Reason reason, String detail) implements BadgeCheck {
        public NotValid {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
