package org.electora.accreditation;

/** A badge was revoked: its holder's access (observer account, station visits) must end. */
public record BadgeRevoked(long applicationId, String badgeNumber, String reason) {
}
