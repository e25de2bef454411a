/**
 * Accreditation: organisations and missions, individual applications of observers, journalists and technical staff,
 * their review in one transition table ({@link org.electora.accreditation.AccreditationLifecycle}), and badges
 * carrying a JWS signed with the commission's Ed25519 key, verifiable against the published JWKS.
 * API: the lifecycle, its states and actions, {@link org.electora.accreditation.BadgeCheck} and the event
 * {@link org.electora.accreditation.BadgeRevoked}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accreditation")
package org.electora.accreditation;
