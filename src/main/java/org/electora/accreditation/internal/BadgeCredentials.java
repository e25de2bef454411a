package org.electora.accreditation.internal;

import java.text.ParseException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.OctetKeyPair;
import org.electora.accreditation.ApplicationCategory;
import org.electora.accreditation.ApplicationStatus;
import org.electora.accreditation.BadgeCheck;
import org.electora.accreditation.BadgeCheck.Reason;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The credential in a badge's QR code: a compact JWS (EdDSA over Ed25519, kid in the header) whose payload carries
 * the badge number, holder's name, organisation, category and validity dates — short claim names, because every
 * byte makes the QR code denser. Verification needs only the published JWKS; online it also consults the
 * revocation list.
 */
@Service
class BadgeCredentials {

    static final JOSEObjectType TYPE = new JOSEObjectType("electora-badge+jws");

    private final CommissionKeys keys;
    private final AccreditationStore store;
    private final Clock clock;
    private final ZoneId zone;

    BadgeCredentials(CommissionKeys keys, AccreditationStore store, Clock clock,
                     @Value("${electora.accreditation.zone:Asia/Baku}") String zone) {
        this.keys = keys;
        this.store = store;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    record Claims(String badgeNumber, String name, String organisation, ApplicationCategory category,
                  LocalDate validFrom, LocalDate validUntil) {
    }

    String sign(Claims claims) {
        return sign(claims, keys.signingKey());
    }

    /** Package-visible with an explicit key so that tests can forge a badge with a key the commission never had. */
    static String sign(Claims claims, OctetKeyPair key) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("bn", claims.badgeNumber());
        payload.put("n", claims.name());
        payload.put("o", claims.organisation());
        payload.put("c", claims.category().name());
        payload.put("vf", claims.validFrom().toString());
        payload.put("vu", claims.validUntil().toString());
        try {
            JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.EdDSA).type(TYPE).keyID(key.getKeyID()).build(),
                    new Payload(payload));
            jws.sign(new Ed25519Signer(key));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a badge", e);
        }
    }

    /** Signature and dates only: what a verifier without a network can know. */
    BadgeCheck verifyOffline(String token) {
        JWSObject jws;
        try {
            jws = JWSObject.parse(token == null ? "" : token.strip());
        } catch (ParseException e) {
            return new BadgeCheck.NotValid(Reason.MALFORMED, "Not a signed badge credential");
        }
        String kid = jws.getHeader().getKeyID();
        if (!JWSAlgorithm.EdDSA.equals(jws.getHeader().getAlgorithm()) && !JWSAlgorithm.Ed25519.equals(jws.getHeader().getAlgorithm())) {
            return new BadgeCheck.NotValid(Reason.MALFORMED, "Unsupported algorithm " + jws.getHeader().getAlgorithm());
        }
        Optional<OctetKeyPair> key = kid == null ? Optional.empty() : keys.publicKey(kid);
        if (key.isEmpty()) {
            return new BadgeCheck.NotValid(Reason.UNKNOWN_KEY, "Signed by a key the commission has not published");
        }
        try {
            if (!jws.verify(new Ed25519Verifier(key.get()))) {
                return new BadgeCheck.NotValid(Reason.BAD_SIGNATURE, "The signature does not match: the badge was altered or forged");
            }
        } catch (JOSEException e) {
            return new BadgeCheck.NotValid(Reason.BAD_SIGNATURE, "The signature cannot be checked: " + e.getMessage());
        }
        BadgeCheck.Valid valid;
        try {
            Map<String, Object> p = jws.getPayload().toJSONObject();
            valid = new BadgeCheck.Valid((String) p.get("bn"), (String) p.get("n"), (String) p.get("o"),
                    ApplicationCategory.valueOf((String) p.get("c")), LocalDate.parse((String) p.get("vf")),
                    LocalDate.parse((String) p.get("vu")), kid);
        } catch (RuntimeException e) {
            return new BadgeCheck.NotValid(Reason.MALFORMED, "Signed, but not a badge credential");
        }
        LocalDate today = LocalDate.now(clock.withZone(zone));
        if (today.isBefore(valid.validFrom())) {
            return new BadgeCheck.NotValid(Reason.NOT_YET_VALID, "Valid from " + valid.validFrom());
        }
        if (today.isAfter(valid.validUntil())) {
            return new BadgeCheck.NotValid(Reason.EXPIRED, "Expired on " + valid.validUntil());
        }
        return valid;
    }

    /** Offline checks, then the revocation list: a revoked or expired badge is NOT VALID even if well signed. */
    @Transactional(readOnly = true)
    BadgeCheck verifyOnline(String token) {
        BadgeCheck offline = verifyOffline(token);
        if (offline instanceof BadgeCheck.Valid valid) {
            ApplicationStatus status = store.applicationByBadge(valid.badgeNumber()).map(Application::status).orElse(null);
            if (status == ApplicationStatus.REVOKED) {
                return new BadgeCheck.NotValid(Reason.REVOKED, "Badge " + valid.badgeNumber() + " was revoked by the commission");
            }
            if (status == ApplicationStatus.EXPIRED) {
                return new BadgeCheck.NotValid(Reason.EXPIRED, "Badge " + valid.badgeNumber() + " was withdrawn as expired");
            }
            if (status != ApplicationStatus.BADGE_ISSUED) {
                // signed by our key but not a badge we issued: a key compromise, never a normal case
                return new BadgeCheck.NotValid(Reason.REVOKED, "Badge " + valid.badgeNumber() + " is not on the register of issued badges");
            }
        }
        return offline;
    }
}
