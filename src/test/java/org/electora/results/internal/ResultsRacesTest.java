package org.electora.results.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.electora.election.ElectionStatus;
import org.electora.election.Elections;
import org.electora.geography.Constituency;
import org.electora.geography.ElectoralMap;
import org.electora.geography.PollingStation;
import org.electora.publication.Certification;
import org.electora.results.ConstituencyProtocols;
import org.electora.platform.Conflict;
import org.electora.platform.CurrentStaff;
import org.electora.platform.InvalidInput;
import org.electora.platform.Role;
import org.electora.platform.Scope;
import org.electora.results.ProtocolAction;
import org.electora.results.ProtocolId;
import org.electora.results.ProtocolLifecycle;
import org.electora.results.ProtocolSource;
import org.electora.results.ProtocolStatus;
import org.electora.results.ProtocolSubmission;
import org.electora.results.Protocols;
import org.electora.results.SubmissionOutcome;
import org.electora.results.Tallies;
import org.electora.results.Tally;
import org.electora.support.AsStaff;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.ProtocolBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.electora.support.ProtocolBuilder.aProtocol;

/**
 * Conflicting operations on one station's protocol fired at the same moment, many times over: whatever the
 * interleaving, one wins and the other is refused with its rule code (never an unexpected exception, which the API
 * would answer with a 500), and afterwards the protocols, their versions and steps, and the tallies are consistent
 * ({@link #assertConsistent}).
 */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultsRacesTest {

    @Autowired ElectionFixture fixture;
    @Autowired Protocols protocols;
    @Autowired GroupCommit groupCommit;
    @Autowired DoubleEntries entries;
    @Autowired Tallies tallies;
    @Autowired JdbcTemplate jdbc;
    @Autowired ElectoralMap map;
    @Autowired ConstituencyProtocols constituencyProtocols;
    @Autowired Certification certification;
    @Autowired Elections elections;
    @Autowired TransactionTemplate transactions;

    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    @AfterAll
    void stop() {
        threads.shutdownNow();
    }

    private ElectionFixture.Counting election;
    private long contest;
    private int next;

    @BeforeEach
    void election() {
        election = fixture.counting();
        contest = election.contest().id().value();
        next = 0;
    }

    /** The stations not used yet by a race of this class (each race takes fresh ones). */
    private PollingStation fresh() {
        List<PollingStation> all = new ArrayList<>(election.domestic());
        all.addAll(election.abroad());
        assertThat(next).as("stations left on the demo map").isLessThan(all.size());
        return all.get(next++);
    }

    // ---- running things at once ----

    /** What one side of a race did: its result, or the refusal's rule code. */
    private record Outcome(Object value, String ruleCode) {
        boolean won() {
            return ruleCode == null;
        }
    }

    /** Runs the tasks at the same moment (a barrier) on their own threads; an unexpected exception fails the test. */
    @SafeVarargs
    private List<Outcome> race(Callable<Object>... tasks) throws Exception {
        CyclicBarrier start = new CyclicBarrier(tasks.length);
        List<Future<Outcome>> futures = new ArrayList<>();
        for (Callable<Object> task : tasks) {
            futures.add(threads.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return outcome(task);
            }));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> f : futures) {
            outcomes.add(f.get(30, TimeUnit.SECONDS));
        }
        return outcomes;
    }

    private static Outcome outcome(Callable<Object> task) throws Exception {
        try {
            return new Outcome(task.call(), null);
        } catch (Conflict c) {
            return new Outcome(null, c.ruleCode());
        } catch (InvalidInput i) {
            return new Outcome(null, i.problems().getFirst().ruleCode());
        }
    }

    private static <T> T as(String username, Role role, Scope scope, Supplier<T> work) {
        return AsStaff.as(username, role, scope, work);
    }

    private Callable<Object> system(Supplier<Object> work) {
        return () -> CurrentStaff.runAsSystem(work);
    }

    private Callable<Object> electronic(PollingStation s, ProtocolBuilder p, Integer expectedVersion, String reason) {
        var submission = new ProtocolSubmission(UUID.randomUUID(), contest, s.id().value(), p.lines(), p.votesByBallotOrder(),
                expectedVersion, reason);
        return system(() -> groupCommit.submit(submission, ProtocolSource.ELECTRONIC));
    }

    private SubmissionOutcome first(PollingStation s, ProtocolBuilder p, ProtocolSource source) {
        return CurrentStaff.runAsSystem(() -> protocols.submit(new ProtocolSubmission(UUID.randomUUID(), contest,
                s.id().value(), p.lines(), p.votesByBallotOrder(), null, null), source));
    }

    private static long winners(List<Outcome> outcomes) {
        return outcomes.stream().filter(Outcome::won).count();
    }

    // ---- the races ----

    @Test
    void twoDifferentFirstProtocolsOfOneStationAtOnceRecordOneAndRefuseTheOther() throws Exception {
        for (int i = 0; i < 20; i++) {
            PollingStation s = fresh();
            var outcomes = race(electronic(s, aProtocol().withVotes(300, 200, 100), null, null),
                    electronic(s, aProtocol().withVotes(301, 200, 100), null, null));
            assertThat(winners(outcomes)).as("station %s: %s", s.code(), outcomes).isEqualTo(1);
            assertThat(outcomes).filteredOn(o -> !o.won()).extracting(Outcome::ruleCode).containsOnly("RES-012");
        }
        // One through the group commit's writer, the other in its own transaction (as double entry submits).
        for (int i = 0; i < 20; i++) {
            PollingStation s = fresh();
            var other = aProtocol().withVotes(302, 200, 100);
            var alone = new ProtocolSubmission(UUID.randomUUID(), contest, s.id().value(), other.lines(),
                    other.votesByBallotOrder(), null, null);
            var outcomes = race(electronic(s, aProtocol().withVotes(300, 200, 100), null, null),
                    system(() -> protocols.submit(alone, ProtocolSource.ELECTRONIC)));
            assertThat(winners(outcomes)).as("station %s: %s", s.code(), outcomes).isEqualTo(1);
            assertThat(outcomes).filteredOn(o -> !o.won()).extracting(Outcome::ruleCode).containsOnly("RES-012");
        }
        assertConsistent();
    }

    @Test
    void anAmendmentRacingAnAnnulmentOrAReleaseLeavesOneWinner() throws Exception {
        for (int i = 0; i < 10; i++) {
            PollingStation s = fresh();
            ProtocolId id = first(s, aProtocol(), ProtocolSource.ELECTRONIC).protocol();
            var outcomes = race(electronic(s, aProtocol().withVotes(501, 300, 150), 1, "Recount"),
                    system(() -> protocols.annul(id, 1, "Seals broken", "ConEC 1/" + s.code())));
            assertThat(winners(outcomes)).as("station %s: %s", s.code(), outcomes).isEqualTo(1);
            assertThat(outcomes).filteredOn(o -> !o.won()).extracting(Outcome::ruleCode).containsAnyOf("RES-010", "RES-012");
        }
        for (int i = 0; i < 10; i++) {
            PollingStation s = fresh();
            ProtocolId id = first(s, aProtocol().withLine(8, 1), ProtocolSource.ELECTRONIC).protocol();
            var outcomes = race(electronic(s, aProtocol().withVotes(501, 300, 150), 1, null),
                    system(() -> protocols.release(id, 1, "Commission decided", null)));
            assertThat(winners(outcomes)).as("station %s: %s", s.code(), outcomes).isEqualTo(1);
            // Released first, the correction is an amendment of an accepted protocol without a reason (RES-006).
            assertThat(outcomes).filteredOn(o -> !o.won()).extracting(Outcome::ruleCode).containsAnyOf("RES-006", "RES-012");
        }
        assertConsistent();
    }

    @Test
    void acceptAndAnnulOfOneVerifiedProtocolAtOnceAreTakenOneAfterTheOther() throws Exception {
        for (int i = 0; i < 15; i++) {
            PollingStation s = fresh();
            ProtocolId id = first(s, aProtocol(), ProtocolSource.DOUBLE_ENTRY).protocol();
            var outcomes = race(system(() -> protocols.accept(id, 1)),
                    system(() -> protocols.annul(id, 1, "Seals broken", "ConEC 2/" + s.code())));
            // Accepted then annulled (both allowed, in that order), or annulled and the acceptance refused.
            assertThat(outcomes.get(1).won()).as("station %s: %s", s.code(), outcomes).isTrue();
            if (!outcomes.get(0).won()) {
                assertThat(outcomes.get(0).ruleCode()).isEqualTo("RES-010");
            }
            assertThat(protocols.protocol(id).orElseThrow().status()).isEqualTo(ProtocolStatus.ANNULLED);
        }
        assertConsistent();
    }

    private Callable<Object> key(String operator, PollingStation s, ProtocolBuilder p) {
        return () -> as(operator, Role.PRECINCT_OPERATOR, new Scope.Station(s.id().value()),
                () -> entries.enter(contest, s.id().value(), p.lines(), p.votesByBallotOrder()));
    }

    private Callable<Object> supervisor(String name, PollingStation s, Supplier<Object> work) {
        return () -> as(name, Role.CONSTITUENCY_OPERATOR, new Scope.Constituency(s.constituencyId().value()), work);
    }

    private long openEntries(PollingStation s) {
        return jdbc.queryForObject("SELECT count(*) FROM protocol_entry WHERE contest_id = ? AND station_id = ? AND closed_version IS NULL",
                Long.class, contest, s.id().value());
    }

    @Test
    void doubleEntriesAtOnceNeitherSkipTheComparisonNorChangeACountedProtocol() throws Exception {
        // The same operator saving twice at once: one entry, the other refused RES-020.
        for (int i = 0; i < 5; i++) {
            PollingStation s = fresh();
            var outcomes = race(key("race-a", s, aProtocol()), key("race-a", s, aProtocol()));
            assertThat(winners(outcomes)).as("%s", outcomes).isEqualTo(1);
            assertThat(outcomes).filteredOn(o -> !o.won()).extracting(Outcome::ruleCode).containsOnly("RES-020");
            assertThat(openEntries(s)).isEqualTo(1);
        }
        // Two operators keying the second entry at once: one is compared with the first; the other waits for it
        // and then starts the next round, as if it came later.
        for (int i = 0; i < 5; i++) {
            PollingStation s = fresh();
            key("race-a", s, aProtocol()).call();
            var outcomes = race(key("race-b", s, aProtocol()), key("race-c", s, aProtocol()));
            assertThat(outcomes).as("%s", outcomes).allMatch(Outcome::won);
            assertThat(outcomes).extracting(o -> o.value().getClass().getSimpleName()).containsExactlyInAnyOrder("Matched", "Waiting");
            assertThat(protocols.protocol(contest, s.id().value()).orElseThrow().version()).isEqualTo(1);
            assertThat(openEntries(s)).isEqualTo(1);
        }
        // A second entry of a correction racing the supervisor's acceptance of the version it would correct: once
        // the protocol counts, keying must not give it a new version (RES-025).
        for (int i = 0; i < 10; i++) {
            PollingStation s = fresh();
            ProtocolId id = first(s, aProtocol(), ProtocolSource.DOUBLE_ENTRY).protocol();
            key("race-a", s, aProtocol().withVotes(499, 300, 150)).call();
            var outcomes = race(key("race-b", s, aProtocol().withVotes(499, 300, 150)),
                    supervisor("race-sup", s, () -> protocols.accept(id, 1)));
            var p = protocols.protocol(id).orElseThrow();
            if (p.version() == 2) {
                // The correction came first: the acceptance is stale or not allowed.
                assertThat(outcomes.get(1).ruleCode()).as("%s", outcomes).isIn("RES-010", "RES-012", null);
            } else {
                assertThat(p.status()).isEqualTo(ProtocolStatus.ACCEPTED);
                assertThat(outcomes.get(0).ruleCode()).as("station %s: %s", s.code(), outcomes).isEqualTo("RES-025");
            }
            assertThat(jdbc.queryForObject("SELECT count(*) FROM protocol_decision WHERE protocol_id = ? AND action = 'AMEND'",
                    Long.class, id.value())).as("station %s: %s", s.code(), outcomes).isZero();
        }
        assertConsistent();
    }

    /** No race needed: a mismatch resolved after the supervisor accepted the version it would correct. */
    @Test
    void aMismatchResolvedAfterTheAcceptanceOfTheVersionItCorrectsIsRefused() throws Exception {
        PollingStation s = fresh();
        ProtocolId id = first(s, aProtocol(), ProtocolSource.DOUBLE_ENTRY).protocol();
        key("race-a", s, aProtocol().withVotes(499, 300, 150)).call();
        key("race-b", s, aProtocol().withVotes(498, 300, 150)).call();
        supervisor("race-sup", s, () -> protocols.accept(id, 1)).call();
        var checked = aProtocol().withVotes(499, 300, 150);
        var resolved = outcome(supervisor("race-sup2", s, () -> entries.resolve(contest, s.id().value(), checked.lines(),
                checked.votesByBallotOrder())));
        assertThat(resolved.ruleCode()).as("%s", resolved).isEqualTo("RES-025");
        assertThat(protocols.versions(id)).hasSize(1);
        assertConsistent();
    }

    /** Every station of the constituency with an accepted protocol (one per station, through the direct path). */
    private void countEveryStation(ElectionFixture.Counting e, Constituency k) {
        for (PollingStation s : map.stations(k.id())) {
            CurrentStaff.runAsSystem(() -> protocols.submit(new ProtocolSubmission(UUID.randomUUID(),
                    e.contest().id().value(), s.id().value(), aProtocol().lines(), aProtocol().votesByBallotOrder(), null, null),
                    ProtocolSource.ELECTRONIC));
        }
    }

    @Test
    void anAmendmentRacingTheSignatureIsEitherSignedOverOrRefused() throws Exception {
        int races = 0;
        while (races < 12) {
            for (Constituency k : map.constituencies(election.map().id())) {
                if (races++ == 12) {
                    break;
                }
                countEveryStation(election, k);
                PollingStation s = map.stations(k.id()).getFirst();
                var outcomes = race(electronic(s, aProtocol().withVotes(501, 300, 150), 1, "Recount found one more vote"),
                        system(() -> constituencyProtocols.sign(contest, k.id().value())));
                var signed = constituencyProtocols.signed(contest, k.id().value());
                assertThat(signed).as("constituency %s: %s", k.code(), outcomes).isPresent();
                if (outcomes.get(0).won()) {
                    assertThat(signed.get().totals().votes().getFirst()).as("signed over the amendment").isEqualTo(
                            map.stations(k.id()).size() * 500L + 1);
                } else {
                    assertThat(outcomes.get(0).ruleCode()).as("%s", outcomes).isEqualTo("RES-033");
                }
                // The signed totals are the constituency's live totals, which are its stations' counted numbers.
                Tally live = tallies.byConstituency(contest).stream().filter(t -> t.key().equals(k.code())).findFirst().orElseThrow();
                assertThat(signed.get().totals()).as("constituency %s: %s", k.code(), outcomes).isEqualTo(live);
            }
            assertConsistent();
            election();
        }
    }

    @Test
    void twoSignaturesOrTwoWithdrawalsOfOneConstituencyAtOnceRecordOne() throws Exception {
        List<Constituency> constituencies = map.constituencies(election.map().id());
        for (Constituency k : constituencies.subList(0, Math.min(6, constituencies.size()))) {
            countEveryStation(election, k);
            long id = k.id().value();
            var signed = race(system(() -> constituencyProtocols.sign(contest, id)),
                    system(() -> constituencyProtocols.sign(contest, id)));
            assertThat(winners(signed)).as("%s: %s", k.code(), signed).isEqualTo(1);
            assertThat(signed).filteredOn(o -> !o.won()).extracting(Outcome::ruleCode).containsOnly("RES-032");
            var withdrawn = race(system(() -> constituencyProtocols.withdraw(contest, id, "Recount", "CEC 8/1")),
                    system(() -> constituencyProtocols.withdraw(contest, id, "Recount", "CEC 8/2")));
            assertThat(winners(withdrawn)).as("%s: %s", k.code(), withdrawn).isEqualTo(1);
            assertThat(withdrawn).filteredOn(o -> !o.won()).extracting(Outcome::ruleCode).containsOnly("RES-035");
            assertThat(jdbc.queryForObject("""
                    SELECT count(*) FROM constituency_protocol p JOIN constituency_protocol_withdrawal w
                    ON w.constituency_protocol_id = p.id WHERE p.contest_id = ? AND p.constituency_id = ?""",
                    Long.class, contest, id)).isEqualTo(1);
            assertThat(jdbc.queryForList("SELECT summary_signed_at FROM protocol WHERE contest_id = ? AND constituency_id = ?",
                    contest, id)).allMatch(row -> row.get("summary_signed_at") == null);
        }
        assertConsistent();
    }

    /**
     * Everything at once: eight threads, each taking 40 random steps (a version through the group commit or in its own
     * transaction, electronic or double-entered, clean or breaking a relation; an acceptance, a release, an
     * annulment) on six stations, each step with the version it just read. Whatever is refused must be refused with
     * a rule code, and the protocols and totals must be consistent afterwards.
     */
    @Test
    @SuppressWarnings("unchecked")
    void randomStepsOnAFewStationsFromEightThreadsLeaveEverythingConsistent() throws Exception {
        List<PollingStation> stations = List.of(fresh(), fresh(), fresh(), fresh(), fresh(), fresh());
        Callable<Object>[] workers = new Callable[8];
        for (int w = 0; w < workers.length; w++) {
            long seed = w;
            workers[w] = () -> {
                var random = new java.util.SplittableRandom(seed * 7919 + System.nanoTime());
                List<String> refusals = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    int step = i;
                    PollingStation s = stations.get(random.nextInt(stations.size()));
                    var current = protocols.protocol(contest, s.id().value());
                    Integer version = current.map(p -> p.version()).orElse(null);
                    var numbers = aProtocol().withVotes(400 + random.nextInt(50), 300, 100 + random.nextInt(20));
                    if (random.nextInt(6) == 0) {
                        numbers.withLine(8, 1);
                    }
                    Outcome o = outcome(switch (random.nextInt(6)) {
                        case 0, 1 -> electronic(s, numbers, version, "Recount " + step);
                        case 2 -> system(() -> protocols.submit(new ProtocolSubmission(UUID.randomUUID(), contest,
                                s.id().value(), numbers.lines(), numbers.votesByBallotOrder(), version, "Keyed " + step),
                                random.nextBoolean() ? ProtocolSource.DOUBLE_ENTRY : ProtocolSource.ELECTRONIC));
                        case 3 -> system(() -> protocols.accept(current.orElseThrow(() -> new Conflict("T", "none")).id(),
                                version));
                        case 4 -> system(() -> protocols.release(current.orElseThrow(() -> new Conflict("T", "none")).id(),
                                version, "Commission decided", null));
                        default -> random.nextInt(4) == 0
                                ? system(() -> protocols.annul(current.orElseThrow(() -> new Conflict("T", "none")).id(),
                                        version, "Seals broken", "ConEC " + step))
                                : electronic(s, numbers, version, "Recount " + step);
                    });
                    if (!o.won()) {
                        refusals.add(o.ruleCode());
                    }
                }
                return refusals;
            };
        }
        var outcomes = race(workers);
        assertThat(outcomes).allMatch(Outcome::won);
        // Not all refused: the stations moved on (versions beyond the first, decisions taken).
        assertThat(jdbc.queryForObject("SELECT count(*) FROM protocol_version v JOIN protocol p ON p.id = v.protocol_id"
                + " WHERE p.contest_id = ?", Long.class, contest)).isGreaterThan(stations.size());
        assertConsistent();
    }

    private static void await(CountDownLatch latch) {
        org.electora.support.Latches.await(latch);
    }

    private void waitForLockWaiters(int n, Future<?> mustNotBeDone) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'", Long.class) < n) {
            if (mustNotBeDone != null && mustNotBeDone.isDone()) {
                return;
            }
            assertThat(System.nanoTime()).as("%d backends waiting for a lock", n).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** Every constituency of the election signed; the election's version. */
    private int signEverything(ElectionFixture.Counting e) {
        for (Constituency k : map.constituencies(e.map().id())) {
            countEveryStation(e, k);
            CurrentStaff.runAsSystem(() -> constituencyProtocols.sign(e.contest().id().value(), k.id().value()));
        }
        return elections.byId(e.election().id()).orElseThrow().version();
    }

    /**
     * Certification checks every signature and then moves the election; a withdrawal that commits in between must
     * not leave a certified result standing on a withdrawn signature. Held here deterministically: the election's
     * row is locked by the test while certification (its checks passed) waits to move it and the withdrawal comes.
     */
    @Test
    void aWithdrawalRacingCertificationNeverLeavesACertifiedResultOnAWithdrawnSignature() throws Exception {
        for (int i = 0; i < 3; i++) {
            ElectionFixture.Counting e = i == 0 ? election : fixture.counting();
            long contestId = e.contest().id().value();
            int version = signEverything(e);
            Constituency k = map.constituencies(e.map().id()).getFirst();
            Callable<Object> certify = system(() -> certification.certify(e.election().id(), version));
            Callable<Object> withdraw = system(() -> constituencyProtocols.withdraw(contestId, k.id().value(),
                    "Recount ordered", "CEC 7/" + k.code()));
            List<Outcome> outcomes;
            if (i == 0) {
                CountDownLatch held = new CountDownLatch(1);
                CountDownLatch release = new CountDownLatch(1);
                Future<?> holder = threads.submit(() -> transactions.executeWithoutResult(status -> {
                    jdbc.queryForList("SELECT id FROM election WHERE id = ? FOR UPDATE", e.election().id().value());
                    held.countDown();
                    await(release);
                }));
                await(held);
                Future<Outcome> certifying = threads.submit(() -> outcome(certify));
                waitForLockWaiters(1, certifying);
                Future<Outcome> withdrawing = threads.submit(() -> outcome(withdraw));
                waitForLockWaiters(2, withdrawing);
                release.countDown();
                holder.get(10, TimeUnit.SECONDS);
                outcomes = List.of(certifying.get(10, TimeUnit.SECONDS), withdrawing.get(10, TimeUnit.SECONDS));
            } else {
                outcomes = race(certify, withdraw);
            }
            boolean certified = elections.byId(e.election().id()).orElseThrow().status() == ElectionStatus.RESULTS_CERTIFIED;
            List<String> unsigned = constituencyProtocols.unsigned(contestId);
            if (certified) {
                assertThat(unsigned).as("race %d: %s", i, outcomes).isEmpty();
                assertThat(outcomes.get(1).ruleCode()).as("race %d: %s", i, outcomes).isEqualTo("RES-031");
            } else {
                assertThat(outcomes.get(0).ruleCode()).as("race %d: %s", i, outcomes).isEqualTo("PUB-010");
                assertThat(outcomes.get(1).won()).as("race %d: %s", i, outcomes).isTrue();
                assertThat(unsigned).containsExactly(k.code());
            }
        }
    }

    // ---- the invariants ----

    /**
     * Every protocol of the contest has versions 1..n without a gap, steps that follow the lifecycle one after the
     * other and end in its status, a station result exactly when it counts (of its counted version's numbers), and
     * every constituency's totals are the sum of its station results.
     */
    void assertConsistent() {
        assertThat(jdbc.queryForList("""
                SELECT p.id FROM protocol p
                WHERE p.contest_id = ? AND (p.version <> (SELECT count(*) FROM protocol_version v WHERE v.protocol_id = p.id)
                   OR p.version <> (SELECT max(number) FROM protocol_version v WHERE v.protocol_id = p.id))""", Long.class, contest))
                .as("protocols whose versions are not 1..n").isEmpty();
        for (var p : jdbc.queryForList("SELECT id, status, counted_version FROM protocol WHERE contest_id = ?", contest)) {
            long id = ((Number) p.get("id")).longValue();
            ProtocolStatus at = null;
            for (var d : jdbc.queryForList("SELECT action, from_status, to_status FROM protocol_decision WHERE protocol_id = ? ORDER BY seq", id)) {
                ProtocolStatus from = d.get("from_status") == null ? null : ProtocolStatus.valueOf((String) d.get("from_status"));
                ProtocolStatus to = ProtocolStatus.valueOf((String) d.get("to_status"));
                // A first protocol's row is inserted ENTERED; its steps start there.
                assertThat(from).as("protocol %d: a step from the status the one before left", id)
                        .isEqualTo(at == null ? ProtocolStatus.ENTERED : at);
                if (from != null) {
                    assertThat(ProtocolLifecycle.next(from, ProtocolAction.valueOf((String) d.get("action"))))
                            .as("protocol %d: %s", id, d).contains(to);
                }
                at = to;
            }
            ProtocolStatus status = ProtocolStatus.valueOf((String) p.get("status"));
            assertThat(at).as("protocol %d: its last step", id).isEqualTo(status);
            assertThat(p.get("counted_version") != null).as("protocol %d counts", id).isEqualTo(ProtocolLifecycle.counted(status));
        }
        assertThat(jdbc.queryForList("""
                SELECT p.id FROM protocol p
                FULL JOIN (SELECT * FROM station_result WHERE contest_id = ?) r ON r.station_id = p.station_id
                LEFT JOIN protocol_version v ON v.protocol_id = p.id AND v.number = p.counted_version
                WHERE (p.contest_id = ? OR p.id IS NULL)
                  AND (r.version IS DISTINCT FROM p.counted_version OR r.votes IS DISTINCT FROM v.votes
                       OR r.valid IS DISTINCT FROM v.lines[10])""", Long.class, contest, contest))
                .as("station results that are not the counted versions").isEmpty();
        List<Tally> stations = tallies.byStation(contest);
        Tally national = tallies.national(contest);
        assertThat(national.stationsCounted()).isEqualTo(stations.size());
        assertThat(national.valid()).isEqualTo(stations.stream().mapToLong(Tally::valid).sum());
        assertThat(national.invalid()).isEqualTo(stations.stream().mapToLong(Tally::invalid).sum());
        assertThat(national.votersOnList()).isEqualTo(stations.stream().mapToLong(Tally::votersOnList).sum());
        for (int c = 0; c < national.votes().size(); c++) {
            int k = c;
            assertThat(national.votes().get(c)).isEqualTo(stations.stream().mapToLong(t -> t.votes().get(k)).sum());
        }
        for (Tally constituency : tallies.byConstituency(contest)) {
            long id = jdbc.queryForObject("SELECT id FROM constituency WHERE code = ? AND map_version_id = ?", Long.class,
                    constituency.key(), election.map().id().value());
            List<Tally> its = tallies.byStation(contest, id);
            assertThat(constituency.stationsCounted()).as(constituency.key()).isEqualTo(its.size());
            assertThat(constituency.valid()).as(constituency.key()).isEqualTo(its.stream().mapToLong(Tally::valid).sum());
        }
    }
}
