package org.electora.results.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.electora.geography.ConstituencyId;
import org.electora.geography.ElectoralMap;
import org.electora.geography.PollingStation;
import org.electora.platform.Conflict;
import org.electora.platform.CurrentStaff;
import org.electora.results.ConstituencyProtocols;
import org.electora.results.Tallies;
import org.electora.results.Tally;
import org.electora.support.Api;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.electora.support.Latches.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.electora.support.ProtocolBuilder.aProtocol;

/**
 * Once a constituency signs its summary protocol, its stations' protocols are final: the signed totals, and the
 * certified result that adds the signed constituencies up, must stay the sum of the station protocols. Every way of
 * changing a protocol is refused (409 RES-033) and changes nothing, including a change that was already waiting for
 * the protocol's row while the signature committed.
 */
@ElectoraIntegrationTest
class SignedProtocolsAreFinalTest {

    @LocalServerPort int port;
    @Autowired ElectionFixture fixture;
    @Autowired ElectoralMap map;
    @Autowired ConstituencyProtocols constituencyProtocols;
    @Autowired DoubleEntries doubleEntries;
    @Autowired Tallies tallies;
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate transactions;

    /** A counting election whose first constituency has an accepted protocol from every station (protocol ids in order). */
    private record Counted(long contest, long constituency, List<PollingStation> stations, List<Long> protocols) {
    }

    private Counted everyStationOfTheFirstConstituencyCounted(Api admin) {
        ElectionFixture.Counting election = fixture.counting();
        long contest = election.contest().id().value();
        ConstituencyId constituency = election.domestic().getFirst().constituencyId();
        List<PollingStation> stations = map.stations(constituency);
        List<Long> protocols = stations.stream().map(s -> {
            var r = admin.post("/api/v1/protocols", aProtocol().withVotes(300, 200, 100).body(contest, s.id().value()));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            return r.json().get("protocol").asLong();
        }).toList();
        return new Counted(contest, constituency.value(), stations, protocols);
    }

    private Counted everyStationOfTheFirstConstituencyCountedAndSigned(Api admin) {
        Counted c = everyStationOfTheFirstConstituencyCounted(admin);
        sign(admin, c);
        return c;
    }

    private String sign(Api admin, Counted c) {
        var signed = admin.post("/api/v1/contests/" + c.contest() + "/constituencies/" + c.constituency() + "/summary-protocol", Map.of());
        assertThat(signed.status()).as(signed.body()).isEqualTo(201);
        return signed.body();
    }

    private Map<String, Object> amendment(Counted c) {
        return aProtocol().withVotes(301, 200, 100).body(c.contest(), c.stations().getFirst().id().value(),
                java.util.UUID.randomUUID(), 1, "Recount found one more vote");
    }

    private long versions(long protocol) {
        return jdbc.queryForObject("SELECT count(*) FROM protocol_version WHERE protocol_id = ?", Long.class, protocol);
    }

    @Test
    void afterTheSignatureNoNewVersionOrDecisionChangesAProtocolOrATotal() {
        Api admin = Api.admin(port);
        Counted c = everyStationOfTheFirstConstituencyCountedAndSigned(admin);
        long first = c.protocols().getFirst();
        Tally national = tallies.national(c.contest());

        var amended = admin.post("/api/v1/protocols", amendment(c));
        var annulled = admin.post("/api/v1/protocols/" + c.protocols().get(1) + "/annulment",
                Map.of("version", 1, "reason", "Ballot box not sealed", "decisionReference", "ConEC 9/1"));
        // Nor a scan: its SHA-256 would change what the signed protocol's version publishes.
        var scanned = admin.putBytes("/api/v1/protocols/" + first + "/versions/1/scan", "image/jpeg",
                java.util.Arrays.copyOf(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}, 64));

