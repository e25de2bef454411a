package org.electora.audit.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.electora.audit.AuditLog;
import org.electora.audit.Disposition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes the event row only; hashing into the chain is the sealer's job (ADR 0004). */
@Component
class JdbcAuditLog implements AuditLog {

    static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private static final String INSERT = """
            INSERT INTO audit_event (event_id, recorded_at, actor, type, subject, disposition, payload, payload_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    JdbcAuditLog(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    @Override
    public void record(String type, String subject, Disposition disposition, Map<String, ?> payload) {
        requireTransaction();
        String json = CANONICAL.writeValueAsString(payload);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql(INSERT).params(UUID.randomUUID(), Timestamp.from(now), actor(), type, subject, disposition.name(), json,
                        Hashing.sha256(json))
                .update();
    }

    @Override
    public void recordAll(List<Entry> entries) {
        requireTransaction();
        if (entries.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
        List<Object[]> rows = entries.stream().map(e -> {
            String json = CANONICAL.writeValueAsString(e.payload());
            return new Object[] {UUID.randomUUID(), now, e.actor(), e.type(), e.subject(), e.disposition().name(), json,
                    Hashing.sha256(json)};
        }).toList();
        template.batchUpdate(INSERT, rows);
    }

    private static void requireTransaction() {
        // An event written outside the transaction of its change could outlive a rolled-back change.
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Audit events are recorded inside the transaction of the change they describe");
        }
    }

    private static String actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !auth.isAuthenticated() || "anonymousUser".equals(auth.getName()) ? "system" : auth.getName();
    }
}
