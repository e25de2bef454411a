package org.electora.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.electora.audit.AuditChain;
import org.electora.audit.AuditEvent;
import org.electora.audit.ChainVerification;
import org.electora.audit.Disposition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chains committed audit events in the order it seals them. One sealer at a time (a transaction-scoped advisory
 * lock, so replicas may all run it), every {@code electora.audit.seal-interval} (default 200 ms): writers never
 * wait for the chain head, and an event is in the chain within about that delay of its commit.
 */
@Service
class AuditSealer implements AuditChain {

    private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);
    private static final long SEALER_LOCK = 0x6175646974L; // "audit"
    private static final int BATCH = 5_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate tx;

    AuditSealer(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.template = template;
        this.tx = tx;
    }

    @Scheduled(fixedDelayString = "${electora.audit.seal-interval:200ms}")
    void sealPeriodically() {
        try {
            seal(false);
        } catch (RuntimeException e) {
            log.warn("Sealing the audit chain failed; will retry: {}", e.getMessage());
        }
    }

    /**
     * Seals every event committed before the call. It waits for a sealer that is running (this replica's schedule or
     * another replica's): that one may have read its batch before the caller's events committed.
     */
    @Override
    public int seal() {
        return seal(true);
    }

    /** {@code wait}: queue for the sealer's lock; without it a run that finds another sealer at work seals nothing. */
    private int seal(boolean wait) {
        int total = 0;
        int sealed;
        do {
            sealed = tx.execute(status -> sealBatch(wait));
            total += sealed;
        } while (sealed == BATCH);
        return total;
    }

    private record Unsealed(long intakeId, UUID eventId, String recordedAt, String actor, String type, String subject,
                            String disposition, String payloadHash) {
    }

    private record Head(long seq, String hash) {
    }

    private int sealBatch(boolean wait) {
        if (wait) {
            jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(SEALER_LOCK).query((rs, n) -> 1).single();
        } else if (!jdbc.sql("SELECT pg_try_advisory_xact_lock(?)").param(SEALER_LOCK).query(Boolean.class).single()) {
            return 0;
        }
        Head head = jdbc.sql("SELECT seq, entry_hash FROM audit_event WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
                .optional().orElse(new Head(0, Hashing.GENESIS));
        List<Unsealed> batch = jdbc.sql("""
                        SELECT intake_id, event_id, recorded_at, actor, type, subject, disposition, payload_hash
                        FROM audit_event WHERE seq IS NULL ORDER BY intake_id LIMIT ?""")
                .param(BATCH)
                .query((rs, n) -> new Unsealed(rs.getLong(1), rs.getObject(2, UUID.class), utc(rs, 3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))
                .list();
        if (batch.isEmpty()) {
            return 0;
        }
        int n = batch.size();
        long[] intakeIds = new long[n];
        long[] seqs = new long[n];
        String[] previousHashes = new String[n];
        String[] hashes = new String[n];
        long seq = head.seq();
        String previous = head.hash();
        for (int i = 0; i < n; i++) {
            Unsealed e = batch.get(i);
            seq++;
            String hash = Hashing.entryHash(seq, e.eventId().toString(), e.recordedAt(), e.actor(), e.type(),
                    e.subject(), e.disposition(), e.payloadHash(), previous);
            intakeIds[i] = e.intakeId();
            seqs[i] = seq;
            previousHashes[i] = previous;
            hashes[i] = hash;
            previous = hash;
        }
        // One statement for the batch (not one per event): on election night the sealer follows every protocol.
        jdbc.sql("""
                        UPDATE audit_event a SET seq = u.seq, prev_hash = u.prev_hash, entry_hash = u.entry_hash, sealed_at = now()
                        FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[]) AS u(intake_id, seq, prev_hash, entry_hash)
                        WHERE a.intake_id = u.intake_id""")
                .params(intakeIds, seqs, previousHashes, hashes).update();
        return batch.size();
    }

    @Override
    public ChainVerification verify() {
        seal();
        AtomicReference<ChainVerification> broken = new AtomicReference<>();
        long[] state = {0};
        String[] previous = {Hashing.GENESIS};
        template.query("""
                SELECT seq, event_id, recorded_at, actor, type, subject, disposition, payload, payload_hash, prev_hash, entry_hash
                FROM audit_event WHERE seq IS NOT NULL ORDER BY seq""", rs -> {
            if (broken.get() != null) {
                return;
            }
            long seq = rs.getLong("seq");
            String eventId = rs.getString("event_id");
            String reason = null;
            if (seq != state[0] + 1) {
                reason = "sequence jumps from " + state[0] + " to " + seq + " (an event was removed)";
            } else if (!Hashing.sha256(rs.getString("payload")).equals(rs.getString("payload_hash"))) {
                reason = "payload does not match its hash";
            } else if (!previous[0].equals(rs.getString("prev_hash"))) {
                reason = "previous hash does not match the preceding event";
            } else if (!Hashing.entryHash(seq, eventId, utc(rs, 3), rs.getString("actor"), rs.getString("type"),
                    rs.getString("subject"), rs.getString("disposition"), rs.getString("payload_hash"),
                    rs.getString("prev_hash")).equals(rs.getString("entry_hash"))) {
                reason = "event fields do not match the entry hash";
            }
            if (reason != null) {
                broken.set(new ChainVerification.Broken(seq, eventId, reason));
                return;
            }
            state[0] = seq;
            previous[0] = rs.getString("entry_hash");
        });
        return broken.get() != null ? broken.get() : new ChainVerification.Intact(state[0], previous[0]);
    }

    @Override
    public List<AuditEvent> events(long afterSequence, int limit) {
        return jdbc.sql("""
                        SELECT seq, event_id, recorded_at, actor, type, subject, disposition, payload, payload_hash, prev_hash, entry_hash
                        FROM audit_event WHERE seq > ? ORDER BY seq LIMIT ?""")
                .params(afterSequence, Math.min(Math.max(limit, 1), 1000))
                .query((rs, n) -> new AuditEvent(rs.getLong(1), rs.getObject(2, UUID.class),
                        rs.getTimestamp(3).toInstant().atOffset(ZoneOffset.UTC), rs.getString(4), rs.getString(5),
                        rs.getString(6), Disposition.valueOf(rs.getString(7)), rs.getString(8), rs.getString(9),
                        rs.getString(10), rs.getString(11)))
                .list();
    }

    private static String utc(ResultSet rs, int column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts.toInstant().toString();
    }
}
