package org.electora.results.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.electora.results.ProtocolAction;
import org.electora.results.ProtocolDecision;
import org.electora.results.ProtocolId;
import org.electora.results.ProtocolSource;
import org.electora.results.ProtocolStatus;
import org.electora.results.ProtocolView;
import org.electora.results.StationDecision;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads of protocols, their versions and decisions, and scans: one statement per method (writes: {@link ResultsWriter}). */
@Repository
class ProtocolStore {

    record StoredVersion(long protocolId, int number, long contestId, long stationId, long[] lines, long[] votes,
                         ProtocolSource source, UUID clientSubmissionId, String contentSha256, String submittedBy,
                         Instant submittedAt, String reason, String violationsJson, String scanSha256) {
    }

    private static final String PROTOCOL = """
            SELECT p.id, p.election_id, p.contest_id, p.station_id, s.code AS station_code, p.constituency_id, p.status,
                   p.version, p.counted_version, p.summary_signed_at IS NOT NULL AS summary_signed
            FROM protocol p JOIN polling_station s ON s.id = p.station_id""";

    private final JdbcClient jdbc;

    ProtocolStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ProtocolView> byId(long id) {
        return jdbc.sql(PROTOCOL + " WHERE p.id = ?").param(id).query(ProtocolStore::protocol).optional();
    }

    Optional<ProtocolView> byStation(long contestId, long stationId) {
        return jdbc.sql(PROTOCOL + " WHERE p.contest_id = ? AND p.station_id = ?").params(contestId, stationId)
                .query(ProtocolStore::protocol).optional();
    }

    Optional<ProtocolView> lock(long protocolId) {
        return jdbc.sql(PROTOCOL + " WHERE p.id = ? FOR UPDATE OF p").param(protocolId).query(ProtocolStore::protocol).optional();
    }

    /** The station's protocol for the contest, its row locked until the transaction ends (empty: no protocol yet). */
    Optional<ProtocolView> lockByStation(long contestId, long stationId) {
        return jdbc.sql(PROTOCOL + " WHERE p.contest_id = ? AND p.station_id = ? FOR UPDATE OF p").params(contestId, stationId)
                .query(ProtocolStore::protocol).optional();
    }

    /** Locks the protocol rows of these stations in id order (two writers that share stations never deadlock). */
    List<ProtocolView> lockAll(long contestId, long[] stationIds) {
        return jdbc.sql(PROTOCOL + " WHERE p.contest_id = ? AND p.station_id = ANY (?) ORDER BY p.id FOR UPDATE OF p")
                .params(contestId, stationIds).query(ProtocolStore::protocol).list();
    }

    /** The protocols of the given stations for a contest (the caller's stations, filtered in SQL). */
    List<ProtocolView> byStations(long contestId, long[] stationIds) {
        return jdbc.sql(PROTOCOL + " WHERE p.contest_id = ? AND p.station_id = ANY (?)").params(contestId, stationIds)
                .query(ProtocolStore::protocol).list();
    }

    /** The versions recorded under any of these client submission ids (idempotency of a whole batch, one query). */
    List<StoredVersion> bySubmissionIds(long electionId, List<UUID> clientSubmissionIds) {
        return jdbc.sql("""
                        SELECT v.*, p.contest_id, p.station_id FROM protocol_version v JOIN protocol p ON p.id = v.protocol_id
                        WHERE v.election_id = ? AND v.client_submission_id = ANY (?::uuid[])""")
                .params(electionId, clientSubmissionIds.stream().map(UUID::toString).toArray(String[]::new))
                .query(ProtocolStore::version).list();
    }

    Optional<StoredVersion> version(long protocolId, int number) {
        return jdbc.sql("""
                        SELECT v.*, p.contest_id, p.station_id FROM protocol_version v JOIN protocol p ON p.id = v.protocol_id
                        WHERE v.protocol_id = ? AND v.number = ?""")
                .params(protocolId, number).query(ProtocolStore::version).optional();
    }

    List<StoredVersion> versions(long protocolId) {
        return jdbc.sql("""
                        SELECT v.*, p.contest_id, p.station_id FROM protocol_version v JOIN protocol p ON p.id = v.protocol_id
                        WHERE v.protocol_id = ? ORDER BY v.number""")
                .param(protocolId).query(ProtocolStore::version).list();
    }

