package org.electora.accreditation.internal;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import org.electora.audit.AuditLog;
import org.electora.platform.AccessDenied;
import org.electora.platform.CurrentStaff;
import org.electora.platform.Role;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The commission's Ed25519 signing keys. One is active; retired ones stay published so that badges signed before a
 * rotation still verify. The first key is generated on the first start. Private halves never leave this class.
 */
@Service
class CommissionKeys implements ApplicationRunner {

    /** Serialises key generation across app replicas sharing one database. */
    private static final long KEY_LOCK = 0x4143435f4b4559L;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final org.springframework.transaction.support.TransactionTemplate tx;
    private final KeyEncryption encryption;

    CommissionKeys(JdbcClient jdbc, AuditLog audit, Clock clock,
                   org.springframework.transaction.PlatformTransactionManager transactions, KeyEncryption encryption) {
        this.encryption = encryption;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.tx = new org.springframework.transaction.support.TransactionTemplate(transactions);
    }

    @Override
    public void run(ApplicationArguments args) {
        CurrentStaff.runAsSystem(() -> tx.execute(status -> {
            lock();
            if (activeKid().isEmpty()) {
                generate("first start");
            }
            return null;
        }));
    }

    /** Retires the active key and generates a new one; earlier badges keep verifying against the retired key. */
    @Transactional
    String rotate() {
        if (CurrentStaff.require().role() != Role.CEC_ADMIN) {
            throw new AccessDenied("Only a CEC administrator may rotate the commission's signing key");
        }
        lock();
        Optional<String> previous = activeKid();
        previous.ifPresent(kid -> jdbc.sql("UPDATE accreditation_signing_key SET retired_at = ? WHERE kid = ?")
                .params(java.sql.Timestamp.from(clock.instant()), kid).update());
        return generate(previous.map(kid -> "rotation of " + kid).orElse("rotation"));
    }

    /** The active key pair with its private half, for signing. */
    OctetKeyPair signingKey() {
        record Sealed(String kid, String sealedPrivateJwk) {
        }
        Sealed sealed = jdbc.sql("SELECT kid, sealed_private_jwk FROM accreditation_signing_key WHERE retired_at IS NULL")
                .query(Sealed.class).optional()
                .orElseThrow(() -> new IllegalStateException("No active accreditation signing key"));
        return parse(encryption.open(sealed.kid(), sealed.sealedPrivateJwk()));
    }

    /** Every public key ever used, newest first. */
    JWKSet publicKeys() {
        List<OctetKeyPair> keys = jdbc.sql("SELECT public_jwk FROM accreditation_signing_key ORDER BY created_at DESC, kid")
                .query(String.class).list().stream().map(CommissionKeys::parse).toList();
        return new JWKSet(List.copyOf(keys));
    }

    Optional<OctetKeyPair> publicKey(String kid) {
        return jdbc.sql("SELECT public_jwk FROM accreditation_signing_key WHERE kid = ?").param(kid)
                .query(String.class).optional().map(CommissionKeys::parse);
    }

    private Optional<String> activeKid() {
        return jdbc.sql("SELECT kid FROM accreditation_signing_key WHERE retired_at IS NULL").query(String.class).optional();
    }

    private void lock() {
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(KEY_LOCK).query(Object.class).single();
    }

    private String generate(String why) {
        try {
            OctetKeyPair generated = new OctetKeyPairGenerator(Curve.Ed25519).keyUse(KeyUse.SIGNATURE).generate();
            // kid = RFC 7638 thumbprint: anyone can recompute it from the published key
            OctetKeyPair key = new OctetKeyPair.Builder(generated).keyIDFromThumbprint().build();
            Instant now = clock.instant();
            jdbc.sql("INSERT INTO accreditation_signing_key (kid, public_jwk, sealed_private_jwk, created_at) VALUES (?, ?, ?, ?)")
                    .params(key.getKeyID(), key.toPublicJWK().toJSONString(), encryption.seal(key.getKeyID(), key.toJSONString()),
                            java.sql.Timestamp.from(now))
                    .update();
            audit.record("accreditation.key.generated", "accreditation-key:" + key.getKeyID(),
                    Map.of("kid", key.getKeyID(), "why", why, "publicKey", key.toPublicJWK().getX().toString()));
            return key.getKeyID();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an Ed25519 key", e);
        }
    }

    private static OctetKeyPair parse(String json) {
        try {
            return OctetKeyPair.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("Stored accreditation key is not a JWK", e);
        }
    }
}
