package org.electora.results.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.electora.platform.NotFound;
import org.electora.results.Tallies;
import org.electora.results.Tally;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tallies (ADR 0009): a counted protocol's numbers go to {@code station_result}, and the same transaction adds them
 * to its constituency's row of {@code constituency_tally} (a lock per constituency, never a national hot row); both
 * are written by {@link ResultsWriter} with the protocol changes that cause them.
 * Regions and the nation sum constituency rows; countries abroad sum their few station rows.
 */
@Repository
@Transactional(readOnly = true)
class TallyStore implements Tallies {

    /** What a counted protocol contributes. {@code votes} by ballot order. */
    record Numbers(long votersOnList, long ballotsIssued, long valid, long invalid, long shareBase, long[] votes) {
        Numbers negate() {
            return new Numbers(-votersOnList, -ballotsIssued, -valid, -invalid, -shareBase,
                    Arrays.stream(votes).map(v -> -v).toArray());
        }

        Numbers plus(Numbers o) {
            long[] sum = Arrays.copyOf(votes, Math.max(votes.length, o.votes.length));
            for (int i = 0; i < o.votes.length; i++) {
                sum[i] += o.votes[i];
            }
            return new Numbers(votersOnList + o.votersOnList, ballotsIssued + o.ballotsIssued, valid + o.valid,
                    invalid + o.invalid, shareBase + o.shareBase, sum);
        }
    }

    private final JdbcClient jdbc;
    private final Set<Long> initialised = ConcurrentHashMap.newKeySet();

    TallyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Creates the contest's constituency rows with the number of stations expected (once per contest). The contest
     * counts as done only once the transaction that created its rows commits: a rolled-back first batch (one that
     * fails on the unique index of submission ids, say) takes the rows with it, and the next one creates them again.
     */
    @Transactional
    void ensureRows(long contestId) {
        if (initialised.contains(contestId)) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO constituency_tally (contest_id, constituency_id, stations_expected)
                        SELECT k.id, c.id, count(s.id)
                        FROM contest k JOIN election e ON e.id = k.election_id
                        JOIN constituency c ON c.map_version_id = e.map_version_id
                        LEFT JOIN polling_station s ON s.constituency_id = c.id
                        WHERE k.id = ? GROUP BY k.id, c.id
                        ON CONFLICT DO NOTHING""")
                .param(contestId).update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                initialised.add(contestId);
            }
        });
    }

    /**
     * Deletes the station results of these stations (their protocols no longer count), in the caller's transaction,
     * and adds their negated numbers to {@code changes}, whose {@link ResultsWriter#write} takes them out of their
     * constituency rows.
     */
    @Transactional
    void uncount(long contestId, List<Long> stationIds, ResultsWriter.Changes changes) {
        if (stationIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        DELETE FROM station_result WHERE contest_id = ? AND station_id = ANY (?)
                        RETURNING constituency_id, voters_on_list, ballots_issued, valid, invalid, share_base, votes""")
                .params(contestId, stationIds.stream().mapToLong(Long::longValue).toArray())
                .query(rs -> {
                    changes.uncounted(contestId, rs.getLong(1), new Numbers(rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6), ProtocolStore.longs(rs.getArray(7))));
                });
    }

    /**
     * Rebuilds a contest's constituency rows from its {@code station_result} rows in one statement (bulk imports,
     * which write station results directly). The contest must have no constituency rows yet.
     */
    @Transactional
    void createFromStationResults(long contestId, long mapVersionId) {
        jdbc.sql("""
                        INSERT INTO constituency_tally (contest_id, constituency_id, stations_expected, stations_counted,
                                                        voters_on_list, ballots_issued, valid, invalid, share_base, votes)
                        SELECT ?, c.id, (SELECT count(*) FROM polling_station s WHERE s.constituency_id = c.id),
                               coalesce(r.n, 0), coalesce(r.voters, 0), coalesce(r.issued, 0), coalesce(r.valid, 0),
                               coalesce(r.invalid, 0), coalesce(r.share_base, 0), coalesce(v.votes, '{}')
                        FROM constituency c
                        LEFT JOIN (SELECT constituency_id, count(*) AS n, sum(voters_on_list)::bigint AS voters,
                                          sum(ballots_issued)::bigint AS issued, sum(valid)::bigint AS valid,
                                          sum(invalid)::bigint AS invalid, sum(share_base)::bigint AS share_base
                                   FROM station_result WHERE contest_id = ? GROUP BY constituency_id) r ON r.constituency_id = c.id
                        LEFT JOIN (SELECT constituency_id, array_agg(total ORDER BY i) AS votes
                                   FROM (SELECT constituency_id, u.i, sum(u.v)::bigint AS total
                                         FROM station_result, unnest(votes) WITH ORDINALITY AS u(v, i)
                                         WHERE contest_id = ? GROUP BY constituency_id, u.i) x
                                   GROUP BY constituency_id) v ON v.constituency_id = c.id
                        WHERE c.map_version_id = ?""")
                .params(contestId, contestId, contestId, mapVersionId).update();
        initialised.add(contestId);
    }

    /** One row per constituency with its region; the nation and regions are sums of these (at most a few thousand). */
    private record Row(String regionCode, String regionName, Tally tally) {
    }

    private static final String CONSTITUENCY_ROWS = """
            SELECT 'constituency' AS level, c.code AS key, c.name, r.code AS region_code, r.name AS region_name,
                   t.stations_expected AS expected, t.stations_counted AS counted, t.voters_on_list AS voters,
                   t.ballots_issued AS issued, t.valid, t.invalid, t.share_base, t.votes
            FROM constituency_tally t JOIN constituency c ON c.id = t.constituency_id JOIN region r ON r.id = c.region_id
            WHERE t.contest_id = ?""";

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getString("region_code"), rs.getString("region_name"), tally(rs, n));
    }

    private List<Row> constituencyRows(long contestId) {
        return jdbc.sql(CONSTITUENCY_ROWS + " ORDER BY c.number").param(contestId).query(TallyStore::row).list();
    }

    /**
     * The rows of a contest that exists: none are there before its first counted protocol, and none for a contest
     * that does not exist, which is a 404 as on every other contest endpoint, not an empty tally. Asked only when
     * there are no rows, so a counted contest pays nothing for it.
     */
    private <T> List<T> ofExistingContest(long contestId, List<T> rows) {
        if (rows.isEmpty() && !jdbc.sql("SELECT EXISTS (SELECT 1 FROM contest WHERE id = ?)").param(contestId)
                .query(Boolean.class).single()) {
            throw new NotFound("No contest " + contestId);
        }
        return rows;
    }

    /** One constituency's live totals (empty before the contest's first counted protocol creates its rows). */
    Optional<Tally> constituency(long contestId, long constituencyId) {
        return jdbc.sql(CONSTITUENCY_ROWS + " AND t.constituency_id = ?").params(contestId, constituencyId)
                .query(TallyStore::row).optional().map(Row::tally);
    }

    @Override
    public Tally national(long contestId) {
        return sum("nation", "nation", "", ofExistingContest(contestId, constituencyRows(contestId)).stream()
                .map(Row::tally).toList());
    }

    @Override
    public List<Tally> byRegion(long contestId) {
        Map<String, List<Row>> byRegion = new TreeMap<>();
        ofExistingContest(contestId, constituencyRows(contestId)).forEach(r -> byRegion.computeIfAbsent(r.regionCode(), k -> new ArrayList<>()).add(r));
        return byRegion.values().stream()
                .map(rows -> sum("region", rows.getFirst().regionCode(), rows.getFirst().regionName(),
                        rows.stream().map(Row::tally).toList()))
                .toList();
    }

    @Override
    public List<Tally> byConstituency(long contestId) {
        return ofExistingContest(contestId, constituencyRows(contestId)).stream().map(Row::tally).toList();
    }

    private static final String STATION_TALLY = """
            SELECT 'station' AS level, s.code AS key, s.name, 1 AS expected, 1 AS counted, r.voters_on_list AS voters,
                   r.ballots_issued AS issued, r.valid, r.invalid, r.share_base, r.votes
            FROM station_result r JOIN polling_station s ON s.id = r.station_id""";

    @Override
    public List<Tally> byStation(long contestId, long constituencyId) {
        return jdbc.sql(STATION_TALLY + " WHERE r.contest_id = ? AND r.constituency_id = ? ORDER BY s.number")
                .params(contestId, constituencyId).query(TallyStore::tally).list();
    }

    @Override
    public List<Tally> byStation(long contestId) {
        return jdbc.sql(STATION_TALLY + " WHERE r.contest_id = ? ORDER BY r.constituency_id, s.number")
                .param(contestId).query(TallyStore::tally).list();
    }

    @Override
    public List<Tally> byHostCountry(long contestId) {
        List<Tally> stations = jdbc.sql("""
                        SELECT 'station' AS level, s.host_country AS key, s.host_country AS name, 1 AS expected,
                               (r.station_id IS NOT NULL)::int AS counted, coalesce(r.voters_on_list, 0) AS voters,
                               coalesce(r.ballots_issued, 0) AS issued, coalesce(r.valid, 0) AS valid,
                               coalesce(r.invalid, 0) AS invalid, coalesce(r.share_base, 0) AS share_base, r.votes
                        FROM contest k JOIN election e ON e.id = k.election_id
                        JOIN polling_station s ON s.map_version_id = e.map_version_id AND s.host_country IS NOT NULL
                        LEFT JOIN station_result r ON r.station_id = s.id AND r.contest_id = k.id
                        WHERE k.id = ? ORDER BY s.host_country""")
                .param(contestId).query(TallyStore::tally).list();
        ofExistingContest(contestId, stations);
        Map<String, List<Tally>> byCountry = new TreeMap<>();
        stations.forEach(t -> byCountry.computeIfAbsent(t.key(), k -> new ArrayList<>()).add(t));
        return byCountry.entrySet().stream().map(e -> sum("country", e.getKey(), e.getKey(), e.getValue())).toList();
    }

    static Tally sum(String level, String key, String name, List<Tally> parts) {
        int expected = 0;
        int counted = 0;
        long voters = 0;
        long issued = 0;
        long valid = 0;
        long invalid = 0;
        long base = 0;
        long[] votes = new long[parts.stream().mapToInt(t -> t.votes().size()).max().orElse(0)];
        for (Tally t : parts) {
            expected += t.stationsExpected();
            counted += t.stationsCounted();
            voters += t.votersOnList();
            issued += t.ballotsIssued();
            valid += t.valid();
            invalid += t.invalid();
            base += t.shareBase();
            for (int i = 0; i < t.votes().size(); i++) {
                votes[i] += t.votes().get(i);
            }
        }
        return new Tally(level, key, name, expected, counted, voters, issued, valid, invalid, base,
                Arrays.stream(votes).boxed().toList());
    }

    private static Tally tally(ResultSet rs, int n) throws SQLException {
        long[] votes = rs.getArray("votes") == null ? new long[0] : ProtocolStore.longs(rs.getArray("votes"));
        return new Tally(rs.getString("level"), rs.getString("key"), rs.getString("name"), rs.getInt("expected"),
                rs.getInt("counted"), rs.getLong("voters"), rs.getLong("issued"), rs.getLong("valid"), rs.getLong("invalid"),
                rs.getLong("share_base"), Arrays.stream(votes).boxed().toList());
    }
}
