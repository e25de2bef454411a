package org.electora.results.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Open double entries of paper protocols: one statement per method.
 * <p>
 * An entry is open until its cycle ends ({@link #close}) — or until the station's protocol is counted by another path
 * (an electronic submission, a supervisor's acceptance of another version): an entry keyed before that can never
 * complete its cycle (keying a counted protocol is refused, RES-025), and if keying opens again (an amendment in
 * quarantine) it was keyed against numbers since replaced. Such an entry is <em>overtaken</em>: reads leave it out
 * ({@link #OVERTAKEN}), and the next keying of the station closes it ({@link #closeOvertaken}).
 */
@Repository
class EntryStore {

    /**
     * The entry {@code e} is overtaken: its station's protocol is counted (or amended) now, or was accepted at or after
     * the moment the entry was keyed.
     */
    private static final String OVERTAKEN = """
            EXISTS (SELECT 1 FROM protocol p WHERE p.contest_id = e.contest_id AND p.station_id = e.station_id
                    AND (p.status IN ('ACCEPTED', 'AMENDED')
                         OR EXISTS (SELECT 1 FROM protocol_decision d WHERE d.protocol_id = p.id AND d.to_status = 'ACCEPTED'
                                    AND d.at >= e.entered_at)))""";

    record Entry(long id, String operator, long[] lines, long[] votes, Instant enteredAt) {
    }

    private final JdbcClient jdbc;

    EntryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Serialises the keying of one station's protocol: the second of two operators saving at the same moment must
     * see the first entry, or neither would compare them. Held until the transaction ends; other stations never wait.
     */
    void lockStation(long contestId, long stationId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('protocol-entry:' || ? || ':' || ?, 0))")
                .params(contestId, stationId).query().listOfRows();
    }

    List<Entry> open(long contestId, long stationId) {
        return jdbc.sql("""
                        SELECT id, operator, lines, votes, entered_at FROM protocol_entry e
                        WHERE contest_id = ? AND station_id = ? AND closed_version IS NULL AND NOT\s""" + OVERTAKEN + " ORDER BY id")
                .params(contestId, stationId)
                .query((rs, n) -> new Entry(rs.getLong("id"), rs.getString("operator"), ProtocolStore.longs(rs.getArray("lines")),
                        ProtocolStore.longs(rs.getArray("votes")), rs.getTimestamp("entered_at").toInstant()))
                .list();
    }

    long insert(long electionId, long contestId, long stationId, long constituencyId, String operator, long[] lines,
                long[] votes, Instant at) {
        return jdbc.sql("""
                        INSERT INTO protocol_entry (election_id, contest_id, station_id, constituency_id, operator, lines, votes, entered_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(electionId, contestId, stationId, constituencyId, operator, lines, votes, Timestamp.from(at))
                .query(Long.class).single();
    }

    /** Ends the entry cycle: the open entries became {@code version} of the protocol. */
    void close(long contestId, long stationId, int version, Instant at) {
        jdbc.sql("""
                        UPDATE protocol_entry SET closed_version = ?, closed_at = ?
                        WHERE contest_id = ? AND station_id = ? AND closed_version IS NULL""")
                .params(version, Timestamp.from(at), contestId, stationId).update();
    }

    /**
     * Closes the station's overtaken entries, as superseded by the protocol's current version; their ids. Run under
     * {@link #lockStation} before an entry is added, so that the operator of an overtaken entry may key again.
     */
    List<Long> closeOvertaken(long contestId, long stationId, Instant at) {
        return jdbc.sql("""
                        UPDATE protocol_entry e SET closed_version = (SELECT p.version FROM protocol p
                                                                      WHERE p.contest_id = e.contest_id AND p.station_id = e.station_id),
                               closed_at = ?
                        WHERE contest_id = ? AND station_id = ? AND closed_version IS NULL AND\s""" + OVERTAKEN + " RETURNING id")
                .params(Timestamp.from(at), contestId, stationId).query(Long.class).list();
    }

    /** Number of open entries per station, for the stations given (filtered in SQL to the caller's stations). */
    Map<Long, Integer> openCounts(long contestId, long[] stationIds) {
        return jdbc.sql("""
                        SELECT station_id, count(*) AS n FROM protocol_entry e
                        WHERE contest_id = ? AND station_id = ANY (?) AND closed_version IS NULL AND NOT\s""" + OVERTAKEN
                        + " GROUP BY station_id")
                .params(contestId, stationIds)
                .query((rs, n) -> Map.entry(rs.getLong("station_id"), rs.getInt("n"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
