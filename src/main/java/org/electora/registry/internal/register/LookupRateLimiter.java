package org.electora.registry.internal.register;

import org.electora.platform.RateLimiter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The public lookup's limit per client address: {@code burst} lookups at once, then {@code perMinute}. Guessing
 * dates of birth for a known national id takes thousands of tries; this makes it take days.
 */
@Component
class LookupRateLimiter {

    private final RateLimiter limiter;

    LookupRateLimiter(@Value("${electora.registry.lookup.burst:10}") int burst,
                      @Value("${electora.registry.lookup.per-minute:20}") int perMinute) {
        this.limiter = new RateLimiter(burst, perMinute);
    }

    /** 0 if the client may look up now; otherwise the seconds until it may (for Retry-After). */
    long acquire(String client) {
        return limiter.acquire(client);
    }

    void reset() {
        limiter.reset();
    }
}
