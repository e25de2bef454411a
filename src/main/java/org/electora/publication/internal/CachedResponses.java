package org.electora.publication.internal;

import java.util.Arrays;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Public responses built from immutable snapshots: a strong ETag from the snapshot's SHA-256, 304 on a matching
 * {@code If-None-Match}, and a Cache-Control that lets numbered snapshots be cached for ever.
 */
final class CachedResponses {

    /** Numbered snapshots never change. */
    static final CacheControl IMMUTABLE = CacheControl.maxAge(java.time.Duration.ofDays(365)).cachePublic().immutable();
    /** "latest" and the list move on with each new snapshot. */
    static final CacheControl SHORT = CacheControl.maxAge(java.time.Duration.ofSeconds(10)).cachePublic();

    private CachedResponses() {
    }

    static ResponseEntity<byte[]> of(String ifNoneMatch, String etagValue, CacheControl cache, MediaType type, byte[] body) {
        String etag = "\"" + etagValue + "\"";
        if (matches(ifNoneMatch, etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(cache).build();
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(cache).contentType(type).body(body);
    }

    /** RFC 9110 weak comparison: W/"x" matches "x" (a compressing proxy or server may weaken our tag). */
    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        return Arrays.stream(ifNoneMatch.split(",")).map(String::trim).map(t -> t.startsWith("W/") ? t.substring(2) : t)
                .anyMatch(t -> t.equals(etag) || t.equals("*"));
    }
}
