package org.electora.platform.internal.security;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.electora.platform.Digests;
import org.electora.platform.Role;
import org.electora.platform.Scope;
import org.electora.platform.StaffMember;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Bearer tokens for API clients. The password is checked with BCrypt once, when the token is issued; each request
 * is then a SHA-256 and a cache hit (BCrypt per request would cap this machine at ~35 requests/s).
 */
@Component
class ApiTokens {

    static final Duration LIFETIME = Duration.ofHours(12);
    private static final int CACHE_LIMIT = 10_000;

    private record Cached(StaffPrincipalDetails principal, Instant expiresAt) {
    }

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    ApiTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Issued(String token, Instant expiresAt) {
    }

    Issued issue(long userId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expires = Instant.now().plus(LIFETIME);
        jdbc.sql("INSERT INTO api_token (token_hash, user_id, expires_at) VALUES (?, ?, ?)")
                .params(hash(token), userId, Timestamp.from(expires)).update();
        return new Issued(token, expires);
    }

    Optional<StaffPrincipalDetails> resolve(String token) {
        String hash = hash(token);
        Instant now = Instant.now();
        Cached cached = cache.get(hash);
        if (cached != null && cached.expiresAt().isAfter(now)) {
            return Optional.of(cached.principal());
        }
        Optional<Cached> loaded = jdbc.sql("""
                        SELECT u.id, u.username, u.display_name, u.role, u.scope_kind, u.scope_id, t.expires_at
                        FROM api_token t JOIN staff_user u ON u.id = t.user_id
                        WHERE t.token_hash = ? AND t.expires_at > now() AND u.enabled""")
                .param(hash)
                .query((rs, n) -> new Cached(new StaffPrincipalDetails(new StaffMember(rs.getLong("id"),
                        rs.getString("username"), rs.getString("display_name"), Role.valueOf(rs.getString("role")),
                        Scope.of(rs.getString("scope_kind"), (Long) rs.getObject("scope_id"))), null, true),
                        rs.getTimestamp("expires_at").toInstant()))
                .optional();
        loaded.ifPresent(c -> {
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(hash, c);
        });
        return loaded.map(Cached::principal);
    }

    void revoke(String token) {
        String hash = hash(token);
        cache.remove(hash);
        jdbc.sql("DELETE FROM api_token WHERE token_hash = ?").param(hash).update();
    }

    /** Ends every token of an account (disabled): the cache forgets them at once, not when they expire. */
    void revokeAllOf(long userId) {
        cache.values().removeIf(c -> c.principal().staff().id() == userId);
        jdbc.sql("DELETE FROM api_token WHERE user_id = ?").param(userId).update();
    }

    static String hash(String token) {
        return Digests.sha256(token);
    }
}