        for (var refused : List.of(amended, annulled, scanned)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.json().get("ruleCode").asString()).isEqualTo("RES-033");
            assertThat(refused.json().get("detail").asString()).contains("final");
        }
        assertThat(versions(first)).isEqualTo(1);
        assertThat(admin.getBytes("/api/v1/protocols/" + first + "/versions/1/scan").status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/protocols/" + c.protocols().get(1)).json().get("protocol").get("status").asString())
                .isEqualTo("ACCEPTED");
        assertThat(admin.get("/api/v1/protocols/" + first).json().get("protocol").get("summarySigned").asBoolean()).isTrue();
        assertThat(tallies.national(c.contest())).isEqualTo(national);

        assertThatThrownBy(() -> CurrentStaff.runAsSystem(() -> doubleEntries.enter(c.contest(), c.stations().getFirst().id().value(),
                aProtocol().lines(), aProtocol().votesByBallotOrder())))
                .isInstanceOfSatisfying(Conflict.class, e -> assertThat(e.ruleCode()).isEqualTo("RES-033"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM protocol_entry WHERE contest_id = ?", Long.class, c.contest()))
                .isZero();
    }

    @Test
    void theDatabaseRefusesToChangeASignedProtocolWhateverThePath() {
        Api admin = Api.admin(port);
        Counted c = everyStationOfTheFirstConstituencyCounted(admin);
        long first = c.protocols().getFirst();
        // Before the signature the row may change (a no-op update passes the guard) ...
        assertThat(jdbc.update("UPDATE protocol SET status = status WHERE id = ?", first)).isEqualTo(1);
        sign(admin, c);

        // ... after it, not even that.
        assertThatThrownBy(() -> jdbc.update("UPDATE protocol SET status = status WHERE id = ?", first))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("is final");
    }

    @Test
    void anAmendmentWaitingForTheRowWhileTheSignatureCommitsIsRefused() throws Exception {
        Api admin = Api.admin(port);
        Counted c = everyStationOfTheFirstConstituencyCounted(admin);
        long first = c.protocols().getFirst();
        Tally national = tallies.national(c.contest());
        CountDownLatch signedNotCommitted = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);

        // The signature, held open after it has locked and stamped the constituency's protocols.
        // Own threads: the common pool may have a single thread on a small machine, and both tasks block.
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CompletableFuture<Void> signature = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status ->
                CurrentStaff.runAsSystem(() -> {
                    constituencyProtocols.sign(c.contest(), c.constituency());
                    signedNotCommitted.countDown();
                    await(commit);
                    return null;
                })), threads);
        await(signedNotCommitted);
        // The amendment over HTTP, through the group commit: its writer must now wait for the protocol's row.
        var amendment = CompletableFuture.supplyAsync(() -> admin.post("/api/v1/protocols", amendment(c)), threads);
        waitUntilABackendWaitsForALock(amendment);
        commit.countDown();
        signature.get(10, TimeUnit.SECONDS);

        var refused = amendment.get(10, TimeUnit.SECONDS);
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().get("ruleCode").asString()).isEqualTo("RES-033");
        assertThat(versions(first)).isEqualTo(1);
        assertThat(tallies.national(c.contest())).isEqualTo(national);
        threads.shutdown();
    }

    private Api.Response withdraw(Api api, Counted c, String reason, String reference) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("reason", reason);
        body.put("decisionReference", reference);
        return api.post("/api/v1/contests/" + c.contest() + "/constituencies/" + c.constituency() + "/summary-protocol/withdrawal", body);
    }

    @Test
    void aCecDecisionWithdrawsTheSignatureAndTheConstituencySignsTheNextRound() {
        Api admin = Api.admin(port);
        Counted c = everyStationOfTheFirstConstituencyCountedAndSigned(admin);
        long first = c.protocols().getFirst();

        var withdrawn = withdraw(admin, c, "Recount ordered after a complaint", "CEC 41/7");

        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        assertThat(withdrawn.json().get("round").asInt()).isEqualTo(1);
        assertThat(admin.get("/api/v1/contests/" + c.contest() + "/constituencies/" + c.constituency() + "/summary-protocol")
                .status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/protocols/" + first).json().get("protocol").get("summarySigned").asBoolean()).isFalse();
        var amended = admin.post("/api/v1/protocols", amendment(c));
        assertThat(amended.status()).as(amended.body()).isEqualTo(201);
        assertThat(amended.json().get("version").asInt()).isEqualTo(2);

        var again = admin.post("/api/v1/contests/" + c.contest() + "/constituencies/" + c.constituency() + "/summary-protocol", Map.of());

        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(again.json().get("round").asInt()).isEqualTo(2);
        long valid = tallies.byConstituency(c.contest()).stream()
                .filter(t -> t.key().equals(c.stations().getFirst().constituencyCode())).findFirst().orElseThrow().valid();
        assertThat(again.json().get("totals").get("valid").asLong()).isEqualTo(valid);
        // Both rounds and the withdrawal stay, and the withdrawal is audited with its decision.
        assertThat(jdbc.queryForList("SELECT round FROM constituency_protocol WHERE contest_id = ? ORDER BY round", Integer.class,
                c.contest())).containsExactly(1, 2);
        assertThat(jdbc.queryForMap("""
                SELECT w.reason, w.decision_reference FROM constituency_protocol_withdrawal w
                JOIN constituency_protocol p ON p.id = w.constituency_protocol_id WHERE p.contest_id = ?""", c.contest()))
                .containsEntry("reason", "Recount ordered after a complaint").containsEntry("decision_reference", "CEC 41/7");
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM audit_event WHERE type = 'constituency-protocol.withdrawn' AND payload LIKE '%CEC 41/7%'""",
                Long.class)).isEqualTo(1);
        assertThat(admin.post("/api/v1/protocols", amendment(c)).json().get("ruleCode").asString()).isEqualTo("RES-033");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM constituency_protocol_withdrawal"))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
    }

    @Test
    void aWithdrawalNeedsTheCecAReasonADecisionAndASignatureAndChangesNothingOtherwise() {
        Api admin = Api.admin(port);
        Counted c = everyStationOfTheFirstConstituencyCounted(admin);

        var nothingSigned = withdraw(admin, c, "Recount", "CEC 1/1");
        assertThat(nothingSigned.status()).as(nothingSigned.body()).isEqualTo(409);
        assertThat(nothingSigned.json().get("ruleCode").asString()).isEqualTo("RES-035");

        sign(admin, c);
        var noReason = withdraw(admin, c, " ", null);
        assertThat(noReason.status()).as(noReason.body()).isEqualTo(422);
        assertThat(noReason.json().get("ruleCode").asString()).isEqualTo("RES-034");
        assertThat(noReason.json().get("problems").valueStream().map(p -> p.get("field").asString()))
                .containsExactly("reason", "decisionReference");

        var constituencyCommission = Api.as(port, staff(admin, "CONSTITUENCY_OPERATOR", c.constituency()), "final password 1");
        var byTheCommission = withdraw(constituencyCommission, c, "Recount", "ConEC 3/3");
        assertThat(byTheCommission.status()).as(byTheCommission.body()).isEqualTo(403);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM constituency_protocol_withdrawal w JOIN constituency_protocol p "
                + "ON p.id = w.constituency_protocol_id WHERE p.contest_id = ?", Long.class, c.contest())).isZero();
        assertThat(admin.post("/api/v1/protocols", amendment(c)).json().get("ruleCode").asString()).isEqualTo("RES-033");
    }

    private String staff(Api admin, String role, long constituency) {
        String username = "final-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        var r = admin.post("/api/v1/staff", Map.of("username", username, "displayName", username, "role", role,
                "scopeKind", "CONSTITUENCY", "scopeId", constituency, "password", "final password 1"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return username;
    }

    @Test
    void aWithdrawnSignatureHoldsCertificationBackAndACertifiedResultCannotBeWithdrawn() {
        Api admin = Api.admin(port);
        ElectionFixture.Counting election = fixture.counting();
        long contest = election.contest().id().value();
        long electionId = election.election().id().value();
        var constituencies = map.constituencies(election.map().id());
        for (var k : constituencies) {
            for (PollingStation s : map.stations(k.id())) {
                var r = admin.post("/api/v1/protocols", aProtocol().body(contest, s.id().value()));
                assertThat(r.status()).as(r.body()).isEqualTo(201);
            }
            var signed = admin.post("/api/v1/contests/" + contest + "/constituencies/" + k.id().value() + "/summary-protocol", Map.of());
            assertThat(signed.status()).as(signed.body()).isEqualTo(201);
        }
        Counted first = new Counted(contest, constituencies.getFirst().id().value(), List.of(), List.of());
        assertThat(withdraw(admin, first, "Recount ordered", "CEC 5/1").status()).isEqualTo(200);
        int version = admin.get("/api/v1/elections/" + electionId).json().get("version").asInt();

        var held = admin.post("/api/v1/elections/" + electionId + "/certification", Map.of("version", version));
        assertThat(held.status()).as(held.body()).isEqualTo(409);
        assertThat(held.json().get("ruleCode").asString()).isEqualTo("PUB-010");
        assertThat(held.json().get("detail").asString()).contains(constituencies.getFirst().code());

        sign(admin, first);
        var certified = admin.post("/api/v1/elections/" + electionId + "/certification", Map.of("version", version));
        assertThat(certified.status()).as(certified.body()).isEqualTo(200);
        var late = withdraw(admin, first, "Too late", "CEC 5/2");
        assertThat(late.status()).as(late.body()).isEqualTo(409);
        assertThat(late.json().get("ruleCode").asString()).isEqualTo("RES-031");
    }

    private void waitUntilABackendWaitsForALock(CompletableFuture<Api.Response> amendment) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        // A backend waiting for a lock on a protocol row (the amendment's), not any backend waiting for anything.
        while (jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                + " AND query ILIKE '%FROM protocol%FOR UPDATE%'", Long.class) == 0) {
            assertThat(amendment).as("the amendment, which should wait for the signed rows").isNotDone();
            assertThat(Instant.now()).as("a writer waiting for the signed rows; backends: %s", jdbc.queryForList(
                    "SELECT application_name, state, wait_event_type, wait_event, left(query, 80) AS q FROM pg_stat_activity"))
                    .isBefore(deadline);
            Thread.sleep(20);
        }
    }
}
