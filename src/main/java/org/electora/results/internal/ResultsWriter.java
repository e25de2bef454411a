package org.electora.results.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.electora.results.ProtocolAction;
import org.electora.results.ProtocolSource;
import org.electora.results.ProtocolStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes one transaction's changes to protocols and tallies — first protocols and changed ones, their new versions
 * and lifecycle steps, the station results now counted and each constituency row's delta — as ONE statement of
 * data-modifying CTEs over arrays (ADR 0011). A group commit of a few submissions used to send six statements; now it
 * sends one, whatever the mix, and PostgreSQL starts, plans and checks one. A first protocol's id is not known before
 * the statement: its version, steps and station result name it by contest and station, and the statement joins them
 * to the ids its insert returns (which it also returns to the caller).
 * <p>
 * Station results a change takes out of the totals are deleted before ({@link TallyStore#uncount}), which adds
 * their negated numbers to the same {@link Changes}. Tally rows are changed in (contest, constituency) order, and
 * each once per statement with the sum of its deltas.
 */
@Repository
class ResultsWriter {

    record Key(long contestId, long stationId) {
    }

    /** What {@link Changes#add} takes. */
    sealed interface Row permits NewProtocol, ProtocolChange, NewVersion, DecisionRow {
    }

    record NewProtocol(long electionId, long contestId, long stationId, long constituencyId, ProtocolStatus status,
                       int version, Integer countedVersion) implements Row {
    }

    record ProtocolChange(long protocolId, ProtocolStatus status, int version, Integer countedVersion) implements Row {
    }

    /** A version of a protocol given by id, or by contest and station when it is first inserted by the same changes. */
    record NewVersion(Long protocolId, Key key, int number, long electionId, long[] lines, long[] votes, ProtocolSource source,
                      UUID clientSubmissionId, String contentSha256, String submittedBy, String reason, String violationsJson)
            implements Row {
    }

    record NewDecision(ProtocolAction action, ProtocolStatus from, ProtocolStatus to, String reason) {
    }

    record DecisionRow(Long protocolId, Key key, String actor, NewDecision step, int version, String reference)
            implements Row {
    }

    /** A station's counted protocol: what goes to {@code station_result}. */
    record Counted(long stationId, long constituencyId, String hostCountry, int version, TallyStore.Numbers numbers) {
    }

    private record TallyKey(long contestId, long constituencyId) implements Comparable<TallyKey> {
        @Override
        public int compareTo(TallyKey o) {
            int c = Long.compare(contestId, o.contestId);
            return c != 0 ? c : Long.compare(constituencyId, o.constituencyId);
        }
    }

    private static final class Delta {
        int stations;
        TallyStore.Numbers numbers;
    }

    private record Result(long contestId, Counted counted) {
    }

    /** What one transaction changes; every step and version carries the instant {@code at}. */
    static final class Changes {
        private final Instant at;
        private final List<NewProtocol> inserts = new ArrayList<>();
        private final List<ProtocolChange> updates = new ArrayList<>();
        private final List<NewVersion> versions = new ArrayList<>();
        private final List<DecisionRow> decisions = new ArrayList<>();
        private final List<Result> results = new ArrayList<>();
        private final Map<TallyKey, Delta> deltas = new TreeMap<>();

        Changes(Instant at) {
            this.at = at;
        }

        /** A first protocol, a changed one, a new version or a lifecycle step. */
        Changes add(Row row) {
            switch (row) {
                case NewProtocol p -> inserts.add(p);
                case ProtocolChange c -> updates.add(c);
                case NewVersion v -> versions.add(v);
                case DecisionRow d -> decisions.add(d);
            }
            return this;
        }

        /** A station's protocol now counts: its station result, and its numbers added to its constituency's row. */
        Changes count(long contestId, Counted c) {
            results.add(new Result(contestId, c));
            add(contestId, c.constituencyId(), 1, c.numbers());
            return this;
        }

        /** A station result deleted from the totals (by {@link TallyStore#uncount}): its numbers leave its row. */
        Changes uncounted(long contestId, long constituencyId, TallyStore.Numbers numbers) {
            add(contestId, constituencyId, -1, numbers.negate());
            return this;
        }

        private void add(long contestId, long constituencyId, int stations, TallyStore.Numbers n) {
            Delta d = deltas.computeIfAbsent(new TallyKey(contestId, constituencyId), k -> new Delta());
            d.stations += stations;
            d.numbers = d.numbers == null ? n : d.numbers.plus(n);
        }

        boolean isEmpty() {
            return inserts.isEmpty() && updates.isEmpty() && versions.isEmpty() && decisions.isEmpty() && deltas.isEmpty();
        }
    }

    private static final String WRITE = """
            WITH new_protocol AS (
                INSERT INTO protocol (election_id, contest_id, station_id, constituency_id, status, version, counted_version)
                SELECT e, c, s, k, st, v, cv
                FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::int[], ?::int[])
                     WITH ORDINALITY AS n(e, c, s, k, st, v, cv, i)
                ORDER BY i
                RETURNING id, contest_id, station_id
            ), changed_protocol AS (
                UPDATE protocol p SET status = u.st, version = u.v, counted_version = u.cv
                FROM unnest(?::bigint[], ?::text[], ?::int[], ?::int[]) AS u(id, st, v, cv)
                WHERE p.id = u.id
                RETURNING p.id
            ), new_version AS (
                INSERT INTO protocol_version (protocol_id, number, election_id, lines, votes, source, client_submission_id,
                                              content_sha256, submitted_by, submitted_at, reason, violations)
                SELECT coalesce(u.id, n.id), u.number, u.e, u.lines::bigint[], u.votes::bigint[], u.source, u.client_id::uuid,
                       u.sha256, u.submitted_by, ?::timestamptz, u.reason, u.violations
                FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::int[], ?::bigint[], ?::text[], ?::text[], ?::text[],
                            ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                     WITH ORDINALITY AS u(id, c, s, number, e, lines, votes, source, client_id, sha256, submitted_by, reason, violations, i)
                LEFT JOIN new_protocol n ON n.contest_id = u.c AND n.station_id = u.s
                ORDER BY u.i
                RETURNING 1
            ), new_decision AS (
                INSERT INTO protocol_decision (protocol_id, at, actor, action, from_status, to_status, version, reason, reference)
                SELECT coalesce(d.id, n.id), ?::timestamptz, d.actor, d.action, d.from_status, d.to_status, d.version, d.reason,
                       d.reference
                FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[],
                            ?::text[])
                     WITH ORDINALITY AS d(id, c, s, actor, action, from_status, to_status, version, reason, reference, i)
                LEFT JOIN new_protocol n ON n.contest_id = d.c AND n.station_id = d.s
                ORDER BY d.i
                RETURNING 1
            ), new_result AS (
                INSERT INTO station_result (contest_id, station_id, constituency_id, host_country, version, voters_on_list,
                                            ballots_issued, valid, invalid, share_base, votes)
                SELECT c, s, k, country, v, voters, issued, valid, invalid, base, votes::bigint[]
                FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::int[], ?::bigint[], ?::bigint[], ?::bigint[],
                            ?::bigint[], ?::bigint[], ?::text[])
                     AS r(c, s, k, country, v, voters, issued, valid, invalid, base, votes)
                RETURNING 1
            ), changed_tally AS (
                UPDATE constituency_tally t SET stations_counted = t.stations_counted + d.n, voters_on_list = t.voters_on_list + d.voters,
                       ballots_issued = t.ballots_issued + d.issued, valid = t.valid + d.valid, invalid = t.invalid + d.invalid,
                       share_base = t.share_base + d.base,
                       votes = (SELECT coalesce(array_agg(coalesce(a, 0) + coalesce(b, 0) ORDER BY x.i), '{}')
                                FROM unnest(t.votes, d.votes::bigint[]) WITH ORDINALITY AS x(a, b, i))
                FROM unnest(?::bigint[], ?::bigint[], ?::int[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],
                            ?::text[]) AS d(c, k, n, voters, issued, valid, invalid, base, votes)
                WHERE t.contest_id = d.c AND t.constituency_id = d.k
                RETURNING 1
            )
            SELECT contest_id, station_id, id FROM new_protocol""";

    private final JdbcClient jdbc;
    private final TallyStore tallies;

    ResultsWriter(JdbcClient jdbc, TallyStore tallies) {
        this.jdbc = jdbc;
        this.tallies = tallies;
    }

    /**
     * Writes the changes in the caller's transaction; the ids of the protocols it inserted, by contest and station.
     * A contest's constituency rows are created the first time its totals change (the first protocol that counts).
     */
    Map<Key, Long> write(Changes c) {
        Map<Key, Long> ids = new HashMap<>();
        if (c.isEmpty()) {
            return ids;
        }
        c.deltas.keySet().stream().mapToLong(TallyKey::contestId).distinct().forEach(tallies::ensureRows);
        Timestamp at = Timestamp.from(c.at);
        List<Object> params = new ArrayList<>(64);
        List<NewProtocol> ins = c.inserts;
        params.addAll(List.of(longs(ins, NewProtocol::electionId), longs(ins, NewProtocol::contestId),
                longs(ins, NewProtocol::stationId), longs(ins, NewProtocol::constituencyId),
                texts(ins, p -> p.status().name()), ints(ins, NewProtocol::version),
                ints(ins, NewProtocol::countedVersion)));
        List<ProtocolChange> upd = c.updates;
        params.addAll(List.of(longs(upd, ProtocolChange::protocolId), texts(upd, u -> u.status().name()),
                ints(upd, ProtocolChange::version),
                ints(upd, ProtocolChange::countedVersion)));
        List<NewVersion> ver = c.versions;
        params.addAll(List.of(at, ids(ver, NewVersion::protocolId),
                ids(ver, v -> v.key() == null ? null : v.key().contestId()),
                ids(ver, v -> v.key() == null ? null : v.key().stationId()),
                ints(ver, NewVersion::number), longs(ver, NewVersion::electionId),
                texts(ver, v -> literal(v.lines())), texts(ver, v -> literal(v.votes())), texts(ver, v -> v.source().name()),
                texts(ver, v -> v.clientSubmissionId() == null ? null : v.clientSubmissionId().toString()),
                texts(ver, NewVersion::contentSha256), texts(ver, NewVersion::submittedBy), texts(ver, NewVersion::reason),
                texts(ver, NewVersion::violationsJson)));
        List<DecisionRow> dec = c.decisions;
        params.addAll(List.of(at, ids(dec, DecisionRow::protocolId),
                ids(dec, d -> d.key() == null ? null : d.key().contestId()),
                ids(dec, d -> d.key() == null ? null : d.key().stationId()),
                texts(dec, DecisionRow::actor), texts(dec, d -> d.step().action().name()),
                texts(dec, d -> d.step().from() == null ? null : d.step().from().name()), texts(dec, d -> d.step().to().name()),
                ints(dec, DecisionRow::version), texts(dec, d -> d.step().reason()),
                texts(dec, DecisionRow::reference)));
        List<Result> res = c.results;
        params.addAll(List.of(longs(res, Result::contestId), longs(res, r -> r.counted().stationId()),
                longs(res, r -> r.counted().constituencyId()), texts(res, r -> r.counted().hostCountry()),
                ints(res, r -> r.counted().version()),
                longs(res, r -> r.counted().numbers().votersOnList()), longs(res, r -> r.counted().numbers().ballotsIssued()),
                longs(res, r -> r.counted().numbers().valid()), longs(res, r -> r.counted().numbers().invalid()),
                longs(res, r -> r.counted().numbers().shareBase()), texts(res, r -> literal(r.counted().numbers().votes()))));
        List<Map.Entry<TallyKey, Delta>> del = List.copyOf(c.deltas.entrySet());
        params.addAll(List.of(longs(del, e -> e.getKey().contestId()), longs(del, e -> e.getKey().constituencyId()),
                ints(del, e -> e.getValue().stations),
                longs(del, e -> e.getValue().numbers.votersOnList()), longs(del, e -> e.getValue().numbers.ballotsIssued()),
                longs(del, e -> e.getValue().numbers.valid()), longs(del, e -> e.getValue().numbers.invalid()),
                longs(del, e -> e.getValue().numbers.shareBase()), texts(del, e -> literal(e.getValue().numbers.votes()))));
        jdbc.sql(WRITE).params(params).query(rs -> {
            ids.put(new Key(rs.getLong(1), rs.getLong(2)), rs.getLong(3));
        });
        return ids;
    }

    private static <T> Integer[] ints(List<T> rows, Function<T, Integer> f) {
        return rows.stream().map(f).toArray(Integer[]::new);
    }

    /** Nullable ids: a first protocol is named by its key instead. */
    private static <T> Long[] ids(List<T> rows, Function<T, Long> f) {
        return rows.stream().map(f).toArray(Long[]::new);
    }

    private static <T> long[] longs(List<T> rows, java.util.function.ToLongFunction<T> f) {
        return rows.stream().mapToLong(f).toArray();
    }

    private static <T> String[] texts(List<T> rows, Function<T, String> f) {
        return rows.stream().map(f).toArray(String[]::new);
    }

    /** An array literal ({@code {1,2,3}}): rows of arrays travel as text, cast back to {@code bigint[]} per row. */
    private static String literal(long[] values) {
        return Arrays.stream(values).mapToObj(Long::toString).collect(Collectors.joining(",", "{", "}"));
    }
}