    List<ProtocolDecision> decisions(long protocolId) {
        return jdbc.sql("SELECT * FROM protocol_decision WHERE protocol_id = ? ORDER BY seq")
                .param(protocolId).query((rs, n) -> decision(rs)).list();
    }

    /** The steps the partial index {@code protocol_decision_notable} (V24) keeps: its predicate, literally. */
    List<StationDecision> notableDecisions(long contestId) {
        return jdbc.sql("""
                        SELECT d.*, s.code AS station_code, v.violations
                        FROM protocol_decision d JOIN protocol p ON p.id = d.protocol_id JOIN polling_station s ON s.id = p.station_id
                        JOIN protocol_version v ON v.protocol_id = d.protocol_id AND v.number = d.version
                        WHERE p.contest_id = ? AND d.action IN ('QUARANTINE', 'CORRECT', 'AMEND', 'RELEASE', 'ANNUL')
                        ORDER BY d.seq""")
                .param(contestId)
                .query((rs, n) -> new StationDecision(rs.getString("station_code"), decision(rs),
                        SubmittingProtocols.violations(rs.getString("violations"))))
                .list();
    }

    private static ProtocolDecision decision(ResultSet rs) throws SQLException {
        return new ProtocolDecision(rs.getTimestamp("at").toInstant().atOffset(ZoneOffset.UTC),
                rs.getString("actor"), ProtocolAction.valueOf(rs.getString("action")),
                rs.getString("from_status") == null ? null : ProtocolStatus.valueOf(rs.getString("from_status")),
                ProtocolStatus.valueOf(rs.getString("to_status")), rs.getInt("version"), rs.getString("reason"),
                rs.getString("reference"));
    }

    void saveScan(String sha256, String mediaType, byte[] content) {
        jdbc.sql("INSERT INTO protocol_scan (sha256, media_type, size, content) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING")
                .params(sha256, mediaType, content.length, content).update();
    }

    void linkScan(long protocolId, int version, String sha256) {
        jdbc.sql("UPDATE protocol_version SET scan_sha256 = ? WHERE protocol_id = ? AND number = ?")
                .params(sha256, protocolId, version).update();
    }

    record Scan(String mediaType, byte[] content) {
    }

    Optional<Scan> scan(String sha256) {
        return jdbc.sql("SELECT media_type, content FROM protocol_scan WHERE sha256 = ?").param(sha256)
                .query((rs, n) -> new Scan(rs.getString(1), rs.getBytes(2))).optional();
    }

    /** A protocol with its counted version's numbers (null arrays when none counts). */
    record Current(ProtocolView protocol, long[] lines, long[] votes, String scanSha256) {
    }

    List<Current> ofContest(long contestId) {
        return jdbc.sql("""
                        SELECT p.id, p.election_id, p.contest_id, p.station_id, s.code AS station_code, p.constituency_id, p.status,
                               p.version, p.counted_version, p.summary_signed_at IS NOT NULL AS summary_signed,
                               v.lines, v.votes, v.scan_sha256
                        FROM protocol p JOIN polling_station s ON s.id = p.station_id
                        LEFT JOIN protocol_version v ON v.protocol_id = p.id AND v.number = p.counted_version
                        WHERE p.contest_id = ? ORDER BY s.constituency_id, s.number""")
                .param(contestId)
                .query((rs, n) -> new Current(protocol(rs, n), rs.getArray("lines") == null ? null : longs(rs.getArray("lines")),
                        rs.getArray("votes") == null ? null : longs(rs.getArray("votes")), rs.getString("scan_sha256")))
                .list();
    }

    /** How many protocols of the contest stand in each status, by constituency (all of them when {@code constituency} is null). */
    record StatusCount(long constituencyId, ProtocolStatus status, int count) {
    }

    List<StatusCount> statusCounts(long contestId, Long constituencyId) {
        return jdbc.sql("""
                        SELECT constituency_id, status, count(*) FROM protocol
                        WHERE contest_id = ? AND (CAST(? AS bigint) IS NULL OR constituency_id = ?)
                        GROUP BY constituency_id, status""")
                .params(contestId, constituencyId, constituencyId)
                .query((rs, n) -> new StatusCount(rs.getLong(1), ProtocolStatus.valueOf(rs.getString(2)), rs.getInt(3)))
                .list();
    }

