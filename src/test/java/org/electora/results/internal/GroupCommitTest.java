package org.electora.results.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.electora.election.Election;
import org.electora.geography.PollingStation;
import org.electora.platform.Conflict;
import org.electora.platform.CurrentStaff;
import org.electora.platform.InvalidInput;
import org.electora.results.ProtocolSource;
import org.electora.results.ProtocolStatus;
import org.electora.results.ProtocolSubmission;
import org.electora.results.SubmissionOutcome;
import org.electora.results.Tallies;
import org.electora.results.Tally;
import org.electora.support.Api;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.ProtocolBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.electora.support.ProtocolBuilder.aProtocol;

/**
 * A batch of submissions recorded together has the effect of recording them one after the other: replays, stale
 * versions and amendments inside one batch, refused ones leaving no trace, and tallies that move once per station.
 */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupCommitTest {

    @LocalServerPort int port;
    @Autowired ElectionFixture fixture;
    @Autowired SubmittingProtocols protocols;
    @Autowired RecordingSubmissions recording;
    @Autowired TransactionTemplate transactions;
    @Autowired Tallies tallies;
    @Autowired JdbcTemplate jdbc;
    @Autowired MeterRegistry meters;

    private ElectionFixture.Counting election;
    private long contest;

    @BeforeAll
    void election() {
        election = fixture.counting();
        contest = election.contest().id().value();
    }

    private ProtocolSubmission submission(PollingStation s, ProtocolBuilder p, UUID id, Integer expected, String reason) {
        return new ProtocolSubmission(id, contest, s.id().value(), p.lines(), p.votesByBallotOrder(), expected, reason);
    }

    /** Checks and records the submissions in one transaction, as the group-commit writer does. */
    private List<RecordingSubmissions.Written> inOneBatch(List<ProtocolSubmission> submissions) {
        return CurrentStaff.runAsSystem(() -> transactions.execute(tx -> recording.record(checked(submissions), java.time.Instant.now())));
    }

    /** Checked as the signed-in system user, in the caller's transaction. */
    private List<SubmittingProtocols.Checked> checked(List<ProtocolSubmission> submissions) {
        Map<Long, Election> read = new HashMap<>();
        return submissions.stream().map(s -> protocols.check(protocols.prepare(s, ProtocolSource.ELECTRONIC), read)).toList();
    }

    private static SubmissionOutcome recorded(RecordingSubmissions.Written w) {
        assertThat(w).isInstanceOf(RecordingSubmissions.Recorded.class);
        return ((RecordingSubmissions.Recorded) w).outcome();
    }

    private static RuntimeException refused(RecordingSubmissions.Written w) {
        assertThat(w).isInstanceOf(RecordingSubmissions.Refused.class);
        return ((RecordingSubmissions.Refused) w).reason();
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    @Test
    void aBatchRecordsEachSubmissionAsIfAlone() {
        PollingStation a = election.domestic().get(20);
        PollingStation b = election.domestic().get(21);
        UUID first = UUID.randomUUID();
        Tally before = tallies.national(contest);

        List<RecordingSubmissions.Written> written = inOneBatch(List.of(
                submission(a, aProtocol().withVotes(300, 200, 100), first, null, null),
                // the same submission again, in the same batch: a replay of the first
                submission(a, aProtocol().withVotes(300, 200, 100), first, null, null),
                // the same id with other numbers: a conflict
                submission(a, aProtocol().withVotes(301, 200, 100), first, null, null),
                // a second "first" protocol for the station: stale, it has version 1 now
                submission(a, aProtocol().withVotes(10, 10, 10), UUID.randomUUID(), null, null),
                // an amendment of version 1 without a reason, then with one
                submission(a, aProtocol().withVotes(310, 200, 100), UUID.randomUUID(), 1, null),
                submission(a, aProtocol().withVotes(310, 200, 100), UUID.randomUUID(), 1, "recount of candidate 1"),
                // another station, quarantined by the template's relations (line 10 does not match the votes)
                submission(b, aProtocol().withVotes(100, 100, 100).withLine(10, 999), UUID.randomUUID(), null, null)));

        SubmissionOutcome created = recorded(written.get(0));
        assertThat(created.version()).isEqualTo(1);
        assertThat(created.status()).isEqualTo(ProtocolStatus.ACCEPTED);
        SubmissionOutcome replay = recorded(written.get(1));
        assertThat(replay.replay()).isTrue();
        assertThat(replay.protocol()).isEqualTo(created.protocol());
        assertThat(replay.version()).isEqualTo(1);
        assertThat(refused(written.get(2))).isInstanceOf(Conflict.class).extracting(e -> ((Conflict) e).ruleCode()).isEqualTo("RES-011");
        assertThat(refused(written.get(3))).isInstanceOf(Conflict.class).extracting(e -> ((Conflict) e).ruleCode()).isEqualTo("RES-012");
        assertThat(refused(written.get(4))).isInstanceOf(InvalidInput.class);
        SubmissionOutcome amended = recorded(written.get(5));
        assertThat(amended.protocol()).isEqualTo(created.protocol());
        assertThat(amended.version()).isEqualTo(2);
        assertThat(amended.status()).isEqualTo(ProtocolStatus.ACCEPTED);
        SubmissionOutcome quarantined = recorded(written.get(6));
        assertThat(quarantined.status()).isEqualTo(ProtocolStatus.QUARANTINED);

        long protocolA = created.protocol().value();
        assertThat(count("SELECT count(*) FROM protocol_version WHERE protocol_id = ?", protocolA)).isEqualTo(2);
        assertThat(count("SELECT version FROM protocol WHERE id = ?", protocolA)).isEqualTo(2);
        assertThat(count("SELECT counted_version FROM protocol WHERE id = ?", protocolA)).isEqualTo(2);
        // ENTERED→VERIFIED→ACCEPTED for version 1, ACCEPTED→AMENDED→ACCEPTED for version 2
        assertThat(jdbc.queryForList("SELECT action FROM protocol_decision WHERE protocol_id = ? ORDER BY seq", String.class, protocolA))
                .containsExactly("VERIFY", "ACCEPT", "AMEND", "ACCEPT");
        assertThat(count("SELECT count(*) FROM audit_event WHERE subject = ? AND type = 'protocol.submitted'", "protocol:" + protocolA))
                .isEqualTo(2);
        // only the counted version of station a moved the totals; the quarantined station did not
        Tally after = tallies.national(contest);
        assertThat(after.stationsCounted()).isEqualTo(before.stationsCounted() + 1);
        assertThat(after.valid()).isEqualTo(before.valid() + 610);
        assertThat(after.votes().getFirst()).isEqualTo((before.votes().isEmpty() ? 0 : before.votes().getFirst()) + 310);
    }

    @Test
    void aLaterBatchAmendingACountedProtocolMovesTheTotalsByTheDifference() {
        PollingStation s = election.domestic().get(22);
        SubmissionOutcome v1 = recorded(inOneBatch(List.of(submission(s, aProtocol().withVotes(100, 50, 25), UUID.randomUUID(), null, null))).getFirst());
        Tally before = tallies.national(contest);

        List<RecordingSubmissions.Written> written = inOneBatch(List.of(
                submission(s, aProtocol().withVotes(90, 50, 25), UUID.randomUUID(), 1, "typo in line 1"),
                submission(s, aProtocol().withVotes(95, 50, 25), UUID.randomUUID(), 2, "second look")));

        assertThat(recorded(written.get(0)).version()).isEqualTo(2);
        assertThat(recorded(written.get(1)).version()).isEqualTo(3);
        Tally after = tallies.national(contest);
        assertThat(after.stationsCounted()).isEqualTo(before.stationsCounted());
        assertThat(after.votes().getFirst()).isEqualTo(before.votes().getFirst() - 5);
        assertThat(count("SELECT version FROM station_result WHERE station_id = ? AND contest_id = ?", s.id().value(), contest)).isEqualTo(3);
        assertThat(v1.version()).isEqualTo(1);
    }

    @Test
    void concurrentClientsOverHttpGetTheAnswersTheyWouldGetAlone() throws Exception {
        List<PollingStation> stations = election.domestic().subList(30, 54);
        Api admin = Api.admin(port);
        Tally before = tallies.national(contest);
        var batches = meters.get("electora.results.group.commit.batch").summary();
        double submissionsBefore = batches.totalAmount();
        double transactionsBefore = batches.count();
        Map<BatchPhases.Phase, Long> phasesBefore = phaseCounts();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger created = new AtomicInteger();
        AtomicInteger replays = new AtomicInteger();
        AtomicInteger stale = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        UUID[] ids = stations.stream().map(s -> UUID.randomUUID()).toArray(UUID[]::new);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < stations.size(); i++) {
                PollingStation s = stations.get(i);
                UUID id = ids[i];
                int r = round;
                futures.add(pool.submit(() -> {
                    // round 0 and 1 send the same submission id (a replay); odd stations also get a rival first protocol
                    var response = admin.post("/api/v1/protocols", aProtocol().withVotes(40, 30, 20).body(contest, s.id().value(), id, null, null));
                    if (response.status() == 201) {
                        created.incrementAndGet();
                    } else if (response.status() == 200) {
                        replays.incrementAndGet();
                    }
                    if (r == 1 && s.number() % 2 == 1) {
                        var rival = admin.post("/api/v1/protocols", aProtocol().withVotes(1, 1, 1).body(contest, s.id().value()));
                        assertThat(rival.status()).as(rival.body()).isEqualTo(409);
                        assertThat(rival.body()).contains("RES-012");
                        stale.incrementAndGet();
                    }
                    return null;
                }));
            }
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();

        assertThat(created.get()).isEqualTo(stations.size());
        assertThat(replays.get()).isEqualTo(stations.size());
        Tally after = tallies.national(contest);
        assertThat(after.stationsCounted()).isEqualTo(before.stationsCounted() + stations.size());
        assertThat(after.valid()).isEqualTo(before.valid() + 90L * stations.size());
        for (PollingStation s : stations) {
            assertThat(count("SELECT count(*) FROM protocol_version v JOIN protocol p ON p.id = v.protocol_id WHERE p.station_id = ? AND p.contest_id = ?",
                    s.id().value(), contest)).isEqualTo(1);
        }
        // every submission that reached a writer is counted in the batch-size metric (operators watch it on the night)
        assertThat(batches.totalAmount() - submissionsBefore).isGreaterThanOrEqualTo(2.0 * stations.size());
        // and each of those transactions timed every phase of its batch (a batch retried alone times them again)
        Map<BatchPhases.Phase, Long> phasesAfter = phaseCounts();
        for (BatchPhases.Phase phase : BatchPhases.Phase.values()) {
            assertThat(phasesAfter.get(phase) - phasesBefore.get(phase)).as(phase.name())
                    .isGreaterThanOrEqualTo((long) (batches.count() - transactionsBefore)).isPositive();
        }
    }

    private Map<BatchPhases.Phase, Long> phaseCounts() {
        Map<BatchPhases.Phase, Long> counts = new java.util.EnumMap<>(BatchPhases.Phase.class);
        for (BatchPhases.Phase phase : BatchPhases.Phase.values()) {
            counts.put(phase, meters.get("electora.results.group.commit.phase")
                    .tag("phase", phase.name().toLowerCase(java.util.Locale.ROOT)).timer().count());
        }
        return counts;
    }

    @Test
    void aSubmissionIdUsedAtAnotherStationIsRefusedInABatchOfFirstProtocolsAndTheOthersAreRecorded() throws Exception {
        // A batch of first protocols does not look its submission ids up: the unique index catches an id used before,
        // and each submission of the failed batch is then recorded alone, with the look-up.
        Api admin = Api.admin(port);
        UUID used = UUID.randomUUID();
        var earlier = admin.post("/api/v1/protocols", aProtocol().withVotes(70, 20, 10).body(contest, election.domestic().get(0).id().value(), used, null, null));
        assertThat(earlier.status()).as(earlier.body()).isEqualTo(201);
        Tally before = tallies.national(contest);
        List<PollingStation> fresh = election.domestic().subList(1, 9);
        ExecutorService pool = Executors.newFixedThreadPool(fresh.size());
        List<Future<Api.Response>> answers = new ArrayList<>();
        for (int i = 0; i < fresh.size(); i++) {
            PollingStation s = fresh.get(i);
            UUID id = i == 3 ? used : UUID.randomUUID();
            answers.add(pool.submit(() -> admin.post("/api/v1/protocols", aProtocol().withVotes(40, 30, 20).body(contest, s.id().value(), id, null, null))));
        }
        List<Api.Response> responses = new ArrayList<>();
        for (Future<Api.Response> a : answers) {
            responses.add(a.get());
        }
        pool.shutdown();

        for (int i = 0; i < fresh.size(); i++) {
            Api.Response r = responses.get(i);
            if (i == 3) {
                assertThat(r.status()).as(r.body()).isEqualTo(409);
                assertThat(r.json().get("ruleCode").asString()).isEqualTo("RES-011");
                assertThat(count("SELECT count(*) FROM protocol WHERE station_id = ? AND contest_id = ?", fresh.get(i).id().value(), contest))
                        .isZero();
            } else {
                assertThat(r.status()).as(r.body()).isEqualTo(201);
            }
        }
        Tally after = tallies.national(contest);
        assertThat(after.stationsCounted()).isEqualTo(before.stationsCounted() + fresh.size() - 1);
        assertThat(after.valid()).isEqualTo(before.valid() + 90L * (fresh.size() - 1));
    }

    @Test
    void aBatchOfFirstProtocolsReusingAnIdOfAnotherStationFailsOnTheIndexWhenOptimistic() {
        // What the writer relies on: optimistic, the reused id is not looked up and the database refuses the batch.
        UUID used = UUID.randomUUID();
        recorded(inOneBatch(List.of(submission(election.domestic().get(9), aProtocol(), used, null, null))).getFirst());
        List<ProtocolSubmission> batch = List.of(submission(election.domestic().get(10), aProtocol().withVotes(1, 2, 3), used, null, null));

        assertThatThrownBy(() -> CurrentStaff.runAsSystem(() -> transactions.execute(tx -> recording.record(checked(batch),
                java.time.Instant.now(), BatchPhases.NONE, true))))
                .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
        assertThat(refused(inOneBatch(batch).getFirst())).isInstanceOf(Conflict.class)
                .extracting(e -> ((Conflict) e).ruleCode()).isEqualTo("RES-011");
    }

    @Test
    void rivalFirstProtocolsOfOneStationSentAtOnceRecordExactlyOne() throws Exception {
        // Two writers may hold batches with the same station's first protocol at the same moment: one of them waits
        // for the other's commit and answers as a later submission would (409 RES-012, stale), whichever path it takes.
        PollingStation s = election.domestic().get(54);
        Api admin = Api.admin(port);
        Tally before = tallies.national(contest);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Api.Response>> answers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            int votes = 10 + i;
            answers.add(pool.submit(() -> admin.post("/api/v1/protocols",
                    aProtocol().withVotes(votes, 5, 5).body(contest, s.id().value()))));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Api.Response> a : answers) {
            Api.Response response = a.get();
            statuses.add(response.status());
            if (response.status() == 409) {
                assertThat(response.body()).contains("RES-012");
            }
        }
        pool.shutdown();

        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses.stream().filter(st -> st == 201).count()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM protocol_version v JOIN protocol p ON p.id = v.protocol_id WHERE p.station_id = ? AND p.contest_id = ?",
                s.id().value(), contest)).isEqualTo(1);
        Tally after = tallies.national(contest);
        assertThat(after.stationsCounted()).isEqualTo(before.stationsCounted() + 1);
    }
}
