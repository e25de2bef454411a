package org.electora.registry.internal.register;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.electora.geography.PollingStation;
import org.electora.registry.internal.SyntheticPeople;
import org.electora.support.Api;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The duplicate review queue over real HTTP and PostgreSQL: a detection run over the register finds planted pairs,
 * officers see the cases of their own scope only, a merge removes the other voter through the status table, a pair
 * marked not a duplicate is never proposed again, and bad input answers with rule codes.
 */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DuplicateReviewTest {

    private static final String PASSWORD = "review password 1";
    private static final long SEED = 27_11_2026L;

    @LocalServerPort int port;
    @Autowired ElectionFixture fixture;
    @Autowired RegisterReference reference;
    @Autowired JdbcClient jdbc;

    private final SplittableRandom random = new SplittableRandom(SEED);
    private ElectionFixture.Counting election;
    private Api admin;
    private Api consularA;
    private Api consularB;
    private Api constituency;
    private Api precinct;
    private Api auditor;
    private PollingStation home;
    private PollingStation abroadA;
    private PollingStation abroadB;
    private String region;
    private String settlement;
    private Pair atHome;
    private Pair atMissionA;
    private Pair atMissionB;
    private Pair forBadInput;
    private Pair oneRemoved;
    private Pair forMerge;
    private Pair twins;
    private long firstRun;

    /** Two voters planted as one person: same names (one spelled in Cyrillic), birth date and address, two ids. */
    record Pair(long a, long b, long caseId) {
    }

    @BeforeAll
    void setUp() {
        System.out.println("DuplicateReviewTest seed " + SEED);
        election = fixture.election(LocalDate.now(ZoneOffset.UTC).plusDays(35));
        admin = Api.admin(port);
        abroadA = election.abroad().getFirst();
        abroadB = election.abroad().stream()
                .filter(s -> !s.abroad().missionId().equals(abroadA.abroad().missionId())).findFirst().orElseThrow();
        // a constituency none of the two stations abroad is attached to: its operator sees neither mission's voters
        home = election.domestic().stream().filter(s -> !s.constituencyId().equals(abroadA.constituencyId())
                && !s.constituencyId().equals(abroadB.constituencyId())).skip(4).findFirst().orElseThrow();
        SeededSettlement first = SeededSettlement.first(reference, jdbc, election.map().id().value());
        region = first.region();
        settlement = first.name();
        String run = UUID.randomUUID().toString().substring(0, 8);
        consularA = staff(run, "csl-a", "CONSULAR_OFFICER", "MISSION", abroadA.abroad().missionId().value());
        consularB = staff(run, "csl-b", "CONSULAR_OFFICER", "MISSION", abroadB.abroad().missionId().value());
        constituency = staff(run, "con", "CONSTITUENCY_OPERATOR", "CONSTITUENCY", home.constituencyId().value());
        precinct = staff(run, "pec", "PRECINCT_OPERATOR", "STATION", home.id().value());
        auditor = staff(run, "aud", "AUDITOR", "NATIONAL", null);

        atHome = plant(home);
        atMissionA = plant(abroadA);
        atMissionB = plant(abroadB);
        forBadInput = plant(home);
        oneRemoved = plant(home);
        forMerge = plant(abroadA);
        twins = plant(home);
        firstRun = detect(null).get("id").asLong();
        atHome = withCase(atHome);
        atMissionA = withCase(atMissionA);
        atMissionB = withCase(atMissionB);
        forBadInput = withCase(forBadInput);
        oneRemoved = withCase(oneRemoved);
        forMerge = withCase(forMerge);
        twins = withCase(twins);
    }

    @Test
    void aDetectionRunFindsThePlantedPairsAsOpenCasesExplainedFieldByField() {
        JsonNode run = admin.get("/api/v1/register/duplicate-runs/" + firstRun).json();
        assertThat(run.get("status").asString()).isEqualTo("DONE");
        assertThat(run.get("voters").asLong()).isGreaterThanOrEqualTo(12);
        assertThat(run.get("pairs").asLong()).isGreaterThanOrEqualTo(6);

        JsonNode listed = find(admin, forBadInput.caseId());

        assertThat(listed).as("case %d in the CEC's open list", forBadInput.caseId()).isNotNull();
        Map<String, String> levels = new HashMap<>();
        listed.get("comparisons").forEach(c -> levels.put(c.get("field").asString(), c.get("level").asString()));
        assertThat(levels).containsEntry("FAMILY_NAME", "AGREE").containsEntry("GIVEN_NAME", "AGREE")
                .containsEntry("DATE_OF_BIRTH", "AGREE").containsEntry("ADDRESS", "AGREE").containsKey("NATIONAL_ID");
        assertThat(listed.get("probability").asDouble()).isBetween(0.5, 1.0);
        assertThat(listed.toString()).doesNotContain(nationalIdOf(forBadInput.a()));
    }

    @Test
    void aConsularOfficerSeesAndDecidesItsOwnMissionsCasesOnlyAndTheCecSeesAll() {
        assertThat(find(consularA, atMissionA.caseId())).isNotNull();
        assertThat(find(consularA, atMissionB.caseId())).isNull();
        assertThat(find(consularA, atHome.caseId())).isNull();
        assertThat(find(consularB, atMissionB.caseId())).isNotNull();
        assertThat(find(constituency, atHome.caseId())).isNotNull();
        assertThat(find(constituency, atMissionA.caseId())).isNull();
        assertThat(find(admin, atMissionB.caseId())).isNotNull();

        var foreignView = consularA.get("/api/v1/register/duplicate-cases/" + atMissionB.caseId() + "?reason=checking");
        var foreignDecision = consularA.post("/api/v1/register/duplicate-cases/" + atMissionB.caseId() + "/decision",
                Map.of("decision", "NOT_DUPLICATE"));

        assertThat(rule(foreignView, 403)).isEqualTo("REG-114");
        assertThat(foreignView.body()).doesNotContain(nationalIdOf(atMissionB.a()));
        assertThat(rule(foreignDecision, 403)).isEqualTo("REG-114");
        assertThat(caseStatus(atMissionB.caseId())).isEqualTo("OPEN");
    }

    @Test
    void precinctOperatorsAuditorsAndAnonymousCallersReachNoCase() {
        assertThat(precinct.get("/api/v1/register/duplicate-cases").status()).isEqualTo(403);
        assertThat(auditor.get("/api/v1/register/duplicate-cases").status()).isEqualTo(403);
        assertThat(auditor.get("/api/v1/register/duplicate-cases/" + atHome.caseId() + "?reason=audit").status()).isEqualTo(403);
        assertThat(precinct.post("/api/v1/register/duplicate-cases/" + atHome.caseId() + "/decision",
                Map.of("decision", "NOT_DUPLICATE")).status()).isEqualTo(403);
        assertThat(Api.anonymous(port).get("/api/v1/register/duplicate-cases").status()).isIn(401, 403);
        assertThat(consularA.post("/api/v1/register/duplicate-runs", Map.of()).status()).isEqualTo(403);
        assertThat(constituency.get("/api/v1/register/duplicate-runs/" + firstRun).status()).isEqualTo(403);
        assertThat(caseStatus(atHome.caseId())).isEqualTo("OPEN");
    }

    @Test
    void readingACaseSideBySideNeedsAReasonAndLogsTheReadOfBothVoters() {
        var noReason = consularA.get("/api/v1/register/duplicate-cases/" + atMissionA.caseId());
        assertThat(rule(noReason, 422)).isEqualTo("REG-041");

        var read = consularA.get("/api/v1/register/duplicate-cases/" + atMissionA.caseId() + "?reason=review%20queue");

        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("a").get("nationalId").asString()).isEqualTo(nationalIdOf(atMissionA.a()));
        assertThat(read.json().get("b").get("nationalId").asString()).isEqualTo(nationalIdOf(atMissionA.b()));
        assertThat(jdbc.sql("SELECT voter_id FROM personal_data_access WHERE purpose LIKE ? AND role = 'CONSULAR_OFFICER' ORDER BY voter_id")
                .param("duplicate case " + atMissionA.caseId() + ": review queue").query(Long.class).list())
                .containsExactly(atMissionA.a(), atMissionA.b());
    }

    @Test
    void aMergeRemovesTheOtherVoterThroughTheStatusTableAndTakesItOffTheListAndCannotBeDecidedTwice() {
        var merged = consularA.post("/api/v1/register/duplicate-cases/" + forMerge.caseId() + "/decision",
                Map.of("decision", "MERGE", "survivorId", forMerge.a(), "note", "same passport photo"));

        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        assertThat(merged.json().get("status").asString()).isEqualTo("MERGED");
        assertThat(merged.json().get("survivorId").asLong()).isEqualTo(forMerge.a());
        assertThat(jdbc.sql("SELECT status || '|' || status_reason FROM voter WHERE id = ?").param(forMerge.b())
                .query(String.class).single()).isEqualTo("REMOVED|duplicate of " + forMerge.a());
        assertThat(activeStations(forMerge.a())).containsExactly(abroadA.id().value());
        assertThat(activeStations(forMerge.b())).isEmpty();
        assertThat(jdbc.sql("SELECT status FROM registration WHERE voter_id = ?").param(forMerge.b()).query(String.class).single())
                .isEqualTo("STRUCK_OFF");
        assertThat(jdbc.sql("SELECT type FROM audit_event WHERE subject = ?").param("duplicate-case:" + forMerge.caseId())
                .query(String.class).list()).containsExactly("register.duplicate-case-decided");
        assertThat(jdbc.sql("SELECT type FROM audit_event WHERE subject = ? ORDER BY intake_id").param("voter:" + forMerge.b())
                .query(String.class).list()).contains("register.voter-status-changed");

        var again = consularA.post("/api/v1/register/duplicate-cases/" + forMerge.caseId() + "/decision",
                Map.of("decision", "NOT_DUPLICATE"));
        var againByCec = admin.post("/api/v1/register/duplicate-cases/" + forMerge.caseId() + "/decision",
                Map.of("decision", "MERGE", "survivorId", forMerge.b()));

        assertThat(rule(again, 409)).isEqualTo("REG-110");
        assertThat(rule(againByCec, 409)).isEqualTo("REG-110");
        assertThat(jdbc.sql("SELECT status FROM voter WHERE id = ?").param(forMerge.a()).query(String.class).single()).isEqualTo("ACTIVE");
    }

    @Test
    void aPairMarkedNotADuplicateIsNeverProposedAgainByALaterRun() {
        var decided = constituency.post("/api/v1/register/duplicate-cases/" + twins.caseId() + "/decision",
                Map.of("decision", "NOT_DUPLICATE", "note", "twins"));
        assertThat(decided.status()).as(decided.body()).isEqualTo(200);

        JsonNode rerun = detect(region);

        assertThat(rerun.get("status").asString()).isEqualTo("DONE");
        assertThat(rerun.get("alreadyDecided").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("SELECT status || '|' || decided_by || '|' || note FROM duplicate_case WHERE voter_a = ? AND voter_b = ?")
                .params(twins.a(), twins.b()).query(String.class).list())
                .containsExactly("NOT_DUPLICATE|" + jdbc.sql("SELECT decided_by FROM duplicate_case WHERE id = ?")
                        .param(twins.caseId()).query(String.class).single() + "|twins");
        assertThat(find(constituency, twins.caseId())).isNull();
        assertThat(jdbc.sql("SELECT type FROM audit_event WHERE subject = ?").param("duplicate-case:" + twins.caseId())
                .query(String.class).list()).containsExactly("register.duplicate-case-decided");
    }

    @Test
    void aMergeOfAVoterWhoIsNoLongerActiveIsRefusedWithReg117() {
        var removed = admin.post("/api/v1/voters/" + oneRemoved.b() + "/status-changes", Map.of("action", "REMOVE",
                "reason", "lost citizenship", "effectiveDate", LocalDate.now(ZoneOffset.UTC).toString()));
        assertThat(removed.status()).as(removed.body()).isEqualTo(201);

        var merge = admin.post("/api/v1/register/duplicate-cases/" + oneRemoved.caseId() + "/decision",
                Map.of("decision", "MERGE", "survivorId", oneRemoved.a()));

        assertThat(rule(merge, 409)).isEqualTo("REG-117");
        assertThat(caseStatus(oneRemoved.caseId())).isEqualTo("OPEN");
    }

    @Test
    void badInputIsRefusedWithSpecificRuleCodesAndDecidesNothing() {
        String decision = "/api/v1/register/duplicate-cases/" + forBadInput.caseId() + "/decision";
        assertThat(rule(admin.post(decision, Map.of("decision", "MAYBE")), 422)).isEqualTo("REG-111");
        assertThat(rule(admin.post(decision, Map.of()), 422)).isEqualTo("REG-111");
        assertThat(rule(admin.post(decision, Map.of("decision", "MERGE")), 422)).isEqualTo("REG-112");
        assertThat(rule(admin.post(decision, Map.of("decision", "MERGE", "survivorId", atHome.a())), 422)).isEqualTo("REG-112");
        assertThat(rule(admin.post(decision, Map.of("decision", "NOT_DUPLICATE", "note", "x".repeat(2001))), 422)).isEqualTo("REG-119");
        assertThat(rule(admin.post(decision, Map.of("decision", "NOT_DUPLICATE", "version", 999)), 409)).isEqualTo("GEN-409");
        assertThat(rule(admin.post("/api/v1/register/duplicate-cases/999999999/decision", Map.of("decision", "NOT_DUPLICATE")), 404))
                .isEqualTo("REG-113");
        assertThat(rule(admin.get("/api/v1/register/duplicate-cases/999999999?reason=check"), 404)).isEqualTo("REG-113");
        assertThat(rule(admin.get("/api/v1/register/duplicate-cases?page=-1"), 422)).isEqualTo("REG-118");
        assertThat(rule(admin.get("/api/v1/register/duplicate-cases?size=0"), 422)).isEqualTo("REG-118");
        assertThat(rule(admin.get("/api/v1/register/duplicate-cases?size=201"), 422)).isEqualTo("REG-118");
        assertThat(rule(admin.get("/api/v1/register/duplicate-cases?status=WHATEVER"), 422)).isEqualTo("REG-118");
        assertThat(admin.get("/api/v1/register/duplicate-cases?page=abc").status()).isEqualTo(400);
        assertThat(rule(admin.post("/api/v1/register/duplicate-runs", Map.of("region", "R99X")), 422)).isEqualTo("REG-116");
        assertThat(rule(admin.get("/api/v1/register/duplicate-runs/999999999"), 404)).isEqualTo("REG-113");

        assertThat(caseStatus(forBadInput.caseId())).isEqualTo("OPEN");
        assertThat(jdbc.sql("SELECT status FROM voter WHERE id IN (?, ?)").params(forBadInput.a(), forBadInput.b())
                .query(String.class).list()).containsOnly("ACTIVE");
    }

    @Test
    void aSecondRunWhileOneIsRunningIsRefusedWithReg115() {
        long running = jdbc.sql("INSERT INTO duplicate_run (started_by) VALUES ('test') RETURNING id").query(Long.class).single();
        try {
            assertThat(rule(admin.post("/api/v1/register/duplicate-runs", Map.of()), 409)).isEqualTo("REG-115");
        } finally {
            jdbc.sql("UPDATE duplicate_run SET status = 'FAILED', finished_at = now(), failure = 'test' WHERE id = ?").param(running).update();
        }
    }

    private JsonNode detect(String inRegion) {
        Map<String, Object> body = new HashMap<>();
        body.put("region", inRegion);
        var started = admin.post("/api/v1/register/duplicate-runs", body);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.headers().firstValue("Location")).hasValue("/api/v1/register/duplicate-runs/" + started.json().get("id").asLong());
        long id = started.json().get("id").asLong();
        // Waiting for a background job, not timing it: the bound only keeps a broken run from hanging the build.
        for (int i = 0; i < 1200; i++) {
            JsonNode run = admin.get("/api/v1/register/duplicate-runs/" + id).json();
            if (!"RUNNING".equals(run.get("status").asString())) {
                assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("DONE");
                return run;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
        return fail("duplicate run " + id + " did not finish");
    }

    private Pair plant(PollingStation station) {
        String letters = "abdefgiklmnoprstuvyz";
        var family = new StringBuilder("Qar");
        for (int i = 0; i < 6; i++) {
            family.append(letters.charAt(random.nextInt(letters.length())));
        }
        LocalDate dob = LocalDate.of(1950 + random.nextInt(40), 1 + random.nextInt(12), 1 + random.nextInt(28));
        String house = Integer.toString(1 + random.nextInt(200));
        String first = nationalId();
        String second = nationalId();
        String line = ",%s,%s,Vasif oglu," + dob + ",M," + region + "," + settlement + ",Samad Vurgun street," + house + ",,,,ACTIVE,,\n";
        var r = admin.postRaw("/api/v1/register/imports", "text/csv", RegisterCsv.HEADER + "\n"
                + first + line.formatted(family, "Elnur") + second + line.formatted(family, "Эльнур"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long a = voterId(first);
        long b = voterId(second);
        for (long v : new long[]{a, b}) {
            jdbc.sql("INSERT INTO registration (election_id, voter_id, station_id, reason) VALUES (?, ?, ?, ?)")
                    .params(election.election().id().value(), v, station.id().value(),
                            station.isAbroad() ? "ABROAD_CONSULAR" : "RESIDENCE").update();
        }
        return new Pair(Math.min(a, b), Math.max(a, b), 0);
    }

    private Pair withCase(Pair pair) {
        List<Long> ids = jdbc.sql("SELECT id FROM duplicate_case WHERE voter_a = ? AND voter_b = ? AND status = 'OPEN'")
                .params(pair.a(), pair.b()).query(Long.class).list();
        assertThat(ids).as("an open case for planted pair %d/%d", pair.a(), pair.b()).hasSize(1);
        return new Pair(pair.a(), pair.b(), ids.getFirst());
    }

    /** The case in the caller's open list (paging through it), or null. */
    private static JsonNode find(Api api, long caseId) {
        for (int page = 0; page < 100; page++) {
            var r = api.get("/api/v1/register/duplicate-cases?size=200&page=" + page);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            for (JsonNode c : r.json().get("cases")) {
                if (c.get("id").asLong() == caseId) {
                    return c;
                }
            }
            if (r.json().get("cases").size() < 200) {
                return null;
            }
        }
        return null;
    }

    private static String rule(Api.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return r.json().get("ruleCode").asString();
    }

    private String caseStatus(long id) {
        return jdbc.sql("SELECT status FROM duplicate_case WHERE id = ?").param(id).query(String.class).single();
    }

    private List<Long> activeStations(long voter) {
        return jdbc.sql("SELECT station_id FROM registration WHERE voter_id = ? AND election_id = ? AND active")
                .params(voter, election.election().id().value()).query(Long.class).list();
    }

    private long voterId(String nationalId) {
        return jdbc.sql("SELECT id FROM voter WHERE national_id = ?").param(nationalId).query(Long.class).single();
    }

    private String nationalIdOf(long voter) {
        return jdbc.sql("SELECT national_id FROM voter WHERE id = ?").param(voter).query(String.class).single();
    }

    private String nationalId() {
        String digits = String.format("%08d", random.nextInt(100_000_000));
        return digits + SyntheticPeople.luhn(digits);
    }

    private Api staff(String run, String name, String role, String scopeKind, Long scopeId) {
        Map<String, Object> body = new HashMap<>(Map.of("username", "dr-" + run + "-" + name, "displayName", name,
                "role", role, "scopeKind", scopeKind, "password", PASSWORD));
        body.put("scopeId", scopeId);
        var r = admin.post("/api/v1/staff", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return Api.as(port, "dr-" + run + "-" + name, PASSWORD);
    }
}
