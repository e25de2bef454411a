package org.electora.registry.internal.register;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * Moves between lists over real HTTP and PostgreSQL: applications to vote abroad decided by the station's own
 * mission, transfer certificates used once, and who may do which.
 */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListMovesTest {

    private static final String PASSWORD = "moves password 1";
    private static final long SEED = 9_2026L;

    @LocalServerPort int port;
    @Autowired ElectionFixture fixture;
    @Autowired RegisterReference reference;
    @Autowired VotingAbroad abroad;
    @Autowired VoteAbroadPages pages;
    @Autowired LookupRateLimiter limiter;
    @Autowired JdbcClient jdbc;

    private final SplittableRandom random = new SplittableRandom(SEED);
    private ElectionFixture.Counting election;
    private Api admin;
    private Api consularA;
    private Api consularB;
    private Api pecHome;
    private Api pecOther;
    private Api auditor;
    private PollingStation home;
    private PollingStation other;
    private PollingStation abroadA;
    private PollingStation abroadB;   // another mission's
    private String region;
    private String settlement;

    @BeforeAll
    void setUp() {
        election = fixture.election(LocalDate.now().plusDays(30));
        admin = Api.admin(port);
        home = election.domestic().get(0);
        other = election.domestic().get(1);
        abroadA = election.abroad().getFirst();
        abroadB = election.abroad().stream()
                .filter(s -> !s.abroad().missionId().equals(abroadA.abroad().missionId())).findFirst().orElseThrow();
        SeededSettlement first = SeededSettlement.first(reference, jdbc, election.map().id().value());
        region = first.region();
        settlement = first.name();
        String run = UUID.randomUUID().toString().substring(0, 8);
        consularA = staff(run, "csl-a", "CONSULAR_OFFICER", "MISSION", abroadA.abroad().missionId().value());
        consularB = staff(run, "csl-b", "CONSULAR_OFFICER", "MISSION", abroadB.abroad().missionId().value());
        pecHome = staff(run, "pec-home", "PRECINCT_OPERATOR", "STATION", home.id().value());
        pecOther = staff(run, "pec-other", "PRECINCT_OPERATOR", "STATION", other.id().value());
        auditor = staff(run, "aud", "AUDITOR", "NATIONAL", null);
    }

    @BeforeEach
    void freshLimits() {
        limiter.reset();
    }

    @Test
    void approvalByTheStationsOwnMissionMovesTheVoterOffTheHomeListInOneStepAndAnotherMissionGets403() {
        Voter v = voterOnHomeList("1979-04-04");
        var submitted = consularA.post("/api/v1/abroad-applications", application(v, abroadA, "ABROAD_CONSULAR", null, null));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        long id = submitted.json().get("id").asLong();

        var foreign = consularB.post("/api/v1/abroad-applications/" + id + "/approval", Map.of());
        assertThat(foreign.status()).as(foreign.body()).isEqualTo(403);
        assertThat(foreign.body()).contains("REG-050");
        assertThat(activeStations(v.id)).containsExactly(home.id().value());

        var approved = consularA.post("/api/v1/abroad-applications/" + id + "/approval", Map.of());
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("status").asString()).isEqualTo("APPROVED");
        assertThat(activeStations(v.id)).containsExactly(abroadA.id().value());
        assertThat(jdbc.sql("SELECT status FROM registration WHERE voter_id = ? AND station_id = ?")
                .params(v.id, home.id().value()).query(String.class).single()).isEqualTo("MOVED");
        assertThat(audits(v.id)).containsSubsequence("register.abroad-application-submitted", "register.abroad-application-approved");

        var again = consularA.post("/api/v1/abroad-applications/" + id + "/approval", Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("REG-055");
    }

    @Test
    void anApplicationForAVoterAlreadyOnAListAbroadIsRefusedWithReg051() {
        Voter v = voterOnHomeList("1981-01-02");
        long id = consularA.post("/api/v1/abroad-applications", application(v, abroadA, "ABROAD_CONSULAR", null, null))
                .json().get("id").asLong();
        assertThat(consularA.post("/api/v1/abroad-applications/" + id + "/approval", Map.of()).status()).isEqualTo(200);

        var second = consularA.post("/api/v1/abroad-applications", application(v, abroadA, "ABROAD_CONSULAR", null, null));

        assertThat(second.status()).as(second.body()).isEqualTo(409);
        assertThat(second.body()).contains("REG-051");
    }

    @Test
    void aBusinessTripWhoseDatesDoNotIncludePollingDayIsRefusedWithReg053() {
        Voter v = voterOnHomeList("1983-03-03");
        LocalDate day = election.election().pollingDay();

        var before = consularA.post("/api/v1/abroad-applications", application(v, abroadA, "BUSINESS_TRIP", day.minusDays(10), day.minusDays(1)));
        var backwards = consularA.post("/api/v1/abroad-applications", application(v, abroadA, "BUSINESS_TRIP", day.plusDays(1), day.minusDays(1)));
        var noDates = consularA.post("/api/v1/abroad-applications", application(v, abroadA, "BUSINESS_TRIP", null, null));
        var over = consularA.post("/api/v1/abroad-applications", application(v, abroadA, "BUSINESS_TRIP", day.minusDays(2), day.plusDays(2)));

        assertThat(List.of(before.status(), backwards.status(), noDates.status())).containsOnly(422);
        assertThat(before.body()).contains("REG-053");
        assertThat(backwards.body()).contains("REG-053");
        assertThat(noDates.body()).contains("REG-053");
        assertThat(over.status()).as(over.body()).isEqualTo(201);
        long id = over.json().get("id").asLong();
        assertThat(consularA.post("/api/v1/abroad-applications/" + id + "/approval", Map.of()).status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT reason || ' ' || trip_from || ' ' || trip_to FROM registration WHERE voter_id = ? AND active")
                .param(v.id).query(String.class).single()).isEqualTo("BUSINESS_TRIP " + day.minusDays(2) + " " + day.plusDays(2));
    }

    @Test
    void aRejectionNeedsAReasonLeavesTheVoterWhereItWasAndIsFinal() {
        Voter v = voterOnHomeList("1984-04-04");
        long id = consularA.post("/api/v1/abroad-applications", application(v, abroadA, "ABROAD_CONSULAR", null, null))
                .json().get("id").asLong();

        var noReason = consularA.post("/api/v1/abroad-applications/" + id + "/rejection", Map.of("reason", " "));
        var foreign = consularB.post("/api/v1/abroad-applications/" + id + "/rejection", Map.of("reason", "not ours"));
        var rejected = consularA.post("/api/v1/abroad-applications/" + id + "/rejection", Map.of("reason", "no residence permit shown"));
        var approveAfter = consularA.post("/api/v1/abroad-applications/" + id + "/approval", Map.of());

        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.body()).contains("REG-056");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.body()).contains("REG-050");
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(rejected.json().get("decisionReason").asString()).isEqualTo("no residence permit shown");
        assertThat(approveAfter.status()).isEqualTo(409);
        assertThat(approveAfter.body()).contains("REG-055");
        assertThat(activeStations(v.id)).containsExactly(home.id().value());
        assertThat(audits(v.id)).contains("register.abroad-application-rejected");
    }

    @Test
    void aCertificateTakesTheVoterOffTheHomeCountOntoAnotherSupplementaryListOnceAndASecondUseIsRefused() {
        Voter v = voterOnHomeList("1970-07-07");
        long homeBefore = count(home);

        var issued = pecHome.post("/api/v1/transfer-certificates", Map.of("voterId", v.id));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String number = issued.json().get("number").asString();
        assertThat(number).matches("TC-[0-9]{8}");
        assertThat(count(home)).isEqualTo(homeBefore - 1);
        assertThat(jdbc.sql("SELECT status FROM registration WHERE voter_id = ? AND station_id = ?")
                .params(v.id, home.id().value()).query(String.class).single()).isEqualTo("TRANSFERRED");
        assertThat(activeStations(v.id)).isEmpty();

        var wrongPerson = pecOther.post("/api/v1/transfer-certificates/" + number + "/use",
                Map.of("nationalId", nationalId(), "stationId", other.id().value()));
        var used = pecOther.post("/api/v1/transfer-certificates/" + number + "/use",
                Map.of("nationalId", v.nationalId, "stationId", other.id().value()));
        var twice = pecOther.post("/api/v1/transfer-certificates/" + number + "/use",
                Map.of("nationalId", v.nationalId, "stationId", other.id().value()));
        var twiceElsewhere = admin.post("/api/v1/transfer-certificates/" + number + "/use",
                Map.of("nationalId", v.nationalId, "stationId", home.id().value()));

        assertThat(wrongPerson.status()).isEqualTo(404);
        assertThat(wrongPerson.body()).contains("REG-062");
        assertThat(used.status()).as(used.body()).isEqualTo(201);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.body()).contains("REG-061");
        assertThat(twiceElsewhere.status()).isEqualTo(409);
        assertThat(twiceElsewhere.body()).contains("REG-061");
        assertThat(jdbc.sql("SELECT station_id || ' ' || reason FROM registration WHERE voter_id = ? AND active")
                .param(v.id).query(String.class).single()).isEqualTo(other.id().value() + " SUPPLEMENTARY");
        assertThat(audits(v.id)).containsSubsequence("register.transfer-certificate-issued", "register.transfer-certificate-used");

        var again = pecOther.post("/api/v1/transfer-certificates", Map.of("voterId", v.id));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("REG-060");
    }

    @Test
    void theDatabaseItselfRefusesASecondRegistrationFromOneCertificate() {
        Voter v = voterOnHomeList("1971-08-08");
        String number = pecHome.post("/api/v1/transfer-certificates", Map.of("voterId", v.id)).json().get("number").asString();
        assertThat(pecOther.post("/api/v1/transfer-certificates/" + number + "/use",
                Map.of("nationalId", v.nationalId, "stationId", other.id().value())).status()).isEqualTo(201);
        long certificate = jdbc.sql("SELECT id FROM transfer_certificate WHERE number = ?").param(number).query(Long.class).single();
        jdbc.sql("UPDATE registration SET active = false, status = 'MOVED', ended_at = now(), end_reason = 'test' WHERE voter_id = ? AND active")
                .param(v.id).update();

        assertThatThrownBy(() -> jdbc.sql("""
                        INSERT INTO registration (election_id, voter_id, station_id, reason, certificate_id)
                        VALUES (?, ?, ?, 'SUPPLEMENTARY', ?)""")
                .params(election.election().id().value(), v.id, home.id().value(), certificate).update())
                .isInstanceOf(DuplicateKeyException.class).hasMessageContaining("registration_certificate_used_once");
    }

    @Test
    void theNewEndpointsAnswerAnonymousWrongRoleAndForeignScopeWith401And403() {
        Voter v = voterOnHomeList("1972-09-09");
        long id = consularA.post("/api/v1/abroad-applications", application(v, abroadA, "ABROAD_CONSULAR", null, null))
                .json().get("id").asLong();
        Api anonymous = Api.anonymous(port);
        String approval = "/api/v1/abroad-applications/" + id + "/approval";
        String rejection = "/api/v1/abroad-applications/" + id + "/rejection";
        String list = "/api/v1/abroad-applications?status=PENDING&reason=deciding+applications";

        Map<String, Integer> statuses = new LinkedHashMap<>();
        statuses.put("anonymous submit", anonymous.post("/api/v1/abroad-applications", application(v, abroadA, "ABROAD_CONSULAR", null, null)).status());
        statuses.put("pec submit", pecHome.post("/api/v1/abroad-applications", application(v, abroadA, "ABROAD_CONSULAR", null, null)).status());
        statuses.put("csl-b submit for mission A", consularB.post("/api/v1/abroad-applications", application(v, abroadA, "ABROAD_CONSULAR", null, null)).status());
        statuses.put("anonymous list", anonymous.get(list).status());
        statuses.put("auditor list", auditor.get(list).status());
        statuses.put("anonymous approval", anonymous.post(approval, Map.of()).status());
        statuses.put("pec approval", pecHome.post(approval, Map.of()).status());
        statuses.put("auditor approval", auditor.post(approval, Map.of()).status());
        statuses.put("csl-b approval", consularB.post(approval, Map.of()).status());
        statuses.put("anonymous rejection", anonymous.post(rejection, Map.of("reason", "no")).status());
        statuses.put("pec rejection", pecHome.post(rejection, Map.of("reason", "not eligible")).status());
        statuses.put("anonymous issue", anonymous.post("/api/v1/transfer-certificates", Map.of("voterId", v.id)).status());
        statuses.put("auditor issue", auditor.post("/api/v1/transfer-certificates", Map.of("voterId", v.id)).status());
        statuses.put("pec-other issue", pecOther.post("/api/v1/transfer-certificates", Map.of("voterId", v.id)).status());
        statuses.put("csl-a issue", consularA.post("/api/v1/transfer-certificates", Map.of("voterId", v.id)).status());
        statuses.put("anonymous use", anonymous.post("/api/v1/transfer-certificates/TC-00000001/use",
                Map.of("nationalId", v.nationalId, "stationId", other.id().value())).status());
        statuses.put("pec-home use at other station", pecHome.post("/api/v1/transfer-certificates/TC-00000001/use",
                Map.of("nationalId", v.nationalId, "stationId", other.id().value())).status());
        statuses.put("csl-a list", consularA.get(list).status());
        String addHome = "/api/v1/stations/" + home.id().value() + "/supplementary-additions";
        String addAbroadA = "/api/v1/stations/" + abroadA.id().value() + "/supplementary-additions";
        Map<String, Object> addition = Map.of("nationalId", v.nationalId, "reason", "lives in the station's area",
                "electionId", election.election().id().value());
        statuses.put("anonymous add", anonymous.post(addHome, addition).status());
        statuses.put("auditor add", auditor.post(addHome, addition).status());
        statuses.put("pec-other add at home", pecOther.post(addHome, addition).status());
        statuses.put("csl-a add at home", consularA.post(addHome, addition).status());
        statuses.put("csl-b add at mission A", consularB.post(addAbroadA, addition).status());
        // allowed callers pass authorization and meet the time rule: this election is not polling (REG-141)
        statuses.put("pec-home add at home", pecHome.post(addHome, addition).status());
        statuses.put("csl-a add at mission A", consularA.post(addAbroadA, addition).status());

        assertThat(statuses).isEqualTo(Map.ofEntries(
                Map.entry("anonymous submit", 401), Map.entry("pec submit", 403), Map.entry("csl-b submit for mission A", 403),
                Map.entry("anonymous list", 401), Map.entry("auditor list", 403),
                Map.entry("anonymous approval", 401), Map.entry("pec approval", 403), Map.entry("auditor approval", 403),
                Map.entry("csl-b approval", 403), Map.entry("anonymous rejection", 401), Map.entry("pec rejection", 403),
                Map.entry("anonymous issue", 401), Map.entry("auditor issue", 403), Map.entry("pec-other issue", 403),
                Map.entry("csl-a issue", 403), Map.entry("anonymous use", 401), Map.entry("pec-home use at other station", 403),
                Map.entry("csl-a list", 200), Map.entry("anonymous add", 401), Map.entry("auditor add", 403),
                Map.entry("pec-other add at home", 403), Map.entry("csl-a add at home", 403),
                Map.entry("csl-b add at mission A", 403), Map.entry("pec-home add at home", 409),
                Map.entry("csl-a add at mission A", 409)));
        assertThat(pecHome.post(addHome, addition).json().get("ruleCode").asString()).isEqualTo("REG-141");
        assertThat(activeStations(v.id)).containsExactly(home.id().value());
        var listed = consularA.get(list);
        assertThat(listed.body()).contains(v.nationalId).doesNotContain("\"stationId\":" + abroadB.id().value() + ",");
        assertThat(jdbc.sql("SELECT count(*) FROM personal_data_access WHERE what = 'ABROAD_APPLICATIONS' AND actor LIKE 'mv-%csl-a'")
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void thePublicFormAnswersTheSameWhoeverTheIdBelongsToAndFilesOnlyAVotersApplication() {
        Voter v = voterOnHomeList("1973-10-10");
        long before = jdbc.sql("SELECT count(*) FROM abroad_application").query(Long.class).single();
        var form = new VotingAbroad.NewApplication(v.nationalId, abroadA.id().value(), "ABROAD_CONSULAR", null, null);

        var voter = abroad.submitPublic(form, "1973-10-10");
        var wrongBirthDate = abroad.submitPublic(form, "1973-10-11");
        var unknown = abroad.submitPublic(new VotingAbroad.NewApplication(nationalId(), abroadA.id().value(), "ABROAD_CONSULAR", null, null), "1973-10-10");
        var pendingAlready = abroad.submitPublic(form, "1973-10-10");
        var domesticStation = abroad.submitPublic(new VotingAbroad.NewApplication(v.nationalId, home.id().value(), "ABROAD_CONSULAR", null, null), "1973-10-10");

        assertThat(List.of(voter, wrongBirthDate, unknown, pendingAlready)).allMatch(o -> o instanceof VotingAbroad.PublicOutcome.Received);
        assertThat(domesticStation).isInstanceOfSatisfying(VotingAbroad.PublicOutcome.Invalid.class,
                i -> assertThat(i.problems()).extracting(p -> p.ruleCode()).containsExactly("REG-054"));
        assertThat(jdbc.sql("SELECT count(*) FROM abroad_application").query(Long.class).single()).isEqualTo(before + 1);
        assertThat(jdbc.sql("SELECT channel FROM abroad_application WHERE voter_id = ?").param(v.id).query(String.class).single())
                .isEqualTo("PUBLIC");
    }

    @Test
    void thePublicFormPageListsStationsAbroadByCountryAndRefusesAPostWithoutCsrf() {
        Api anonymous = Api.anonymous(port);

        var page = anonymous.get("/vote-abroad");
        var post = anonymous.postRaw("/vote-abroad", "application/x-www-form-urlencoded",
                "nationalId=123456789&dateOfBirth=1970-01-01&stationId=" + abroadA.id().value() + "&reason=ABROAD_CONSULAR");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<optgroup label=\"" + abroadA.abroad().hostCountry() + "\">",
                "value=\"" + abroadA.id().value() + "\"", "name=\"_csrf\"").doesNotContain("value=\"" + home.id().value() + "\"");
        assertThat(post.status()).isEqualTo(403);
    }

    @Test
    void thePublicFormIsRateLimitedLikeTheLookup() {
        int status = 0;
        org.springframework.mock.web.MockHttpServletResponse response = null;
        for (int i = 0; i < 40 && status != 429; i++) {
            var request = new org.springframework.mock.web.MockHttpServletRequest("POST", "/vote-abroad");
            request.setRemoteAddr("192.0.2.44");
            response = new org.springframework.mock.web.MockHttpServletResponse();
            var model = new org.springframework.ui.ExtendedModelMap();
            pages.apply(nationalId(), "1970-01-01", abroadA.id().value(), "ABROAD_CONSULAR", null, null, request, response, model);
            status = response.getStatus();
        }

        assertThat(status).isEqualTo(429);
        assertThat(response.getHeader("Retry-After")).isNotNull();
    }

    record Voter(long id, String nationalId) {
    }

    private Voter voterOnHomeList(String dob) {
        String id = nationalId();
        var r = admin.postRaw("/api/v1/register/imports", "text/csv", RegisterCsv.HEADER + "\n" + id
                + ",Quliyev,Rauf,Anar oglu," + dob + ",M," + region + "," + settlement + ",Nizami street,4,,,,ACTIVE,,\n");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long voter = jdbc.sql("SELECT id FROM voter WHERE national_id = ?").param(id).query(Long.class).single();
        jdbc.sql("INSERT INTO registration (election_id, voter_id, station_id, reason) VALUES (?, ?, ?, 'RESIDENCE')")
                .params(election.election().id().value(), voter, home.id().value()).update();
        return new Voter(voter, id);
    }

    private Map<String, Object> application(Voter v, PollingStation station, String reason, LocalDate from, LocalDate to) {
        Map<String, Object> body = new HashMap<>(Map.of("nationalId", v.nationalId, "stationId", station.id().value(), "reason", reason));
        body.put("tripFrom", from == null ? null : from.toString());
        body.put("tripTo", to == null ? null : to.toString());
        return body;
    }

    private List<Long> activeStations(long voter) {
        return jdbc.sql("SELECT station_id FROM registration WHERE voter_id = ? AND election_id = ? AND active")
                .params(voter, election.election().id().value()).query(Long.class).list();
    }

    private long count(PollingStation station) {
        return jdbc.sql("SELECT count(*) FROM registration WHERE election_id = ? AND station_id = ? AND active")
                .params(election.election().id().value(), station.id().value()).query(Long.class).single();
    }

    private List<String> audits(long voter) {
        return jdbc.sql("SELECT type FROM audit_event WHERE subject = ? ORDER BY intake_id").param("voter:" + voter).query(String.class).list();
    }

    private String nationalId() {
        String digits = String.format("%08d", random.nextInt(100_000_000));
        return digits + SyntheticPeople.luhn(digits);
    }

    private Api staff(String run, String name, String role, String scopeKind, Long scopeId) {
        Map<String, Object> body = new HashMap<>(Map.of("username", "mv-" + run + "-" + name, "displayName", name,
                "role", role, "scopeKind", scopeKind, "password", PASSWORD));
        body.put("scopeId", scopeId);
        var r = admin.post("/api/v1/staff", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return Api.as(port, "mv-" + run + "-" + name, PASSWORD);
    }
}
