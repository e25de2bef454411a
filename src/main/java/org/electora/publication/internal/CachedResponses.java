package org.electora.publication.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Public responses built from immutable snapshots: a strong ETag from the snapshot's SHA-256, 304 on a matching
 * {@code If-None-Match}, a Cache-Control that lets numbered snapshots be cached for ever, and gzip done here, once
 * per file, rather than by the servlet container: Tomcat never compresses a response with a strong ETag (rightly:
 * other bytes need another validator), so the gzip variant is tagged {@code "<sha256>-gzip"}.
 */
final class CachedResponses {

    /** Numbered snapshots never change. */
    static final CacheControl IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();
    /** "latest" and the list move on with each new snapshot. */
    static final CacheControl SHORT = CacheControl.maxAge(Duration.ofSeconds(10)).cachePublic();

    private static final String GZIP_SUFFIX = "-gzip";
    private static final int GZIPPED_KEPT = 64;
    private static final Map<String, byte[]> GZIPPED = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > GZIPPED_KEPT;
        }
    };

    private CachedResponses() {
    }

    static ResponseEntity<byte[]> of(String ifNoneMatch, String acceptEncoding, String etagValue, CacheControl cache,
                                     MediaType type, byte[] body) {
        boolean gzip = acceptsGzip(acceptEncoding);
        String etag = "\"" + etagValue + (gzip ? GZIP_SUFFIX : "") + "\"";
        if (matches(ifNoneMatch, etagValue)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(cache)
                    .varyBy(HttpHeaders.ACCEPT_ENCODING).build();
        }
        var response = ResponseEntity.ok().eTag(etag).cacheControl(cache).varyBy(HttpHeaders.ACCEPT_ENCODING).contentType(type);
        if (gzip) {
            return response.header(HttpHeaders.CONTENT_ENCODING, "gzip").body(gzipped(etagValue, body));
        }
        return response.body(body);
    }

    /** Either variant's tag (and W/ forms of them) validates: both stand for the same snapshot bytes. */
    private static boolean matches(String ifNoneMatch, String etagValue) {
        if (ifNoneMatch == null) {
            return false;
        }
        return Arrays.stream(ifNoneMatch.split(",")).map(String::trim).map(t -> t.startsWith("W/") ? t.substring(2) : t)
                .anyMatch(t -> t.equals("*") || t.equals("\"" + etagValue + "\"") || t.equals("\"" + etagValue + GZIP_SUFFIX + "\""));
    }

    private static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        return Arrays.stream(acceptEncoding.split(",")).map(t -> t.trim().toLowerCase(Locale.ROOT))
                .anyMatch(t -> (t.equals("gzip") || t.startsWith("gzip;")) && !t.replace(" ", "").matches("gzip;q=0(\\.0*)?"));
    }

    private static byte[] gzipped(String key, byte[] body) {
        synchronized (GZIPPED) {
            byte[] cached = GZIPPED.get(key);
            if (cached != null) {
                return cached;
            }
        }
        var out = new ByteArrayOutputStream(Math.max(64, body.length / 4));
        try (var gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] compressed = out.toByteArray();
        synchronized (GZIPPED) {
            GZIPPED.put(key, compressed);
        }
        return compressed;
    }
}
