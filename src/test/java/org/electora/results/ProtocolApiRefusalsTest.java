package org.electora.results;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.electora.support.ProtocolBuilder.aProtocol;

/**
 * Input that once answered 500, or was read in a way its sender could not know, found by probing the running API:
 * null numbers, counts too large to add up, NUL characters, fields named twice, bodies without their numbers, a scan
 * sent twice, addresses and methods that do not exist. Each is a 4xx with its rule code and writes nothing.
 */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtocolApiRefusalsTest {

    @LocalServerPort int port;
    @Autowired ElectionFixture fixture;
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

    private long protocolsAt(PollingStation s) {
        return jdbc.queryForObject("SELECT count(*) FROM protocol WHERE station_id = ? AND contest_id = ?", Long.class,
                s.id().value(), contest);
    }

    private static Api.Response refused(Api.Response r, int status, String ruleCode) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().get("ruleCode").asString()).as(r.body()).isEqualTo(ruleCode);
        return r;
    }

    @Test
    void aLineOrVoteSentAsNullIsMissing() {
        PollingStation s = election.domestic().get(0);
        String head = "{\"clientSubmissionId\":\"" + UUID.randomUUID() + "\",\"contestId\":" + contest + ",\"stationId\":"
                + s.id().value();
        var nullLine = refused(admin.postRaw("/api/v1/protocols", "application/json",
                head + ",\"lines\":{\"1\":null},\"votes\":{}}"), 422, "PRT-001");
        assertThat(nullLine.json().get("problems").get(0).get("field").asString()).isEqualTo("lines.1");
        var nullVote = refused(admin.postRaw("/api/v1/protocols", "application/json",
                head + ",\"lines\":{},\"votes\":{\"2\":null}}"), 422, "RES-003");
        assertThat(nullVote.json().get("problems").get(0).get("field").asString()).isEqualTo("votes.2");
        assertThat(protocolsAt(s)).isZero();
    }

    @Test
    void countsTooLargeToAddUpAreRefusedWithPrt004() {
        PollingStation s = election.domestic().get(1);
        var huge = refused(admin.post("/api/v1/protocols", aProtocol().withLine(1, Long.MAX_VALUE).body(contest, s.id().value())),
                422, "PRT-004");
        assertThat(huge.json().get("problems").get(0).get("field").asString()).isEqualTo("lines.1");
        // Three of these overflow a long when the votes are added up to be checked against the valid ballots.
        long quarter = 1L << 62;
        Map<String, Object> votes = new HashMap<>(aProtocol().body(contest, s.id().value()));
        votes.put("votes", Map.of(1, quarter, 2, quarter, 3, quarter));
        var overVotes = refused(admin.post("/api/v1/protocols", votes), 422, "PRT-004");
        assertThat(overVotes.json().get("problems").valueStream().map(p -> p.get("field").asString()))
                .containsExactly("votes.1", "votes.2", "votes.3");
        refused(admin.post("/api/v1/protocols", aProtocol().withLine(4, 1_000_000_000L).body(contest, s.id().value())),
                422, "PRT-004");
        assertThat(protocolsAt(s)).isZero();
    }

    @Test
    void aNulCharacterInAReasonIsRefusedAndTheProtocolKeepsItsVersion() {
        PollingStation s = election.domestic().get(2);
        assertThat(admin.post("/api/v1/protocols", aProtocol().body(contest, s.id().value())).status()).isEqualTo(201);

        var r = refused(admin.post("/api/v1/protocols", aProtocol().withVotes(501, 300, 150)
                .body(contest, s.id().value(), UUID.randomUUID(), 1, "recount\u0000")), 422, "GEN-422");
        assertThat(r.json().get("problems").get(0).get("field").asString()).isEqualTo("reason");
        long protocol = jdbc.queryForObject("SELECT id FROM protocol WHERE station_id = ? AND contest_id = ?", Long.class,
                s.id().value(), contest);
        var annulment = refused(admin.post("/api/v1/protocols/" + protocol + "/annulment",
                Map.of("version", 1, "reason", "a\u0000b", "decisionReference", "CEC 1")), 422, "GEN-422");
        assertThat(annulment.json().get("detail").asString()).contains("NUL");
        assertThat(jdbc.queryForObject("SELECT version || status FROM protocol WHERE id = ?", String.class, protocol))
                .isEqualTo("1ACCEPTED");
    }

    @Test
    void aFieldNamedTwiceIsAmbiguousAndRefused() {
        PollingStation s = election.domestic().get(3);
        PollingStation other = election.domestic().get(4);
        String body = "{\"clientSubmissionId\":\"" + UUID.randomUUID() + "\",\"contestId\":" + contest
                + ",\"stationId\":" + other.id().value() + ",\"stationId\":" + s.id().value()
                + ",\"lines\":" + json(aProtocol().lines()) + ",\"votes\":{\"1\":999999,\"1\":500,\"2\":300,\"3\":150}}";
        var r = refused(admin.postRaw("/api/v1/protocols", "application/json", body), 400, "GEN-400");
        assertThat(r.json().get("detail").asString()).contains("stationId");
        assertThat(protocolsAt(s)).isZero();
        assertThat(protocolsAt(other)).isZero();
    }

    /**
     * A field the protocol does not have is refused, not dropped: a correction whose "reason" is misspelt would be
     * recorded without its reason.
     */
    @Test
    void aFieldTheProtocolDoesNotHaveIsRefusedNotIgnored() {
        PollingStation s = election.domestic().get(8);
        Map<String, Object> body = new HashMap<>(aProtocol().body(contest, s.id().value()));
        body.put("reasn", "Line 10 corrected after the recount");
        var r = refused(admin.post("/api/v1/protocols", body), 400, "GEN-400");
        assertThat(r.json().get("detail").asString()).contains("reasn").doesNotContain("org.electora", "tools.jackson");
        assertThat(protocolsAt(s)).isZero();

        // Every body is read so: a release whose optional decision reference is misspelt is refused, not recorded
        // without its reference.
        PollingStation q = election.domestic().get(10);
        var quarantined = admin.post("/api/v1/protocols", aProtocol().withLine(10, 999).body(contest, q.id().value()));
        assertThat(quarantined.json().get("status").asString()).as(quarantined.body()).isEqualTo("QUARANTINED");
        long protocol = quarantined.json().get("protocol").asLong();
        var release = refused(admin.post("/api/v1/protocols/" + protocol + "/release",
                Map.of("version", 1, "reason", "Checked against the paper", "decisionRef", "ConEC 2/9")), 400, "GEN-400");
        assertThat(release.json().get("detail").asString()).contains("decisionRef");
        assertThat(jdbc.queryForObject("SELECT status FROM protocol WHERE id = ?", String.class, protocol)).isEqualTo("QUARANTINED");
    }

    @Test
    void aBodyWithoutItsNumbersNamesEachMissingFieldNotTheMappersSettings() {
        var r = refused(admin.postRaw("/api/v1/protocols", "application/json", "{}"), 422, "GEN-422");
        assertThat(r.json().get("problems").valueStream().map(p -> p.get("field").asString()))
                .containsExactly("clientSubmissionId", "contestId", "stationId", "lines", "votes");

        long protocol = anAcceptedProtocol(election.domestic().get(5));
        for (String decision : List.of("acceptance", "release", "annulment")) {
            var d = refused(admin.post("/api/v1/protocols/" + protocol + "/" + decision, Map.of("reason", "r",
                    "decisionReference", "CEC 2")), 422, "GEN-422");
            assertThat(d.json().get("problems").get(0).get("field").asString()).as(decision).isEqualTo("version");
        }
        refused(admin.post("/api/v1/elections/" + election.election().id().value() + "/certification", Map.of()),
                422, "GEN-422");

        var typo = refused(admin.postRaw("/api/v1/protocols", "application/json",
                "{\"clientSubmissionId\":\"" + UUID.randomUUID() + "\",\"contestId\":" + contest
                        + ",\"stationId\":1,\"lines\":{\"1\":\"many\"},\"votes\":{}}"), 400, "GEN-400");
        assertThat(typo.json().get("detail").asString()).contains("lines").doesNotContain("java.", "Feature", "tools.jackson");
        var noBody = refused(admin.postRaw("/api/v1/protocols/" + protocol + "/acceptance", "application/json", ""), 400,
                "GEN-400");
        assertThat(noBody.json().get("detail").asString()).isEqualTo("Malformed request: the request has no body")
                .doesNotContain("ResultsApiController");
        assertThat(jdbc.queryForObject("SELECT version || status FROM protocol WHERE id = ?", String.class, protocol))
                .isEqualTo("1ACCEPTED");
    }

    @Test
    void aVersionsScanIsNeverReplacedAndAnEmptyOneIsRes013() {
        long protocol = anAcceptedProtocol(election.domestic().get(6));
        String path = "/api/v1/protocols/" + protocol + "/versions/1/scan";
        refused(admin.putBytes(path, "application/pdf", new byte[0]), 422, "RES-013");

        byte[] first = Arrays.copyOf(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}, 64);
        var attached = admin.putBytes(path, "image/jpeg", first);
        assertThat(attached.status()).as(attached.body()).isEqualTo(201);
        String sha = attached.json().get("sha256").asString();
        var again = admin.putBytes(path, "image/jpeg", first);
        assertThat(again.status()).as("the same file again").isEqualTo(201);
        assertThat(again.json().get("sha256").asString()).isEqualTo(sha);

        byte[] second = Arrays.copyOf(first, 80);
        var replaced = refused(admin.putBytes(path, "image/jpeg", second), 409, "RES-036");
        assertThat(replaced.json().get("detail").asString()).contains(sha);
        assertThat(admin.get("/api/v1/protocols/" + protocol).json().get("versions").get(0).get("scanSha256").asString())
                .isEqualTo(sha);
        assertThat(admin.getBytes(path).body()).isEqualTo(first);
    }

    @Test
    void addressesMethodsAndTypesTheApiDoesNotHaveAnswerWithARuleCode() {
        var unknown = refused(admin.get("/api/v1/no-such-thing"), 404, "GEN-404");
        assertThat(unknown.json().get("detail").asString()).isEqualTo("Nothing is at /api/v1/no-such-thing");
        refused(admin.postRaw("/api/v1/protocols/1", "application/json", "{}"), 405, "GEN-405");
        refused(admin.postRaw("/api/v1/protocols/1/acceptance", "text/plain", "version=1"), 415, "GEN-415");
        refused(admin.postRaw("/api/v1/protocols", "text/plain", "{}"), 415, "GEN-415");
    }

    @Test
    void aProtocolIdTellsStaffOfANarrowerScopeNothingOfWhetherItExists() {
        PollingStation own = election.domestic().get(7);
        PollingStation elsewhere = election.domestic().stream()
                .filter(st -> !st.constituencyId().equals(own.constituencyId())).findFirst().orElseThrow();
        long outOfScope = anAcceptedProtocol(elsewhere);
        String username = "scope-" + UUID.randomUUID().toString().substring(0, 8);
        admin.createStaff(username, "CONSTITUENCY_OPERATOR", "CONSTITUENCY", own.constituencyId().value(), "scope password 12");
        Api commission = Api.as(port, username, "scope password 12");
        long missing = outOfScope + 1_000_000;

        for (String path : List.of("/api/v1/protocols/%d", "/api/v1/protocols/%d/release")) {
            var existing = path.endsWith("release")
                    ? commission.post(path.formatted(outOfScope), Map.of("version", 1, "reason", "r", "decisionReference", "d"))
                    : commission.get(path.formatted(outOfScope));
            var absent = path.endsWith("release")
                    ? commission.post(path.formatted(missing), Map.of("version", 1, "reason", "r", "decisionReference", "d"))
                    : commission.get(path.formatted(missing));
            assertThat(existing.status()).as(path).isEqualTo(403);
            assertThat(absent.status()).as(path).isEqualTo(403);
            assertThat(absent.json().get("detail").asString()).isEqualTo(existing.json().get("detail").asString());
        }
        refused(admin.get("/api/v1/protocols/" + missing), 404, "GEN-404");
    }

    @Test
    void refusalsBeforeAnyControllerAreProblemsLikeEveryOther() {
        var anonymous = Api.anonymous(port).post("/api/v1/protocols", aProtocol().body(contest, election.domestic().get(9).id().value()));
        refused(anonymous, 401, "AUTH-001");
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
        assertThat(anonymous.json().get("title").asString()).isEqualTo("Unauthorized");
        assertThat(anonymous.json().get("instance").asString()).isEqualTo("/api/v1/protocols");
        var tooLarge = refused(admin.postRaw("/api/v1/protocols", "application/json", "{\"pad\":\"" + "é".repeat(40_000) + "\"}"),
                413, "RES-015");
        assertThat(tooLarge.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
        assertThat(tooLarge.json().get("title").asString()).isEqualTo("Content Too Large");
    }

    @Test
    void aValueTheDatabaseRefusesIsA422NotA500() {
        // No service checks a display name for NUL characters; PostgreSQL refuses them (22021), and that is the sender's.
        Map<String, Object> staff = new HashMap<>();
        staff.put("username", "nul-" + UUID.randomUUID().toString().substring(0, 8));
        staff.put("displayName", "Someone\u0000");
        staff.put("role", "AUDITOR");
        staff.put("scopeKind", "NATIONAL");
        staff.put("password", "a long enough password 1");
        var r = refused(admin.post("/api/v1/staff", staff), 422, "GEN-422");
        assertThat(r.json().get("detail").asString()).isEqualTo("Text must not contain a NUL character");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM staff_user WHERE username = ?", Long.class,
                staff.get("username"))).isZero();
    }

    private long anAcceptedProtocol(PollingStation s) {
        var r = admin.post("/api/v1/protocols", aProtocol().body(contest, s.id().value()));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("protocol").asLong();
    }

    private static String json(Map<Integer, Long> numbers) {
        Map<String, Long> byKey = new LinkedHashMap<>();
        numbers.forEach((k, v) -> byKey.put(k.toString(), v));
        return byKey.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(java.util.stream.Collectors.joining(",", "{", "}"));
    }
}
