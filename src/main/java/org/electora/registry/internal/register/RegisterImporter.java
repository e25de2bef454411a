package org.electora.registry.internal.register;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.electora.audit.AuditLog;
import org.electora.audit.Disposition;
import org.electora.platform.CurrentStaff;
import org.electora.registry.RegisterImport;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The population-register import: COPY into an UNLOGGED staging table, every rule checked set-based in SQL over the
 * whole file, then one upsert by national id — all in one transaction, so a rejected file leaves only its
 * {@code register_import} row and audit event behind.
 */
@Service
class RegisterImporter implements RegisterImport {

    private static final Logger log = LoggerFactory.getLogger(RegisterImporter.class);

    /** Warning: the row's voter was REMOVED by the registry (a merge of duplicates, …); the row is not applied. */
    static final String REMOVED_NOT_APPLIED = "REG-148";
    /** Warning: the row's status would undo a status decision the registry recorded; the status is kept. */
    static final String DECISION_KEPT = "REG-149";

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final RegisterReference reference;
    private final AuditLog audit;

    RegisterImporter(DataSource dataSource, JdbcClient jdbc, PlatformTransactionManager transactionManager,
                     RegisterReference reference, AuditLog audit) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.reference = reference;
        this.audit = audit;
    }

    @Override
    public Report importCsv(InputStream csv, long size, Progress progress) {
        CurrentStaff.require();
        Instant started = Instant.now();
        return transactions.execute(tx -> {
            RegisterReference.Reference ref = reference.current();
            String staging = "register_staging_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            // Hash aggregation of 10 million ids and the upsert's sorts stay in memory instead of spilling.
            jdbc.sql("SET LOCAL work_mem = '256MB'").update();
            jdbc.sql("SET LOCAL maintenance_work_mem = '256MB'").update();
            jdbc.sql("CREATE UNLOGGED TABLE " + staging + " (line bigint NOT NULL, "
                    + String.join(" text, ", RegisterCsv.COLUMNS) + " text)").update();
            var problems = new ProblemCollector();
            progress.phase("reading");
            RegisterCsv.Framed framed = copy(staging, csv, problems, progress);
            jdbc.sql("ANALYZE " + staging).update();
            if (framed.headerValid()) {
                progress.phase("validating");
                validateRows(staging, ref, problems);
                validateDuplicates(staging, problems);
            }
            Report report;
            if (!problems.isEmpty()) {
                long id = record(started, framed, "REJECTED", 0, 0, problems.total());
                audit.record("register.import-rejected", "register-import:" + id, Disposition.REJECTED,
                        Map.of("rows", framed.records(), "problems", problems.total(), "byRule", problems.counts(),
                                "sourceSha256", framed.sha256()));
                report = new Report(id, Outcome.REJECTED, framed.records(), 0, 0, 0, problems.counts(),
                        problems.problems(), framed.sha256(), Map.of(), java.util.List.of());
            } else {
                progress.phase("applying");
                String held = holdDecisions(staging);
                var warnings = new ProblemCollector();
                warn(held, warnings);
                long[] changed = apply(staging, held);
                long struckOff = strikeOffInactive(staging, held);
                long id = record(started, framed, "APPLIED", changed[0], changed[1], 0);
                audit.record("register.imported", "register-import:" + id, Map.of("rows", framed.records(),
                        "inserted", changed[0], "updated", changed[1], "struckOff", struckOff, "sourceSha256", framed.sha256(),
                        "mapVersion", ref.mapVersionId(), "ageReferenceDay", ref.ageReferenceDay().toString(),
                        "warnings", warnings.counts()));
                report = new Report(id, Outcome.APPLIED, framed.records(), changed[0], changed[1],
                        framed.records() - changed[0] - changed[1], Map.of(), java.util.List.of(), framed.sha256(),
                        warnings.counts(), warnings.problems());
                jdbc.sql("DROP TABLE " + held).update();
            }
            jdbc.sql("DROP TABLE " + staging).update();
            progress.phase("committing");
            log.info("Register import {}: {} rows, {} inserted, {} updated, {} problems", report.outcome(),
                    report.rows(), report.inserted(), report.updated(), problems.total());
            return report;
        });
    }

    private RegisterCsv.Framed copy(String staging, InputStream csv, ProblemCollector problems, Progress progress) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            try (var out = new PGCopyOutputStream(copy.copyIn("COPY " + staging + " FROM STDIN (FORMAT csv)"), 1 << 16)) {
                return new RegisterCsv(csv, out, problems, progress).frame();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into staging failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * Every per-row rule in one scan of the staging table; for each rule the first lines and the total. Values are
     * reported only where they are not personal (settlements, countries, codes).
     */
    private void validateRows(String staging, RegisterReference.Reference ref, ProblemCollector problems) {
        String sql = """
                WITH checked AS (
                    SELECT s.line, s.settlement, s.origin_settlement, s.country, s.status,
                           unnest(ARRAY[
                               CASE WHEN s.national_id IS NULL OR s.national_id !~ '^[0-9]{9}$' THEN 'REG-003' END,
                               CASE WHEN s.national_id ~ '^[0-9]{9}$' AND NOT registry_national_id_valid(s.national_id) THEN 'REG-004' END,
                               CASE WHEN d.dob IS NULL THEN 'REG-006' END,
                               CASE WHEN d.dob > current_date THEN 'REG-007' END,
                               CASE WHEN d.dob <= current_date AND d.dob > (:day::date - interval '18 years')::date THEN 'REG-008' END,
                               CASE WHEN a.domestic AND g.name IS NULL THEN 'REG-009' END,
                               CASE WHEN btrim(coalesce(s.family_name, '')) = '' OR btrim(coalesce(s.given_name, '')) = '' THEN 'REG-010' END,
                               CASE WHEN s.sex IS NULL OR s.sex NOT IN ('F', 'M') THEN 'REG-011' END,
                               CASE WHEN NOT (a.domestic OR a.abroad) THEN 'REG-012' END,
                               CASE WHEN a.abroad AND s.country !~ '^[A-Z]{2}$' THEN 'REG-013' END,
                               CASE WHEN nullif(btrim(s.origin_settlement), '') IS NOT NULL AND o.name IS NULL THEN 'REG-014' END,
                               CASE WHEN coalesce(nullif(s.status, ''), 'ACTIVE') NOT IN ('ACTIVE', 'DECEASED', 'DEPRIVED') THEN 'REG-015'
                                    WHEN coalesce(nullif(s.status, ''), 'ACTIVE') = 'ACTIVE' AND nullif(s.status_date, '') IS NOT NULL THEN 'REG-016'
                                    WHEN coalesce(nullif(s.status, ''), 'ACTIVE') <> 'ACTIVE' AND (nullif(btrim(s.status_reason), '') IS NULL
                                         OR s.status_date !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' OR NOT pg_input_is_valid(s.status_date, 'date')) THEN 'REG-016' END
                           ]) AS rule
                    FROM %s s
                    LEFT JOIN register_settlement g ON g.map_version_id = :map AND g.region = s.region AND g.name = s.settlement
                    LEFT JOIN (SELECT DISTINCT name FROM register_settlement WHERE map_version_id = :map) o
                           ON o.name = btrim(s.origin_settlement)
                    CROSS JOIN LATERAL (SELECT CASE WHEN s.date_of_birth ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
                                                     AND pg_input_is_valid(s.date_of_birth, 'date')
                                                    THEN s.date_of_birth::date END AS dob) d
                    CROSS JOIN LATERAL (SELECT
                        (nullif(btrim(s.region), '') IS NOT NULL AND nullif(btrim(s.settlement), '') IS NOT NULL
                         AND nullif(btrim(s.street), '') IS NOT NULL AND nullif(btrim(s.house), '') IS NOT NULL
                         AND nullif(btrim(s.country), '') IS NULL AND nullif(btrim(s.city), '') IS NULL) AS domestic,
                        (nullif(btrim(s.region), '') IS NULL AND nullif(btrim(s.settlement), '') IS NULL
                         AND nullif(btrim(s.street), '') IS NULL AND nullif(btrim(s.house), '') IS NULL
                         AND nullif(btrim(s.country), '') IS NOT NULL AND nullif(btrim(s.city), '') IS NOT NULL) AS abroad) a
                )
                SELECT rule, line, settlement, origin_settlement, country, status, total FROM (
                    SELECT c.*, row_number() OVER (PARTITION BY rule ORDER BY line) AS n, count(*) OVER (PARTITION BY rule) AS total
                    FROM checked c WHERE rule IS NOT NULL) ranked
                WHERE n <= :limit ORDER BY rule, line
                """.formatted(staging);
        jdbc.sql(sql).param("day", ref.ageReferenceDay()).param("map", ref.mapVersionId())
                .param("limit", Report.PROBLEMS_PER_RULE)
                .query((rs, i) -> {
                    String rule = rs.getString("rule");
                    problems.add(rule, rs.getLong("line"), field(rule), message(rule, rs, ref), rs.getLong("total"));
                    return rule;
                }).list();
    }

    private void validateDuplicates(String staging, ProblemCollector problems) {
        jdbc.sql("""
                        SELECT line, first_line, total FROM (
                            SELECT line, first_line, row_number() OVER (ORDER BY line) AS n, count(*) OVER () AS total FROM (
                                SELECT s.line, min(s.line) OVER (PARTITION BY s.national_id) AS first_line
                                FROM %1$s s
                                WHERE s.national_id IN (SELECT national_id FROM %1$s GROUP BY national_id HAVING count(*) > 1)
                            ) x WHERE line <> first_line
                        ) d WHERE n <= :limit ORDER BY line""".formatted(staging))
                .param("limit", Report.PROBLEMS_PER_RULE)
                .query((rs, i) -> {
                    problems.add("REG-005", rs.getLong("line"), "national_id",
                            "national id already on line " + rs.getLong("first_line") + " of this file", rs.getLong("total"));
                    return 0;
                }).list();
    }

    /**
     * The rows of the file whose voter's status is the registry's decision, not the population register's: a voter
     * REMOVED (only the registry removes: a merge of duplicates, a loss of citizenship — the file cannot say REMOVED),
     * a voter DECEASED or DEPRIVED by a recorded decision ({@code voter_status_change}, its latest row), and a voter
     * made ACTIVE again by a decision (restored by a court, reinstated) whose row still shows the status that decision
     * undid. The file does not change these statuses, nor, therefore, the voters' registrations; a REMOVED voter's row
     * is not applied at all (the record stays as the merge left it). Few rows: the registry's decisions, found through
     * the partial index {@code voter_not_active} and the small {@code voter_status_change}, not a scan of the register.
     */
    private String holdDecisions(String staging) {
        String held = staging + "_held";
        jdbc.sql("""
                CREATE UNLOGGED TABLE %2$s AS
                WITH decided AS (
                    SELECT v.national_id, v.status, v.status_reason, v.status_date, c.from_status
                    FROM voter v
                    LEFT JOIN LATERAL (SELECT c.from_status, c.to_status FROM voter_status_change c
                                       WHERE c.voter_id = v.id ORDER BY c.id DESC LIMIT 1) c ON true
                    WHERE v.status <> 'ACTIVE' AND (v.status = 'REMOVED' OR c.to_status = v.status)
                    UNION ALL
                    SELECT v.national_id, v.status, v.status_reason, v.status_date, c.from_status
                    FROM (SELECT DISTINCT ON (voter_id) voter_id, from_status, to_status FROM voter_status_change
                          ORDER BY voter_id, id DESC) c
                    JOIN voter v ON v.id = c.voter_id
                    WHERE c.to_status = 'ACTIVE' AND v.status = 'ACTIVE'
                )
                SELECT s.line, d.national_id, d.status, d.status_reason, d.status_date, f.status AS file_status
                FROM decided d
                JOIN %1$s s ON s.national_id = d.national_id
                CROSS JOIN LATERAL (SELECT coalesce(nullif(s.status, ''), 'ACTIVE') AS status) f
                WHERE d.status <> 'ACTIVE' OR f.status = d.from_status
                """.formatted(staging, held)).update();
        jdbc.sql("ANALYZE " + held).update();
        return held;
    }

    /** Each held row whose file status differs from the register's: a warning with its line, the file still applied. */
    private void warn(String held, ProblemCollector warnings) {
        jdbc.sql("""
                        SELECT line, rule, status, file_status, total FROM (
                            SELECT h.*, r.rule, row_number() OVER (PARTITION BY r.rule ORDER BY h.line) AS n,
                                   count(*) OVER (PARTITION BY r.rule) AS total
                            FROM %s h
                            CROSS JOIN LATERAL (SELECT CASE WHEN h.status = 'REMOVED' THEN :removed
                                                            WHEN h.file_status <> h.status THEN :kept END AS rule) r
                            WHERE r.rule IS NOT NULL) w
                        WHERE n <= :limit ORDER BY rule, line""".formatted(held))
                .param("removed", REMOVED_NOT_APPLIED).param("kept", DECISION_KEPT)
                .param("limit", Report.PROBLEMS_PER_RULE)
                .query((rs, i) -> {
                    String rule = rs.getString("rule");
                    String message = REMOVED_NOT_APPLIED.equals(rule)
                            ? "the voter was removed from the register by the registry (e.g. merged as a duplicate): row not applied"
                            : "the voter is " + rs.getString("status") + " by a recorded registry decision; the file's "
                              + rs.getString("file_status") + " is not applied (status kept, the rest of the row applied)";
                    warnings.add(rule, rs.getLong("line"), "status", message, rs.getLong("total"));
                    return rule;
                }).list();
    }

    /**
     * One upsert by national id. A row whose every field equals the register's is not touched (so the same file
     * twice changes nothing); a changed row gets a new version. Voters absent from the file are left as they are, and
     * so are the statuses the registry decided ({@link #holdDecisions}).
     */
    private long[] apply(String staging, String held) {
        String fields = "family_name, given_name, patronymic, date_of_birth, sex, region, settlement, street, house, "
                + "country, city, origin_settlement, status, status_reason, status_date";
        String excluded = java.util.Arrays.stream(fields.split(", ")).map(f -> "EXCLUDED." + f)
                .collect(java.util.stream.Collectors.joining(", "));
        String current = java.util.Arrays.stream(fields.split(", ")).map(f -> "v." + f)
                .collect(java.util.stream.Collectors.joining(", "));
        String sql = """
                WITH up AS (
                    INSERT INTO voter AS v (national_id, %1$s)
                    SELECT s.national_id, btrim(s.family_name), btrim(s.given_name), nullif(btrim(s.patronymic), ''),
                           s.date_of_birth::date, s.sex, nullif(btrim(s.region), ''), nullif(btrim(s.settlement), ''),
                           nullif(btrim(s.street), ''), nullif(btrim(s.house), ''), nullif(btrim(s.country), ''),
                           nullif(btrim(s.city), ''), nullif(btrim(s.origin_settlement), ''),
                           CASE WHEN h.line IS NULL THEN coalesce(nullif(s.status, ''), 'ACTIVE') ELSE h.status END,
                           CASE WHEN h.line IS NULL THEN nullif(btrim(s.status_reason), '') ELSE h.status_reason END,
                           CASE WHEN h.line IS NULL THEN nullif(s.status_date, '')::date ELSE h.status_date END
                    FROM %2$s s
                    LEFT JOIN %5$s h ON h.line = s.line
                    WHERE h.status IS DISTINCT FROM 'REMOVED'
                    ON CONFLICT (national_id) DO UPDATE SET (%1$s, version) = (%3$s, v.version + 1)
                    WHERE (%4$s) IS DISTINCT FROM (%3$s)
                    RETURNING (xmax = 0) AS inserted
                )
                SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated FROM up
                """.formatted(fields, staging, excluded, current, held);
        return jdbc.sql(sql).query((rs, i) -> new long[]{rs.getLong("inserted"), rs.getLong("updated")}).single();
    }

    /**
     * Voters the file makes DECEASED or DEPRIVED leave the lists of elections in preparation in the same transaction
     * (RegistrationLifecycle STRIKE_OFF, set-based; V11's voter_inactive_off_lists checks it at commit).
     */
    private long strikeOffInactive(String staging, String held) {
        return jdbc.sql("""
                UPDATE registration r SET status = 'STRUCK_OFF', active = false, ended_at = now(),
                       end_reason = 'voter ' || v.status || ': register import', version = r.version + 1
                FROM voter v
                WHERE v.id = r.voter_id AND r.active AND v.status <> 'ACTIVE'
                  AND registry_election_in_preparation(r.election_id)
                  AND v.national_id IN (SELECT national_id FROM %s WHERE coalesce(nullif(status, ''), 'ACTIVE') <> 'ACTIVE')
                  AND v.national_id NOT IN (SELECT national_id FROM %s)
                """.formatted(staging, held)).update();
    }

    private long record(Instant started, RegisterCsv.Framed framed, String outcome, long inserted, long updated, long problems) {
        return jdbc.sql("""
                        INSERT INTO register_import (source_sha256, imported_by, started_at, outcome, rows, inserted, updated, problems)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(framed.sha256(), CurrentStaff.actorName(), java.sql.Timestamp.from(started), outcome,
                        framed.records(), inserted, updated, problems)
                .query(Long.class).single();
    }

    private static String field(String rule) {
        return switch (rule) {
            case "REG-003", "REG-004" -> "national_id";
            case "REG-006", "REG-007", "REG-008" -> "date_of_birth";
            case "REG-009" -> "settlement";
            case "REG-010" -> "family_name";
            case "REG-011" -> "sex";
            case "REG-012" -> "address";
            case "REG-013" -> "country";
            case "REG-014" -> "origin_settlement";
            case "REG-015", "REG-016" -> "status";
            default -> null;
        };
    }

    private static String message(String rule, java.sql.ResultSet rs, RegisterReference.Reference ref) throws SQLException {
        return switch (rule) {
            case "REG-003" -> "national id must be nine digits";
            case "REG-004" -> "national id check digit is wrong";
            case "REG-006" -> "date of birth is not a date (yyyy-mm-dd)";
            case "REG-007" -> "date of birth is in the future";
            case "REG-008" -> "under 18 on " + ref.ageReferenceDay() + (ref.electionId() == null ? " (today)" : " (polling day)");
            case "REG-009" -> "unknown settlement \"" + rs.getString("settlement") + "\" in this region";
            case "REG-010" -> "family name and given name are required";
            case "REG-011" -> "sex must be F or M";
            case "REG-012" -> "either a domestic address (region, settlement, street, house) or an address abroad (country, city)";
            case "REG-013" -> "\"" + rs.getString("country") + "\" is not an ISO 3166-1 alpha-2 country code";
            case "REG-014" -> "unknown origin settlement \"" + rs.getString("origin_settlement") + "\"";
            case "REG-015" -> "status \"" + rs.getString("status") + "\" is not ACTIVE, DECEASED or DEPRIVED";
            case "REG-016" -> "an ACTIVE voter has no status date; DECEASED or DEPRIVED needs a reason and a date";
            default -> rule;
        };
    }
}
