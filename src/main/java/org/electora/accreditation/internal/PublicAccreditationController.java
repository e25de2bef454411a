package org.electora.accreditation.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.electora.accreditation.BadgeCheck;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Open to anyone: the commission's public keys (JWKS), the revocation list (badge numbers only) and online
 * verification of a badge's credential. Nothing here reads personal data from the database: a VALID answer repeats
 * what the presented credential itself says.
 */
@RestController
@RequestMapping("/api/v1/public/accreditation")
class PublicAccreditationController {

    private final CommissionKeys keys;
    private final BadgeCredentials credentials;
    private final AccreditationStore store;

    PublicAccreditationController(CommissionKeys keys, BadgeCredentials credentials, AccreditationStore store) {
        this.keys = keys;
        this.credentials = credentials;
        this.store = store;
    }

    @GetMapping(value = "/keys", produces = "application/jwk-set+json")
    ResponseEntity<Map<String, Object>> keys() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(keys.publicKeys().toJSONObject(true));
    }

    /** With an ETag, so that a door keeper's phone re-checking before every badge costs a 304 when nothing changed. */
    @GetMapping("/revocations")
    ResponseEntity<Map<String, Object>> revocations(
            @org.springframework.web.bind.annotation.RequestHeader(value = "If-None-Match", required = false) String ifNoneMatch) {
        java.util.List<String> revoked = store.revokedBadges();
        String etag = "\"" + org.electora.platform.Digests.sha256(String.join("\n", revoked)) + "\"";
        if (etag.equals(ifNoneMatch)) {
            return ResponseEntity.status(304).eTag(etag).cacheControl(CacheControl.noCache()).build();
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(CacheControl.noCache()).body(Map.of("revoked", revoked));
    }

    @GetMapping("/verify")
    Map<String, Object> verify(@RequestParam(defaultValue = "") String token) {
        Map<String, Object> out = new LinkedHashMap<>();
        switch (credentials.verifyOnline(token)) {
            case BadgeCheck.Valid v -> {
                out.put("result", "VALID");
                out.put("badgeNumber", v.badgeNumber());
                out.put("name", v.name());
                out.put("organisation", v.organisation());
                out.put("category", v.category().name());
                out.put("validFrom", v.validFrom().toString());
                out.put("validUntil", v.validUntil().toString());
                out.put("kid", v.kid());
            }
            case BadgeCheck.NotValid n -> {
                out.put("result", "NOT_VALID");
                out.put("reason", n.reason().name());
                out.put("detail", n.detail());
            }
        }
        return out;
    }

}
