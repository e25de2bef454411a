package org.electora.platform;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client (an address): {@code burst} requests at once, then one every {@code 60 / perMinute}
 * seconds. For public forms and lookups that someone could script: guessing a date of birth, flooding a queue of
 * applications. Buckets of idle clients are dropped once the map grows large.
 */
public final class RateLimiter {

    private static final int MAX_CLIENTS = 100_000;

    private final int burst;
    private final double tokensPerNano;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int burst, int perMinute) {
        if (burst < 1 || perMinute < 1) {
            throw new IllegalArgumentException("burst and perMinute must be positive");
        }
        this.burst = burst;
        this.tokensPerNano = perMinute / 60e9;
    }

    /** 0 if the client may go ahead now; otherwise the seconds until it may (for Retry-After). */
    public long acquire(String client) {
        long now = System.nanoTime();
        if (buckets.size() > MAX_CLIENTS) {
            buckets.values().removeIf(b -> b.full(now));
        }
        return buckets.computeIfAbsent(client, c -> new Bucket(burst, now)).take(now);
    }

    /** Forgets every client (tests). */
    public void reset() {
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
