package org.electora.registry.internal.register;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.electora.geography.PollingStation;
import org.electora.platform.CurrentStaff;
import org.electora.registry.RegisterImport;
import org.electora.registry.internal.SyntheticPeople;
import org.electora.support.Api;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The register's foundation over real HTTP and PostgreSQL: import validation and idempotence, the one-list index,
 * assignment by address, the public lookup and who may read personal data.
 */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegisterTest {

    private static final String PASSWORD = "register password 1";
    private static final long SEED = 4_2024L;

    @LocalServerPort int port;
    @Autowired ElectionFixture fixture;
    @Autowired RegisterReference reference;
    @Autowired RegisterImport importer;
    @Autowired LookupRateLimiter limiter;
    @Autowired JdbcClient jdbc;

    private final SplittableRandom random = new SplittableRandom(SEED);
    private ElectionFixture.Counting election;
    private Api admin;
    private PollingStation station;        // serves settlement A
    private PollingStation otherStation;   // in another constituency
    private String region;
    private String settlementA;
    private String settlementB;
    private String youngest;               // born the day a voter turns 18 on polling day

    @BeforeAll
    void setUp() {
        election = fixture.election(LocalDate.now().plusDays(40));
        admin = Api.admin(port);
        long map = election.map().id().value();
        CurrentStaff.runAsSystem(() -> {
            reference.seedSettlements(map);
            return null;
        });
        station = election.domestic().getFirst();
        otherStation = election.domestic().stream().filter(s -> !s.constituencyId().equals(station.constituencyId()))
                .findFirst().orElseThrow();
        record Settlement(String region, String name) {
        }
        List<Settlement> settlements = jdbc.sql("SELECT region, name FROM register_settlement WHERE map_version_id = ? ORDER BY region, name")
                .param(map).query((rs, i) -> new Settlement(rs.getString(1), rs.getString(2))).list();
        region = settlements.getFirst().region();
        List<String> inRegion = settlements.stream().filter(s -> s.region().equals(region)).map(Settlement::name).toList();
        assertThat(inRegion).hasSizeGreaterThan(1);
        settlementA = inRegion.get(0);
        settlementB = inRegion.get(1);
        youngest = election.election().pollingDay().minusYears(18).toString();
    }

    @BeforeEach
    void freshLimits() {
        limiter.reset();
    }

    private String nationalId() {
        String digits = String.format("%08d", random.nextInt(100_000_000));
        return digits + SyntheticPeople.luhn(digits);
    }

    private String row(String id, String dob, String settlement, String street, String house) {
        return id + ",Məmmədova,Aynur,Elchin gizi," + dob + ",F," + region + "," + settlement + "," + street + "," + house + ",,,,ACTIVE,,";
    }

    private long voters() {
        return jdbc.sql("SELECT count(*) FROM voter").query(Long.class).single();
    }

    @Test
    void importOfAFileWithSeveralKindsOfErrorListsEachWithRuleCodeAndLineAndChangesNothing() {
        String good = nationalId();
        String badCheck = good.substring(0, 8) + ((good.charAt(8) - '0' + 1) % 10);
        String dup = nationalId();
        var out = new ByteArrayOutputStream();
        String text = String.join("\n", RegisterCsv.HEADER,
                row(good, "1980-05-01", settlementA, "Nizami street", "5"),          // 2 fine
                row(badCheck, "1980-05-01", settlementA, "Nizami street", "5"),      // 3 REG-004
                row(nationalId(), "1980-02-30", settlementA, "Nizami street", "5"),  // 4 REG-006
                row(nationalId(), "2999-01-01", settlementA, "Nizami street", "5"),  // 5 REG-007
                row(nationalId(), LocalDate.parse(youngest).plusDays(1).toString(), settlementA, "Nizami street", "5"), // 6 REG-008
                row(dup, "1970-01-01", settlementA, "Nizami street", "5"),           // 7
                row(dup, "1971-01-01", settlementA, "Nizami street", "6"),           // 8 REG-005
                row(nationalId(), "1970-01-01", "Atlantis", "Nizami street", "5"),   // 9 REG-009
                nationalId() + ",Aliyev,Anar,1970-01-01,M",                          // 10 REG-001
                "") ;
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        out.writeBytes((nationalId() + ",Aliyev,").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[]{(byte) 0xC3, (byte) 0x28});                         // 11 REG-002
        out.writeBytes(",Anar,,1970-01-01,M,R01,X,Y,1,,,,ACTIVE,,\n".getBytes(StandardCharsets.UTF_8));
        long before = voters();

        RegisterImport.Report report = CurrentStaff.runAsSystem(() ->
                importer.importCsv(new ByteArrayInputStream(out.toByteArray()), out.size(), RegisterImport.Progress.NONE));

        assertThat(report.outcome()).isEqualTo(RegisterImport.Outcome.REJECTED);
        assertThat(report.problems()).extracting(p -> p.ruleCode() + "@" + p.line()).containsExactlyInAnyOrder(
                "REG-001@10", "REG-002@11", "REG-004@3", "REG-005@8", "REG-006@4", "REG-007@5", "REG-008@6", "REG-009@9");
        assertThat(report.problemCounts()).containsEntry("REG-005", 1L).hasSize(8);
        assertThat(voters()).isEqualTo(before);
    }

    @Test
    void theSameFileImportedTwiceChangesNothingTheSecondTime() {
        String file = String.join("\n", RegisterCsv.HEADER,
                row(nationalId(), youngest, settlementA, "Nizami street", "3"),
                row(nationalId(), "1950-12-31", settlementA, "Sabir street", "40"),
                nationalId() + ",Həsənov,Tural,,1960-01-01,M,,,,,TR,Istanbul,,ACTIVE,,") + "\n";

        var first = admin.postRaw("/api/v1/register/imports", "text/csv", file);
        var second = admin.postRaw("/api/v1/register/imports", "text/csv", file);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("inserted").asLong()).isEqualTo(3);
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        assertThat(second.json().get("inserted").asLong()).isZero();
        assertThat(second.json().get("updated").asLong()).isZero();
        assertThat(second.json().get("unchanged").asLong()).isEqualTo(3);
    }

    @Test
    void theDatabaseRefusesASecondActiveRegistrationOfAVoterInOneElection() {
        String id = nationalId();
        importOk(row(id, "1975-03-03", settlementA, "Nizami street", "1"));
        long voter = voterId(id);
        long electionId = election.election().id().value();
        String insert = "INSERT INTO registration (election_id, voter_id, station_id, reason) VALUES (?, ?, ?, 'RESIDENCE')";
        jdbc.sql(insert).params(electionId, voter, station.id().value()).update();

        assertThatThrownBy(() -> jdbc.sql(insert).params(electionId, voter, otherStation.id().value()).update())
                .isInstanceOf(DuplicateKeyException.class).hasMessageContaining("registration_one_active_list");
        jdbc.sql("UPDATE registration SET active = false, status = 'MOVED', ended_at = now(), end_reason = 'moved' WHERE voter_id = ?").param(voter).update();
        assertThat(jdbc.sql(insert).params(electionId, voter, otherStation.id().value()).update()).isEqualTo(1);
    }

    @Test
    void assignmentPutsCoveredVotersOnTheirStationAndReportsStreetsNoRuleCovers() {
        String covered = nationalId();
        String uncovered = nationalId();
        importOk(row(covered, "1980-01-01", settlementA, "Zafar street", "12"),
                row(uncovered, "1980-01-01", settlementB, "Bulbul street", "7"));
        var rule = admin.post("/api/v1/register/assignment-rules", Map.of("region", region, "settlement", settlementA,
                "stationId", station.id().value()));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        var unknown = admin.post("/api/v1/register/assignment-rules", Map.of("region", region, "settlement", "Atlantis",
                "stationId", station.id().value()));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body()).contains("REG-030");

        var report = admin.post("/api/v1/register/assignments?election=" + election.election().id().value(), Map.of());
        var again = admin.post("/api/v1/register/assignments?election=" + election.election().id().value(), Map.of());

        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.json().get("assigned").asLong()).isPositive();
        assertThat(report.body()).contains("\"settlement\":\"" + settlementB + "\"", "Bulbul street");
        assertThat(report.body()).doesNotContain(uncovered);
        assertThat(again.json().get("assigned").asLong()).isZero();
        assertThat(jdbc.sql("SELECT station_id FROM registration WHERE voter_id = ? AND active").param(voterId(covered))
                .query(Long.class).single()).isEqualTo(station.id().value());
    }

    @Test
    void lookupAnswersFoundNotFoundAndWrongBirthDateInOneShapeAndIsRateLimited() {
        String id = nationalId();
        importOk(row(id, "1982-07-15", settlementA, "Nasimi street", "2"));
        long voter = voterId(id);
        jdbc.sql("INSERT INTO registration (election_id, voter_id, station_id, reason) VALUES (?, ?, ?, 'RESIDENCE')")
                .params(election.election().id().value(), voter, station.id().value()).update();
        Api anonymous = Api.anonymous(port);

        var found = anonymous.get("/api/v1/public/where-do-i-vote?nationalId=" + id + "&dateOfBirth=1982-07-15");
        var wrongDate = anonymous.get("/api/v1/public/where-do-i-vote?nationalId=" + id + "&dateOfBirth=1982-07-16");
        var unknown = anonymous.get("/api/v1/public/where-do-i-vote?nationalId=" + nationalId() + "&dateOfBirth=1982-07-15");

        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(found.json().get("station").get("name").asString()).isEqualTo(station.name());
        assertThat(found.json().get("station").get("address").asString()).isEqualTo(station.address());
        assertThat(found.json().get("station").get("mapUrl").asString()).startsWith("https://www.openstreetmap.org/?mlat=");
        assertThat(found.json().get("station").get("hours").get("opens").asString()).contains("T08:00");
        assertThat(found.body()).doesNotContain(id, "Aynur", "1982");
        assertThat(wrongDate.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(wrongDate.body()).isEqualTo(unknown.body());
        assertThat(found.json().propertyNames()).containsExactlyInAnyOrderElementsOf(unknown.json().propertyNames());

        int status = 0;
        Api.Response last = null;
        for (int i = 0; i < 30 && status != 429; i++) {
            last = anonymous.get("/api/v1/public/where-do-i-vote?nationalId=" + nationalId() + "&dateOfBirth=1982-07-15");
            status = last.status();
        }
        assertThat(status).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
        assertThat(anonymous.get("/where-do-i-vote").status()).isEqualTo(200);
    }

    @Test
    void personalDataOnlyForRolesThatNeedItWithinTheirScopeAndEveryReadIsLogged() {
        String id = nationalId();
        importOk(row(id, "1966-06-06", settlementA, "Vagif street", "9"));
        long voter = voterId(id);
        jdbc.sql("INSERT INTO registration (election_id, voter_id, station_id, reason) VALUES (?, ?, ?, 'RESIDENCE')")
                .params(election.election().id().value(), voter, station.id().value()).update();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Api conOwn = staff(run, "con-own", "CONSTITUENCY_OPERATOR", "CONSTITUENCY", station.constituencyId().value());
        Api conForeign = staff(run, "con-for", "CONSTITUENCY_OPERATOR", "CONSTITUENCY", otherStation.constituencyId().value());
        Api pecOwn = staff(run, "pec-own", "PRECINCT_OPERATOR", "STATION", station.id().value());
        Api pecForeign = staff(run, "pec-for", "PRECINCT_OPERATOR", "STATION", otherStation.id().value());
        PollingStation abroad = election.abroad().getFirst();
        Api consular = staff(run, "csl", "CONSULAR_OFFICER", "MISSION", abroad.abroad().missionId().value());
        Api auditor = staff(run, "aud", "AUDITOR", "NATIONAL", null);
        Api anonymous = Api.anonymous(port);
        String one = "/api/v1/voters/" + voter + "?reason=checking+a+complaint";
        String list = "/api/v1/stations/" + station.id().value() + "/voters?reason=printing+the+list";
        long logged = jdbc.sql("SELECT count(*) FROM personal_data_access").query(Long.class).single();

        Map<String, Integer> statuses = new java.util.LinkedHashMap<>();
        statuses.put("anonymous " + one, anonymous.get(one).status());
        statuses.put("admin " + one, admin.get(one).status());
        statuses.put("con-own " + one, conOwn.get(one).status());
        statuses.put("con-for " + one, conForeign.get(one).status());
        statuses.put("pec-own " + one, pecOwn.get(one).status());
        statuses.put("pec-for " + one, pecForeign.get(one).status());
        statuses.put("consular " + one, consular.get(one).status());
        statuses.put("auditor " + one, auditor.get(one).status());
        statuses.put("anonymous " + list, anonymous.get(list).status());
        statuses.put("admin " + list, admin.get(list).status());
        statuses.put("con-own " + list, conOwn.get(list).status());
        statuses.put("con-for " + list, conForeign.get(list).status());
        statuses.put("pec-own " + list, pecOwn.get(list).status());
        statuses.put("pec-for " + list, pecForeign.get(list).status());
        statuses.put("consular " + list, consular.get(list).status());
        statuses.put("auditor " + list, auditor.get(list).status());
        statuses.put("anonymous import", anonymous.postRaw("/api/v1/register/imports", "text/csv", RegisterCsv.HEADER).status());
        statuses.put("con-own import", conOwn.postRaw("/api/v1/register/imports", "text/csv", RegisterCsv.HEADER).status());
        statuses.put("con-own assignment", conOwn.post("/api/v1/register/assignments?election=1", Map.of()).status());
        statuses.put("anonymous lookup", anonymous.get("/api/v1/public/where-do-i-vote?nationalId=" + id + "&dateOfBirth=1966-06-06").status());
        statuses.put("admin without reason", admin.get("/api/v1/voters/" + voter).status());

        assertThat(statuses).isEqualTo(Map.ofEntries(
                Map.entry("anonymous " + one, 401), Map.entry("admin " + one, 200), Map.entry("con-own " + one, 200),
                Map.entry("con-for " + one, 403), Map.entry("pec-own " + one, 200), Map.entry("pec-for " + one, 403),
                Map.entry("consular " + one, 403), Map.entry("auditor " + one, 403),
                Map.entry("anonymous " + list, 401), Map.entry("admin " + list, 200), Map.entry("con-own " + list, 200),
                Map.entry("con-for " + list, 403), Map.entry("pec-own " + list, 200), Map.entry("pec-for " + list, 403),
                Map.entry("consular " + list, 403), Map.entry("auditor " + list, 403),
                Map.entry("anonymous import", 401), Map.entry("con-own import", 403), Map.entry("con-own assignment", 403),
                Map.entry("anonymous lookup", 200), Map.entry("admin without reason", 422)));
        assertThat(admin.get(list).body()).contains(id);
        // admin, con-own, pec-own read one voter and the list (6), plus the list read just above
        assertThat(jdbc.sql("SELECT count(*) FROM personal_data_access").query(Long.class).single()).isEqualTo(logged + 7);
        assertThat(jdbc.sql("SELECT purpose FROM personal_data_access WHERE voter_id = ? ORDER BY id").param(voter)
                .query(String.class).list()).containsOnly("checking a complaint").hasSize(3);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE type = 'register.personal-data-read' AND subject = ?")
                .param("voter:" + voter).query(Long.class).single()).isEqualTo(3);
    }

    private Api staff(String run, String name, String role, String scopeKind, Long scopeId) {
        Map<String, Object> body = new HashMap<>(Map.of("username", "reg-" + run + "-" + name, "displayName", name,
                "role", role, "scopeKind", scopeKind, "password", PASSWORD));
        body.put("scopeId", scopeId);
        var r = admin.post("/api/v1/staff", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return Api.as(port, "reg-" + run + "-" + name, PASSWORD);
    }

    private void importOk(String... rows) {
        var r = admin.postRaw("/api/v1/register/imports", "text/csv", RegisterCsv.HEADER + "\n" + String.join("\n", rows) + "\n");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private long voterId(String nationalId) {
        return jdbc.sql("SELECT id FROM voter WHERE national_id = ?").param(nationalId).query(Long.class).single();
    }
}
