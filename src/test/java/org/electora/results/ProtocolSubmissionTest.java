package org.electora.results;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.electora.geography.PollingStation;
import org.electora.support.Api;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.electora.support.ProtocolBuilder.aProtocol;

/** Electronic submission over real HTTP: checks, quarantine, versions, idempotency, annulment, totals. */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtocolSubmissionTest {

    @LocalServerPort int port;
    @Autowired ElectionFixture fixture;
    @Autowired Tallies tallies;
    @Autowired JdbcTemplate jdbc;

    private ElectionFixture.Counting election;
    private Api admin;
    private long contest;

    @BeforeAll
    void election() {
        election = fixture.counting();
        admin = Api.admin(port);
        contest = election.contest().id().value();
    }

    private PollingStation station(int i) {
        return election.domestic().get(i);
    }

    private long versionsOf(long protocolId) {
        return jdbc.queryForObject("SELECT count(*) FROM protocol_version WHERE protocol_id = ?", Long.class, protocolId);
    }

    private Tally stationTally(PollingStation s) {
        return tallies.byStation(contest, s.constituencyId().value()).stream()
                .filter(t -> t.key().equals(s.code())).findFirst().orElseThrow();
    }

    @Test
    void aBalancedProtocolIsAcceptedAndCountedAtEveryLevel() {
        PollingStation s = station(0);
        Tally before = tallies.national(contest);
        var response = admin.post("/api/v1/protocols", aProtocol().withVotes(400, 250, 100).withInvalid(10).body(contest, s.id().value()));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().get("status").asString()).isEqualTo("ACCEPTED");
        Tally after = tallies.national(contest);
        assertThat(after.stationsCounted()).isEqualTo(before.stationsCounted() + 1);
        assertThat(after.valid()).isEqualTo(before.valid() + 750);
        assertThat(after.votes().get(0)).isEqualTo((before.votes().isEmpty() ? 0 : before.votes().get(0)) + 400);
        Tally constituency = tallies.byConstituency(contest).stream()
                .filter(t -> t.key().equals(s.constituencyCode())).findFirst().orElseThrow();
        assertThat(tallies.byStation(contest, s.constituencyId().value()).stream().mapToLong(Tally::valid).sum())
                .isEqualTo(constituency.valid());
        assertThat(stationTally(s).votes()).containsExactly(400L, 250L, 100L);
    }

    @Test
    void resubmittingTheSameSubmissionIdIsANoOpAndDifferentContentIsAConflict() {
        PollingStation s = station(1);
        UUID id = UUID.randomUUID();
        var first = admin.post("/api/v1/protocols", aProtocol().body(contest, s.id().value(), id, null, null));
        var again = admin.post("/api/v1/protocols", aProtocol().body(contest, s.id().value(), id, null, null));
        var different = admin.post("/api/v1/protocols", aProtocol().withVotes(1, 2, 3).body(contest, s.id().value(), id, null, null));

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("replay").asBoolean()).isTrue();
        assertThat(again.json().get("protocol").asLong()).isEqualTo(first.json().get("protocol").asLong());
        assertThat(different.status()).isEqualTo(409);
        assertThat(different.json().get("ruleCode").asString()).isEqualTo("RES-011");
        assertThat(versionsOf(first.json().get("protocol").asLong())).isEqualTo(1);

        // The reason is published with its version: the same numbers with a reason reworded are another submission,
        // not a replay of the first, and the version keeps the reason it was recorded with.
        UUID amendment = UUID.randomUUID();
        var amended = admin.post("/api/v1/protocols", aProtocol().withVotes(499, 301, 150)
                .body(contest, s.id().value(), amendment, 1, "Recount ordered by ConEC 3/2"));
        assertThat(amended.status()).as(amended.body()).isEqualTo(201);
        var replayed = admin.post("/api/v1/protocols", aProtocol().withVotes(499, 301, 150)
                .body(contest, s.id().value(), amendment, 1, "Recount ordered by ConEC 3/2"));
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.json().get("replay").asBoolean()).isTrue();
        var reworded = admin.post("/api/v1/protocols", aProtocol().withVotes(499, 301, 150)
                .body(contest, s.id().value(), amendment, 1, "Recount ordered by ConEC 3/3"));
        assertThat(reworded.status()).as(reworded.body()).isEqualTo(409);
        assertThat(reworded.json().get("ruleCode").asString()).isEqualTo("RES-011");
        long protocol = first.json().get("protocol").asLong();
        assertThat(versionsOf(protocol)).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT reason FROM protocol_version WHERE protocol_id = ? AND number = 2",
                String.class, protocol)).isEqualTo("Recount ordered by ConEC 3/2");
    }

    @Test
    void aProtocolBreakingAHardRelationIsQuarantinedUntilReleasedByARecordedDecision() {
        PollingStation s = station(2);
        Tally before = tallies.national(contest);
        // line 10 (valid) no longer equals the candidates' votes (CIS-03), nor 7 + 8 equals 9 + 10 (CIS-02)
        var response = admin.post("/api/v1/protocols", aProtocol().withLine(10, 999).body(contest, s.id().value()));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("status").asString()).isEqualTo("QUARANTINED");
        assertThat(response.json().get("violations").valueStream().map(v -> v.get("ruleCode").asString()))
                .contains("CIS-02", "CIS-03");
        assertThat(tallies.national(contest).stationsCounted()).isEqualTo(before.stationsCounted());

        long protocol = response.json().get("protocol").asLong();
        var withoutReason = admin.post("/api/v1/protocols/" + protocol + "/release", Map.of("version", 1));
        assertThat(withoutReason.status()).isEqualTo(422);
        assertThat(withoutReason.json().get("ruleCode").asString()).isEqualTo("RES-008");

        var released = admin.post("/api/v1/protocols/" + protocol + "/release",
                Map.of("version", 1, "reason", "Recount confirmed the figures", "decisionReference", "ConEC 7/2"));
        assertThat(released.status()).isEqualTo(200);
        assertThat(released.json().get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(tallies.national(contest).stationsCounted()).isEqualTo(before.stationsCounted() + 1);
    }

    @Test
    void aContestsFirstProtocolReleasedFromQuarantineCountsInEveryTotal() {
        // A contest of its own, so that no protocol has been counted in it before this one.
        ElectionFixture.Counting fresh = fixture.counting();
        long freshContest = fresh.contest().id().value();
        PollingStation s = fresh.domestic().getFirst();
        var quarantined = admin.post("/api/v1/protocols", aProtocol().withVotes(400, 250, 100).withInvalid(10).withLine(10, 999)
                .body(freshContest, s.id().value()));
        assertThat(quarantined.json().get("status").asString()).as(quarantined.body()).isEqualTo("QUARANTINED");

        var released = admin.post("/api/v1/protocols/" + quarantined.json().get("protocol").asLong() + "/release",
                Map.of("version", 1, "reason", "Recount confirmed the figures", "decisionReference", "ConEC 7/3"));

        assertThat(released.json().get("status").asString()).as(released.body()).isEqualTo("ACCEPTED");
        Tally nation = tallies.national(freshContest);
        assertThat(nation.stationsCounted()).isEqualTo(1);
        assertThat(nation.valid()).isEqualTo(999);
        assertThat(nation.votes()).containsExactly(400L, 250L, 100L);
    }

    @Test
    void aContestsFirstCountedProtocolThatIsRolledBackLeavesTheTotalsReadyForTheNext() {
        // A contest of its own: its first protocol is quarantined, so no tally row exists yet. The first submission
        // that counts reuses that protocol's submission id at another station: its transaction creates the contest's
        // tally rows, then fails on the unique index and rolls back; the rows must come again with the next one.
        ElectionFixture.Counting fresh = fixture.counting();
        long freshContest = fresh.contest().id().value();
        UUID id = UUID.randomUUID();
        var quarantined = admin.post("/api/v1/protocols", aProtocol().withLine(10, 999)
                .body(freshContest, fresh.domestic().get(0).id().value(), id, null, null));
        assertThat(quarantined.json().get("status").asString()).as(quarantined.body()).isEqualTo("QUARANTINED");
        var reused = admin.post("/api/v1/protocols", aProtocol().withVotes(1, 2, 3)
                .body(freshContest, fresh.domestic().get(1).id().value(), id, null, null));
        assertThat(reused.status()).as(reused.body()).isEqualTo(409);

        var counted = admin.post("/api/v1/protocols", aProtocol().withVotes(400, 250, 100).withInvalid(10)
                .body(freshContest, fresh.domestic().get(2).id().value()));

        assertThat(counted.status()).as(counted.body()).isEqualTo(201);
        Tally nation = tallies.national(freshContest);
        assertThat(nation.stationsCounted()).isEqualTo(1);
        assertThat(nation.votes()).containsExactly(400L, 250L, 100L);
    }

    @Test
    void aQuarantinedProtocolCorrectedByANewVersionCountsOnlyTheCorrection() {
        PollingStation s = station(3);
        var bad = admin.post("/api/v1/protocols", aProtocol().withLine(3, 1).body(contest, s.id().value())).json();
        assertThat(bad.get("status").asString()).isEqualTo("QUARANTINED");
        var corrected = admin.post("/api/v1/protocols", aProtocol().withVotes(10, 20, 30).body(contest, s.id().value(),
                UUID.randomUUID(), 1, null));
        assertThat(corrected.status()).isEqualTo(201);
        assertThat(corrected.json().get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(corrected.json().get("version").asInt()).isEqualTo(2);
        assertThat(stationTally(s).votes()).containsExactly(10L, 20L, 30L);
    }

    @Test
    void anAmendmentNeedsAReasonAndKeepsBothVersions() {
        PollingStation s = station(4);
        long protocol = admin.post("/api/v1/protocols", aProtocol().withVotes(100, 100, 100).body(contest, s.id().value()))
                .json().get("protocol").asLong();

        var noReason = admin.post("/api/v1/protocols", aProtocol().withVotes(100, 100, 90).body(contest, s.id().value(),
                UUID.randomUUID(), 1, null));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.json().get("ruleCode").asString()).isEqualTo("RES-006");

        var amended = admin.post("/api/v1/protocols", aProtocol().withVotes(100, 100, 90).body(contest, s.id().value(),
                UUID.randomUUID(), 1, "Arithmetic error in line 14, protocol recounted"));
        assertThat(amended.json().get("status").asString()).isEqualTo("ACCEPTED");

        JsonNode detail = admin.get("/api/v1/protocols/" + protocol).json();
        List<JsonNode> versions = detail.get("versions").valueStream().toList();
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).get("votes").get("3").asLong()).isEqualTo(100);
        assertThat(versions.get(1).get("votes").get("3").asLong()).isEqualTo(90);
        assertThat(versions.get(1).get("reason").asString()).contains("recounted");
        assertThat(detail.get("decisions").valueStream().map(d -> d.get("action").asString())).contains("AMEND");
        assertThat(stationTally(s).votes()).containsExactly(100L, 100L, 90L);
    }

    @Test
    void aStaleVersionIsRefused() {
        PollingStation s = station(5);
        admin.post("/api/v1/protocols", aProtocol().body(contest, s.id().value()));
        var stale = admin.post("/api/v1/protocols", aProtocol().withVotes(1, 1, 1).body(contest, s.id().value(),
                UUID.randomUUID(), null, "late"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("ruleCode").asString()).isEqualTo("RES-012");
    }

    /** Every total the results module answers for a contest, to compare before and after a change. */
    private record AllTotals(Tally nation, List<Tally> regions, List<Tally> constituencies, List<Tally> stations,
                             List<Tally> stationsOfConstituency, List<Tally> countries) {
    }

    private AllTotals allTotals(PollingStation s) {
        return new AllTotals(tallies.national(contest), tallies.byRegion(contest), tallies.byConstituency(contest),
                tallies.byStation(contest), tallies.byStation(contest, s.constituencyId().value()), tallies.byHostCountry(contest));
    }

    @Test
    void anAnnulmentRemovesTheStationFromEveryTotal() {
        PollingStation s = election.abroad().getFirst();
        // Another station counts first, whatever the order of the tests: the contest's tally rows exist before the snapshot.
        var other = admin.post("/api/v1/protocols", aProtocol().withVotes(300, 200, 100).body(contest, station(8).id().value()));
        assertThat(other.status()).as(other.body()).isEqualTo(201);
        AllTotals before = allTotals(s);
        long protocol = admin.post("/api/v1/protocols", aProtocol().withVotes(70, 20, 10).withInvalid(5)
                .withVotersOnList(400).body(contest, s.id().value())).json().get("protocol").asLong();

        // While it counts, every level shows it: its own row (the numbers submitted), its constituency, region,
        // country and the nation, candidate by candidate.
        AllTotals counting = allTotals(s);
        assertThat(counting.stations()).extracting(Tally::key).contains(s.code());
        assertThat(stationTally(s).votes()).containsExactly(70L, 20L, 10L);
        assertThat(stationTally(s).valid()).isEqualTo(100);
        assertThat(stationTally(s).invalid()).isEqualTo(5);
        assertThat(stationTally(s).votersOnList()).isEqualTo(400);
        assertThat(counting.stationsOfConstituency()).isNotEqualTo(before.stationsOfConstituency());
        assertThat(counting.constituencies()).isNotEqualTo(before.constituencies());
        assertThat(counting.regions()).isNotEqualTo(before.regions());
        assertThat(counting.countries()).isNotEqualTo(before.countries());
        assertThat(counting.nation().valid()).isEqualTo(before.nation().valid() + 100);
        assertThat(counting.nation().stationsCounted()).isEqualTo(before.nation().stationsCounted() + 1);
        for (int c = 1; c <= 3; c++) {
            assertThat(counting.nation().votes(c)).as("votes of candidate " + c)
                    .isEqualTo(before.nation().votes(c) + new long[] {70, 20, 10}[c - 1]);
        }
        Tally constituencyBefore = before.constituencies().stream().filter(t -> t.key().equals(s.constituencyCode()))
                .findFirst().orElseThrow();
        Tally constituencyCounting = counting.constituencies().stream().filter(t -> t.key().equals(s.constituencyCode()))
                .findFirst().orElseThrow();
        assertThat(constituencyCounting.valid()).isEqualTo(constituencyBefore.valid() + 100);
        assertThat(constituencyCounting.votes(1)).isEqualTo(constituencyBefore.votes(1) + 70);

        var annulled = admin.post("/api/v1/protocols/" + protocol + "/annulment",
                Map.of("version", 1, "reason", "Ballot box seal broken", "decisionReference", "CEC decision 42/1"));
        assertThat(annulled.status()).isEqualTo(200);
        assertThat(annulled.json().get("status").asString()).isEqualTo("ANNULLED");

        // Every total is again what it was before the station's protocol arrived.
        AllTotals after = allTotals(s);
        assertThat(after.stations()).extracting(Tally::key).doesNotContain(s.code());
        assertThat(after.stations()).isEqualTo(before.stations());
        assertThat(after.stationsOfConstituency()).isEqualTo(before.stationsOfConstituency());
        assertThat(after.nation()).isEqualTo(before.nation());
        assertThat(after.nation().votes()).isEqualTo(before.nation().votes());
        assertThat(after.regions()).isEqualTo(before.regions());
        assertThat(after.countries()).isEqualTo(before.countries());
        assertThat(after.constituencies()).isEqualTo(before.constituencies());
        var resubmit = admin.post("/api/v1/protocols", aProtocol().body(contest, s.id().value(), UUID.randomUUID(), 1, "again"));
        assertThat(resubmit.status()).isEqualTo(409);
        assertThat(resubmit.json().get("ruleCode").asString()).isEqualTo("RES-010");
    }

    @Test
    void badNumbersAreRefusedWithTheirRuleCodesAndChangeNothing() {
        PollingStation s = station(6);
        Map<String, Object> negative = aProtocol().withLine(9, -1).body(contest, s.id().value());
        Map<String, Object> missing = aProtocol().body(contest, s.id().value());
        @SuppressWarnings("unchecked")
        var missingLines = new HashMap<>((Map<Integer, Long>) missing.get("lines"));
        missingLines.remove(2);
        missing.put("lines", missingLines);
        Map<String, Object> extra = aProtocol().withLine(12, 5).body(contest, s.id().value());
        Map<String, Object> unknownCandidate = aProtocol().withVotes(1, 2, 3, 4).body(contest, s.id().value());
        Map<String, Object> missingVotes = aProtocol().body(contest, s.id().value());
        @SuppressWarnings("unchecked")
        var votesWithoutTheSecond = new HashMap<>((Map<Integer, Long>) missingVotes.get("votes"));
        votesWithoutTheSecond.remove(2);
        missingVotes.put("votes", votesWithoutTheSecond);

        assertThat(ruleCode(admin.post("/api/v1/protocols", negative))).isEqualTo("PRT-003");
        assertThat(ruleCode(admin.post("/api/v1/protocols", missing))).isEqualTo("PRT-001");
        assertThat(ruleCode(admin.post("/api/v1/protocols", extra))).isEqualTo("PRT-002");
        assertThat(ruleCode(admin.post("/api/v1/protocols", unknownCandidate))).isEqualTo("RES-004");
        var noVotesForTheSecond = admin.post("/api/v1/protocols", missingVotes);
        assertThat(noVotesForTheSecond.status()).as(noVotesForTheSecond.body()).isEqualTo(422);
        assertThat(ruleCode(noVotesForTheSecond)).isEqualTo("RES-003");
        String prefix = "{\"clientSubmissionId\":\"" + UUID.randomUUID() + "\",\"contestId\":" + contest
                + ",\"stationId\":" + s.id().value();
        assertThat(admin.postRaw("/api/v1/protocols", "application/json", prefix + ",\"lines\":{\"1\":\"many\"},\"votes\":{}}")
                .status()).isEqualTo(400);
        assertThat(admin.postRaw("/api/v1/protocols", "application/json", prefix + ",\"lines\":{\"1\":12.5},\"votes\":{}}")
                .status()).isEqualTo(400);
        assertThat(ruleCode(admin.post("/api/v1/protocols", aProtocol().body(contest, 99_999_999L)))).isEqualTo("RES-001");
        assertThat(ruleCode(admin.post("/api/v1/protocols", aProtocol().body(99_999_999L, s.id().value())))).isEqualTo("RES-002");
        var tooLarge = admin.postRaw("/api/v1/protocols", "application/json", "{\"pad\":\"" + "x".repeat(100_000) + "\"}");
        assertThat(tooLarge.status()).isEqualTo(413);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM protocol WHERE station_id = ? AND contest_id = ?", Long.class,
                s.id().value(), contest)).isZero();
    }

    @Test
    void incompleteMalformedOrNonJsonRequestsAreRefusedAndChangeNothing() {
        PollingStation s = station(7);
        Map<String, Object> incomplete = new HashMap<>(aProtocol().body(contest, s.id().value()));
        incomplete.remove("clientSubmissionId");
        incomplete.remove("votes");
        incomplete.put("stationId", -3);

        var refused = admin.post("/api/v1/protocols", incomplete);

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().get("ruleCode").asString()).isEqualTo("GEN-422");
        assertThat(refused.json().get("problems").valueStream().map(p -> p.get("field").asString()))
                .containsExactly("clientSubmissionId", "stationId", "votes");
        assertThat(refused.json().get("problems").get(1).get("message").asString()).isEqualTo("stationId must be greater than 0");

        var empty = admin.postRaw("/api/v1/protocols", "application/json", "");
        assertThat(empty.status()).as(empty.body()).isEqualTo(400);
        assertThat(empty.json().get("ruleCode").asString()).isEqualTo("GEN-400");
        var notAnObject = admin.postRaw("/api/v1/protocols", "application/json", "[1, 2]");
        assertThat(notAnObject.status()).as(notAnObject.body()).isEqualTo(400);
        assertThat(notAnObject.json().get("detail").asString()).startsWith("Malformed request");
        var form = admin.postRaw("/api/v1/protocols", "application/x-www-form-urlencoded", "contestId=1");
        assertThat(form.status()).as(form.body()).isEqualTo(415);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM protocol WHERE station_id = ? AND contest_id = ?", Long.class,
                s.id().value(), contest)).isZero();
    }

    @Test
    void talliesOfAContestThatDoesNotExistAnswer404LikeEveryOtherContestEndpoint() {
        for (String level : List.of("national", "regions", "constituencies", "countries")) {
            for (long unknown : List.of(999_999_999L, 999L, -1L, 0L)) {
                if (jdbc.queryForObject("SELECT count(*) FROM contest WHERE id = ?", Long.class, unknown) > 0) {
                    continue; // 999 may be a real contest in a long run's database
                }
                var r = admin.get("/api/v1/contests/" + unknown + "/tallies/" + level);
                assertThat(r.status()).as(level + " of " + unknown + ": " + r.body()).isEqualTo(404);
                assertThat(r.json().get("ruleCode").asString()).isEqualTo("GEN-404");
                assertThat(r.json().get("detail").asString()).isEqualTo("No contest " + unknown);
            }
        }

        // A contest that exists but has nothing counted yet has a tally of nothing, not a 404.
        var body = new HashMap<String, Object>(Map.of("name", "Nothing counted yet " + UUID.randomUUID(),
                "type", "PRESIDENTIAL", "extraordinary", true, "pollingDay", "2027-06-01", "pollsOpen", "08:00",
                "pollsClose", "19:00", "mapVersionId", election.map().id().value(), "contestName", "President",
                "templateCode", election.contest().templateCode()));
        var created = admin.post("/api/v1/elections", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long fresh = admin.get("/api/v1/elections/" + created.json().get("id").asLong() + "/contests").json()
                .get(0).get("id").asLong();
        var national = admin.get("/api/v1/contests/" + fresh + "/tallies/national");
        assertThat(national.status()).as(national.body()).isEqualTo(200);
        assertThat(national.json().get("stationsCounted").asInt()).isZero();
        for (String level : List.of("regions", "constituencies", "countries")) {
            var r = admin.get("/api/v1/contests/" + fresh + "/tallies/" + level);
            assertThat(r.status()).as(level + ": " + r.body()).isEqualTo(200);
        }
    }

    private static String ruleCode(Api.Response r) {
        assertThat(r.status()).as(r.body()).isBetween(400, 499);
        return r.json().get("ruleCode").asString();
    }
}
