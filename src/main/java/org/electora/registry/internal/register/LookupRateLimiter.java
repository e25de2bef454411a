package org.electora.registry.internal.register;

import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A token bucket per client address for the public lookup: {@code burst} lookups at once, then one every
 * {@code 60 / perMinute} seconds. Guessing dates of birth for a known national id takes thousands of tries; this
 * makes it take days. Buckets of idle clients are dropped once the map grows large.
 */
@Component
class LookupRateLimiter {

    private static final int MAX_CLIENTS = 100_000;

    private final int burst;
    private final double tokensPerNano;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    LookupRateLimiter(@Value("${electora.registry.lookup.burst:10}") int burst,
                      @Value("${electora.registry.lookup.per-minute:20}") int perMinute) {
        this.burst = burst;
        this.tokensPerNano = perMinute / 60e9;
    }

    /** 0 if the client may look up now; otherwise the seconds until it may (for Retry-After). */
    long acquire(String client) {
        long now = System.nanoTime();
        if (buckets.size() > MAX_CLIENTS) {
            buckets.values().removeIf(b -> b.full(now));
        }
        return buckets.computeIfAbsent(client, c -> new Bucket(burst, now)).take(now);
    }

    void reset() {
        buckets.clear();
    }

    private final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        synchronized long take(long now) {
            tokens = Math.min(burst, tokens + (now - updated) * tokensPerNano);
            updated = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / tokensPerNano / 1e9);
        }

        synchronized boolean full(long now) {
            return tokens + (now - updated) * tokensPerNano >= burst;
        }
    }
}