    /** A protocol with what the checks found in its current version. */
    record Checked(ProtocolView protocol, String violationsJson) {
    }

    private static final String CHECKED = """
            SELECT p.id, p.election_id, p.contest_id, p.station_id, s.code AS station_code, p.constituency_id, p.status,
                   p.version, p.counted_version, p.summary_signed_at IS NOT NULL AS summary_signed, v.violations
            FROM protocol p JOIN polling_station s ON s.id = p.station_id
            JOIN protocol_version v ON v.protocol_id = p.id AND v.number = p.version
            WHERE p.contest_id = ?""";

    /** The protocols of one constituency for a contest, each with the violations of its current version. */
    List<Checked> ofConstituency(long contestId, long constituencyId) {
        return jdbc.sql(CHECKED + " AND p.constituency_id = ?").params(contestId, constituencyId)
                .query((rs, n) -> new Checked(protocol(rs, n), rs.getString("violations"))).list();
    }

    /** Protocols whose first version arrived in one minute. */
    record Arrival(Instant minute, int count) {
    }

    /**
     * The contest's protocols (of one constituency when it is not null) by the minute their first version arrived,
     * electronically or keyed: imported ones did not arrive on a night.
     */
    List<Arrival> arrivals(long contestId, Long constituencyId) {
        return jdbc.sql("""
                        SELECT date_trunc('minute', v.submitted_at) AS minute, count(*) FROM protocol p
                        JOIN protocol_version v ON v.protocol_id = p.id AND v.number = 1
                        WHERE p.contest_id = ? AND (CAST(? AS bigint) IS NULL OR p.constituency_id = ?) AND v.source <> 'IMPORT'
                        GROUP BY 1 ORDER BY 1""")
                .params(contestId, constituencyId, constituencyId)
                .query((rs, n) -> new Arrival(rs.getTimestamp(1).toInstant(), rs.getInt(2))).list();
    }

    /** The stations of these constituencies that have a protocol for the contest, whatever its status. */
    Set<Long> stationsWithProtocol(long contestId, List<Long> constituencyIds) {
        if (constituencyIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT station_id FROM protocol WHERE contest_id = ? AND constituency_id = ANY (?)")
                .params(contestId, constituencyIds.toArray(Long[]::new)).query(Long.class).list());
    }

    /**
     * The first {@code limit} of the contest's quarantined protocols (of one constituency when it is not null), in
     * station code order.
     */
    List<Checked> quarantined(long contestId, Long constituencyId, int limit) {
        return jdbc.sql(CHECKED + " AND p.status = 'QUARANTINED' AND (CAST(? AS bigint) IS NULL OR p.constituency_id = ?)"
                        + " ORDER BY s.code LIMIT ?")
                .params(contestId, constituencyId, constituencyId, limit)
                .query((rs, n) -> new Checked(protocol(rs, n), rs.getString("violations"))).list();
    }

    private static ProtocolView protocol(ResultSet rs, int n) throws SQLException {
        return new ProtocolView(new ProtocolId(rs.getLong("id")), rs.getLong("election_id"), rs.getLong("contest_id"),
                rs.getLong("station_id"), rs.getString("station_code"), rs.getLong("constituency_id"),
                ProtocolStatus.valueOf(rs.getString("status")), rs.getInt("version"), (Integer) rs.getObject("counted_version"),
                rs.getBoolean("summary_signed"));
    }

    private static StoredVersion version(ResultSet rs, int n) throws SQLException {
        return new StoredVersion(rs.getLong("protocol_id"), rs.getInt("number"), rs.getLong("contest_id"),
                rs.getLong("station_id"), longs(rs.getArray("lines")), longs(rs.getArray("votes")),
                ProtocolSource.valueOf(rs.getString("source")), rs.getObject("client_submission_id", UUID.class),
                rs.getString("content_sha256"), rs.getString("submitted_by"), rs.getTimestamp("submitted_at").toInstant(),
                rs.getString("reason"), rs.getString("violations"), rs.getString("scan_sha256"));
    }

    static long[] longs(Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        return Arrays.stream(values).mapToLong(v -> ((Number) v).longValue()).toArray();
    }
}
