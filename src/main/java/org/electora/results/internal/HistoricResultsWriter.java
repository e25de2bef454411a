package org.electora.results.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.function.LongConsumer;

import javax.sql.DataSource;

import org.electora.results.ProtocolAction;
import org.electora.results.ProtocolLifecycle;
import org.electora.results.ProtocolStatus;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes imported protocols in bulk, inside the caller's transaction: rows are COPYed into a temporary staging table,
 * then one INSERT … SELECT per table (protocol, protocol_version, protocol_decision, station_result).
 */
@Repository
class HistoricResultsWriter {

    /** One protocol to write: where, what, and what the checks decided. */
    record Staged(long stationId, long constituencyId, ProtocolStatus status, long[] lines, long[] votes,
                  String contentSha256, String violationsJson, TallyStore.Numbers numbers) {
    }

    private static final int CHUNK = 2000;

    private final DataSource dataSource;
    private final JdbcClient jdbc;

    HistoricResultsWriter(DataSource dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    void write(long electionId, long contestId, List<Staged> rows, String actor, Instant at, String reference,
               LongConsumer progress) {
        jdbc.sql("""
                CREATE TEMPORARY TABLE historic_stage (
                    station_id bigint, constituency_id bigint, status text, lines bigint[], votes bigint[],
                    content_sha256 text, violations text, voters bigint, issued bigint, valid bigint, invalid bigint,
                    share_base bigint) ON COMMIT DROP""").update();
        copy(rows, progress);
        jdbc.sql("""
                        INSERT INTO protocol (election_id, contest_id, station_id, constituency_id, status, version, counted_version)
                        SELECT ?, ?, station_id, constituency_id, status, 1, CASE WHEN status = 'ACCEPTED' THEN 1 END
                        FROM historic_stage""")
                .params(electionId, contestId).update();
        jdbc.sql("""
                        INSERT INTO protocol_version (protocol_id, number, election_id, lines, votes, source, content_sha256,
                                                      submitted_by, submitted_at, violations)
                        SELECT p.id, 1, ?, st.lines, st.votes, 'IMPORT', st.content_sha256, ?, ?, st.violations
                        FROM historic_stage st JOIN protocol p ON p.contest_id = ? AND p.station_id = st.station_id""")
                .params(electionId, actor, Timestamp.from(at), contestId).update();
        // The same steps a clean (or broken) submission takes, from the lifecycle's own table.
        ProtocolStatus verified = ProtocolLifecycle.require(ProtocolStatus.ENTERED, ProtocolAction.VERIFY);
        ProtocolStatus accepted = ProtocolLifecycle.require(verified, ProtocolAction.ACCEPT);
        ProtocolStatus quarantined = ProtocolLifecycle.require(ProtocolStatus.ENTERED, ProtocolAction.QUARANTINE);
        jdbc.sql("""
                        INSERT INTO protocol_decision (protocol_id, at, actor, action, from_status, to_status, version, reference)
                        SELECT p.id, ?, ?, d.action, d.from_status, d.to_status, 1, ?
                        FROM historic_stage st JOIN protocol p ON p.contest_id = ? AND p.station_id = st.station_id
                        JOIN (VALUES (?, 1, 'VERIFY', 'ENTERED', ?), (?, 2, 'ACCEPT', ?, ?), (?, 1, 'QUARANTINE', 'ENTERED', ?))
                             AS d(status, step, action, from_status, to_status) ON d.status = st.status
                        ORDER BY p.id, d.step""")
                .params(Timestamp.from(at), actor, reference, contestId,
                        accepted.name(), verified.name(), accepted.name(), verified.name(), accepted.name(),
                        quarantined.name(), quarantined.name())
                .update();
        jdbc.sql("""
                        INSERT INTO station_result (contest_id, station_id, constituency_id, host_country, version, voters_on_list,
                                                    ballots_issued, valid, invalid, share_base, votes)
                        SELECT ?, station_id, constituency_id, NULL, 1, voters, issued, valid, invalid, share_base, votes
                        FROM historic_stage WHERE status = 'ACCEPTED'""")
                .param(contestId).update();
    }

    private void copy(List<Staged> rows, LongConsumer progress) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY historic_stage FROM STDIN");
            try {
                var text = new StringBuilder(CHUNK * 200);
                for (int i = 0; i < rows.size(); i++) {
                    append(text, rows.get(i));
                    if ((i + 1) % CHUNK == 0 || i == rows.size() - 1) {
                        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                        copy.writeToCopy(bytes, 0, bytes.length);
                        text.setLength(0);
                        progress.accept(i + 1);
                    }
                }
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("COPY of imported protocols failed", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** One line of COPY's text format; only the violations JSON is free text, so only it is escaped. */
    private static void append(StringBuilder out, Staged r) {
        TallyStore.Numbers n = r.numbers();
        out.append(r.stationId()).append('\t').append(r.constituencyId()).append('\t').append(r.status().name()).append('\t');
        array(out, r.lines()).append('\t');
        array(out, r.votes()).append('\t');
        out.append(r.contentSha256()).append('\t');
        escape(out, r.violationsJson()).append('\t');
        out.append(n.votersOnList()).append('\t').append(n.ballotsIssued()).append('\t').append(n.valid()).append('\t')
                .append(n.invalid()).append('\t').append(n.shareBase()).append('\n');
    }

    private static StringBuilder array(StringBuilder out, long[] values) {
        out.append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(values[i]);
        }
        return out.append('}');
    }

    private static StringBuilder escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out;
    }
}
