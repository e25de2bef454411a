package org.electora.registry.internal.register;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import org.electora.audit.AuditLog;
import org.electora.audit.Disposition;
import org.electora.platform.Conflict;
import org.electora.platform.CurrentStaff;
import org.electora.platform.InvalidInput;
import org.electora.platform.NotFound;
import org.electora.registry.PersonRecord;
import org.electora.registry.ProbableDuplicate;
import org.electora.registry.internal.matching.DuplicateDetector;
import org.electora.registry.internal.matching.PairExplanation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Duplicate detection over the register's active voters (or one region's) as a background run with progress: the
 * detector holds every record in memory and takes about 40 s per 100,000 voters on two cores, far too long for a
 * request. Each probable pair becomes a review case ({@code duplicate_case}); a pair already decided is not
 * proposed again, an open case found again gets the new score.
 */
@Service
class DuplicateRuns {

    private static final Logger log = LoggerFactory.getLogger(DuplicateRuns.class);

    static final String UNKNOWN_REGION = "REG-116";
    static final String ALREADY_RUNNING = "REG-115";

    record Run(long id, String region, String status, String phase, long voters, long pairs, long casesOpened,
               long alreadyDecided, String startedBy, OffsetDateTime startedAt, OffsetDateTime finishedAt, String failure) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "duplicate-detection");
        t.setDaemon(true);
        return t;
    });

    DuplicateRuns(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactionManager, AuditLog audit) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(10_000);
        this.transactions = new TransactionTemplate(transactionManager);
        this.audit = audit;
    }

    /** A run the application did not finish (it stopped meanwhile) will never finish: say so, and free the slot. */
    @EventListener(ApplicationReadyEvent.class)
    void failInterruptedRuns() {
        int stale = jdbc.sql("""
                UPDATE duplicate_run SET status = 'FAILED', finished_at = now(), failure = 'interrupted: the application stopped'
                WHERE status = 'RUNNING'""").update();
        if (stale > 0) {
            log.warn("{} duplicate detection run(s) were interrupted by a stop of the application", stale);
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** Starts a run (CEC; the role is checked by the caller) and returns at once; one run at a time. */
    Run start(String region) {
        String scope = region == null || region.isBlank() ? null : region.strip();
        if (scope != null && !jdbc.sql("SELECT EXISTS (SELECT 1 FROM register_settlement WHERE region = ?)")
                .param(scope).query(Boolean.class).single()) {
            throw new InvalidInput(UNKNOWN_REGION, "no region " + scope + " in the register");
        }
        String by = CurrentStaff.require().username();
        long id = transactions.execute(tx -> {
            long run;
            try {
                run = jdbc.sql("INSERT INTO duplicate_run (region, started_by) VALUES (?, ?) RETURNING id")
                        .params(scope, by).query(Long.class).single();
            } catch (DuplicateKeyException e) {
                throw new Conflict(ALREADY_RUNNING, "a duplicate detection run is already running: wait for it");
            }
            audit.record("register.duplicate-run-started", "duplicate-run:" + run,
                    scope == null ? Map.of("scope", "register") : Map.of("scope", "region", "region", scope));
            return run;
        });
        worker.execute(() -> CurrentStaff.runAsSystem(() -> {
            detect(id, scope);
            return null;
        }));
        return run(id);
    }

    Run run(long id) {
        return jdbc.sql("SELECT * FROM duplicate_run WHERE id = ?").param(id)
                .query((rs, i) -> new Run(rs.getLong("id"), rs.getString("region"), rs.getString("status"),
                        rs.getString("phase"), rs.getLong("voters"), rs.getLong("pairs"), rs.getLong("cases_opened"),
                        rs.getLong("already_decided"), rs.getString("started_by"),
                        rs.getObject("started_at", OffsetDateTime.class), rs.getObject("finished_at", OffsetDateTime.class),
                        rs.getString("failure")))
                .optional().orElseThrow(() -> new NotFound("REG-113", "No duplicate detection run " + id));
    }

    private void detect(long run, String region) {
        try {
            phase(run, "loading voters");
            List<PersonRecord> records = load(region);
            jdbc.sql("UPDATE duplicate_run SET voters = ?, phase = 'comparing' WHERE id = ?").params(records.size(), run).update();
            List<ProbableDuplicate> found = DuplicateDetector.deduplicate(records);
            jdbc.sql("UPDATE duplicate_run SET pairs = ?, phase = 'saving cases' WHERE id = ?").params(found.size(), run).update();
            Map<String, PersonRecord> byId = new HashMap<>(records.size() * 2);
            records.forEach(r -> byId.put(r.id(), r));
            records = null; // the detector's input is no longer needed: let a large register's records go
            List<ProbableDuplicate> pairs = found;
            transactions.executeWithoutResult(tx -> save(run, pairs, byId));
            log.info("Duplicate detection run {} ({}): {} voters, {} probable pairs", run,
                    region == null ? "register" : region, byId.size(), found.size());
        } catch (RuntimeException | OutOfMemoryError e) {
            log.error("Duplicate detection run {} failed", run, e);
            transactions.executeWithoutResult(tx -> {
                jdbc.sql("UPDATE duplicate_run SET status = 'FAILED', finished_at = now(), failure = ? WHERE id = ?")
                        .params(String.valueOf(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), run).update();
                audit.record("register.duplicate-run-failed", "duplicate-run:" + run, Disposition.REJECTED,
                        Map.of("failure", e.getClass().getSimpleName()));
            });
        }
    }

    private void phase(long run, String phase) {
        jdbc.sql("UPDATE duplicate_run SET phase = ? WHERE id = ?").params(phase, run).update();
    }

    /** The active voters compared: names as registered (the detector transliterates), birth date as yyyyMMdd. */
    private List<PersonRecord> load(String region) {
        List<PersonRecord> records = new ArrayList<>();
        String sql = """
                SELECT id, given_name, family_name, to_char(date_of_birth, 'YYYYMMDD'), national_id,
                       coalesce(settlement, city), street, house
                FROM voter WHERE status = 'ACTIVE'""" + (region == null ? "" : " AND region = ?") + " ORDER BY id";
        transactions.executeWithoutResult(tx -> streaming.query(sql, rs -> {
            records.add(new PersonRecord(Long.toString(rs.getLong(1)), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), null));
        }, region == null ? new Object[0] : new Object[]{region}));
        return records;
    }

    /** The pairs as cases, set-based: staged, then one upsert that leaves decided cases alone. */
    private void save(long run, List<ProbableDuplicate> pairs, Map<String, PersonRecord> byId) {
        jdbc.sql("CREATE TEMPORARY TABLE duplicate_found (a bigint, b bigint, weight double precision, "
                + "probability double precision, comparisons jsonb) ON COMMIT DROP").update();
        List<Object[]> rows = new ArrayList<>(pairs.size());
        for (ProbableDuplicate p : pairs) {
            long x = Long.parseLong(p.firstId());
            long y = Long.parseLong(p.secondId());
            var comparisons = PairExplanation.explain(byId.get(p.firstId()), byId.get(p.secondId()));
            StringBuilder json = new StringBuilder("[");
            for (PairExplanation.Comparison c : comparisons) {
                json.append(json.length() > 1 ? "," : "").append("{\"field\":\"").append(c.field())
                        .append("\",\"level\":\"").append(c.level()).append("\"}");
            }
            rows.add(new Object[]{Math.min(x, y), Math.max(x, y), p.weight(), Math.min(1.0, p.probability()),
                    json.append(']').toString()});
        }
        streaming.batchUpdate("INSERT INTO duplicate_found VALUES (?, ?, ?, ?, ?::jsonb)", rows);
        long[] counts = jdbc.sql("""
                        WITH up AS (
                            INSERT INTO duplicate_case AS c (voter_a, voter_b, weight, probability, comparisons, run_id)
                            SELECT DISTINCT ON (f.a, f.b) f.a, f.b, f.weight, f.probability, f.comparisons, ?
                            FROM duplicate_found f
                            JOIN voter va ON va.id = f.a AND va.status = 'ACTIVE'
                            JOIN voter vb ON vb.id = f.b AND vb.status = 'ACTIVE'
                            ORDER BY f.a, f.b, f.weight DESC
                            ON CONFLICT ON CONSTRAINT duplicate_case_one_per_pair DO UPDATE
                                SET weight = EXCLUDED.weight, probability = EXCLUDED.probability,
                                    comparisons = EXCLUDED.comparisons, run_id = EXCLUDED.run_id, version = c.version + 1
                                WHERE c.status = 'OPEN'
                            RETURNING (xmax = 0) AS inserted
                        )
                        SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM up""")
                .param(run).query((rs, i) -> new long[]{rs.getLong(1), rs.getLong(2)}).single();
        long decided = jdbc.sql("""
                        SELECT count(*) FROM duplicate_found f JOIN duplicate_case c ON c.voter_a = f.a AND c.voter_b = f.b
                        WHERE c.status <> 'OPEN'""").query(Long.class).single();
        jdbc.sql("""
                        UPDATE duplicate_run SET status = 'DONE', finished_at = now(), phase = 'done', cases_opened = ?,
                               already_decided = ? WHERE id = ?""")
                .params(counts[0], decided, run).update();
        audit.record("register.duplicate-run-finished", "duplicate-run:" + run, Map.of("pairs", pairs.size(),
                "casesOpened", counts[0], "casesRescored", counts[1], "alreadyDecided", decided));
    }
}
