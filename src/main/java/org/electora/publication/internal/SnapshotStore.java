package org.electora.publication.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.electora.publication.ResultsSnapshot;
import org.electora.publication.SnapshotStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of {@code results_snapshot}: one statement per method; rows are never updated (a trigger refuses it). */
@Repository
class SnapshotStore {

    private static final String META = "SELECT election_id, sequence, contest_id, generated_at, time_zone, status, sha256 FROM results_snapshot";

    private final JdbcClient jdbc;

    SnapshotStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ResultsSnapshot> latest(long electionId) {
        return jdbc.sql(META + " WHERE election_id = ? ORDER BY sequence DESC LIMIT 1").param(electionId)
                .query(SnapshotStore::meta).optional();
    }

    Optional<ResultsSnapshot> latestOfContest(long contestId) {
        return jdbc.sql(META + " WHERE contest_id = ? ORDER BY sequence DESC LIMIT 1").param(contestId)
                .query(SnapshotStore::meta).optional();
    }

    Optional<Integer> latestSequence(long electionId) {
        return jdbc.sql("SELECT max(sequence) FROM results_snapshot WHERE election_id = ?").param(electionId)
                .query(Integer.class).optional();
    }

    Optional<ResultsSnapshot> meta(long electionId, int sequence) {
        return jdbc.sql(META + " WHERE election_id = ? AND sequence = ?").params(electionId, sequence)
                .query(SnapshotStore::meta).optional();
    }

    List<ResultsSnapshot> all(long electionId) {
        return jdbc.sql(META + " WHERE election_id = ? ORDER BY sequence").param(electionId).query(SnapshotStore::meta).list();
    }

    Optional<byte[]> content(long electionId, int sequence) {
        return jdbc.sql("SELECT content FROM results_snapshot WHERE election_id = ? AND sequence = ?")
                .params(electionId, sequence).query((rs, n) -> rs.getBytes(1)).optional();
    }

    /** Inserts with the next sequence of the election; a concurrent publisher makes this fail on the primary key. */
    ResultsSnapshot insert(long electionId, long contestId, OffsetDateTime generatedAt, ZoneId zone, SnapshotStatus status,
                           String sha256, byte[] content) {
        return jdbc.sql("""
                        INSERT INTO results_snapshot (election_id, sequence, contest_id, generated_at, time_zone, status, sha256, content)
                        SELECT ?, coalesce(max(sequence), 0) + 1, ?, ?, ?, ?, ?, ? FROM results_snapshot WHERE election_id = ?
                        RETURNING election_id, sequence, contest_id, generated_at, time_zone, status, sha256""")
                .params(electionId, contestId, generatedAt, zone.getId(), status.name(), sha256, content, electionId)
                .query(SnapshotStore::meta).single();
    }

    private static ResultsSnapshot meta(ResultSet rs, int n) throws SQLException {
        ZoneId zone = ZoneId.of(rs.getString("time_zone"));
        OffsetDateTime at = rs.getObject("generated_at", OffsetDateTime.class).atZoneSameInstant(zone).toOffsetDateTime();
        return new ResultsSnapshot(rs.getLong("election_id"), rs.getInt("sequence"), rs.getLong("contest_id"), at,
                SnapshotStatus.valueOf(rs.getString("status")), rs.getString("sha256"));
    }
}
