package org.electora.registry.internal.register;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.electora.election.ElectionAction;
import org.electora.geography.PollingStation;
import org.electora.registry.VoterStatusLifecycle.Action;
import org.electora.registry.VoterStatusLifecycle.Status;
import org.electora.registry.VoterStatusLifecycleTest;
import org.electora.registry.internal.SyntheticPeople;
import org.electora.support.Api;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A voter's status over real HTTP and PostgreSQL: every status × action through the API, the lists a voter leaves,
 * bad input with its rule codes, and the database's own refusal of a non-active voter on a list.
 */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VoterStatusTest {

    private static final String PASSWORD = "status password 1";
    private static final long SEED = 11_2026L;

    @LocalServerPort int port;
    @Autowired ElectionFixture fixture;
    @Autowired RegisterReference reference;
    @Autowired JdbcClient jdbc;

    private final SplittableRandom random = new SplittableRandom(SEED);
    private ElectionFixture.Counting polling;
    private ElectionFixture.Counting preparing;
    private Api admin;
    private PollingStation home;
    private String region;
    private String settlement;
    private final String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();

    @BeforeAll
    void setUp() {
        System.out.println("VoterStatusTest seed " + SEED);
        // polls open in the first election: its lists are history; the second is in preparation
        polling = fixture.election(LocalDate.now(ZoneOffset.UTC).minusDays(1), ElectionAction.START_CAMPAIGN,
                ElectionAction.OPEN_POLLS);
        preparing = fixture.election(LocalDate.now(ZoneOffset.UTC).plusDays(40));
        admin = Api.admin(port);
        home = preparing.domestic().get(2);
        SeededSettlement first = SeededSettlement.first(reference, jdbc, preparing.map().id().value());
        region = first.region();
        settlement = first.name();
    }

    @Test
    void everyStatusAndActionThroughTheApiMovesAsTheTableSaysOrIsRefusedWithReg100() {
        Map<Status, Action> into = Map.of(Status.DECEASED, Action.DECLARE_DECEASED, Status.DEPRIVED, Action.DEPRIVE_BY_COURT,
                Status.REMOVED, Action.REMOVE);
        List<long[]> voters = votersOnList(Status.values().length * Action.values().length, "1970-01-01");
        int next = 0;
        for (Status from : Status.values()) {
            for (Action action : Action.values()) {
                long voter = voters.get(next++)[0];
                if (from != Status.ACTIVE) {
                    var r = admin.post(path(voter), body(into.get(from), "setting up " + from, yesterday, "court 1/2026"));
                    assertThat(r.status()).as(r.body()).isEqualTo(201);
                }
                Status expected = VoterStatusLifecycleTest.EXPECTED.get(from).get(action);

                var r = admin.post(path(voter), body(action, "because of " + action, yesterday, "court 2/2026"));

                if (expected == null) {
                    assertThat(r.status()).as("%s × %s: %s", from, action, r.body()).isEqualTo(409);
                    assertThat(r.json().get("ruleCode").asString()).isEqualTo("REG-100");
                    assertThat(status(voter)).isEqualTo(from.name());
                } else {
                    assertThat(r.status()).as("%s × %s: %s", from, action, r.body()).isEqualTo(201);
                    assertThat(r.json().get("to").asString()).isEqualTo(expected.name());
                    assertThat(status(voter)).isEqualTo(expected.name());
                    assertThat(audits(voter)).last().isEqualTo("register.voter-status-changed");
                }
                if (VoterStatusLifecycleTest.EXPECTED.get(from).get(action) != Status.ACTIVE && status(voter).equals("ACTIVE")) {
                    assertThat(activeStations(voter, preparing)).containsExactly(home.id().value());
                } else if (!status(voter).equals("ACTIVE")) {
                    assertThat(activeStations(voter, preparing)).isEmpty();
                }
            }
        }
    }

    @Test
    void aVoterDeclaredDeceasedLeavesTheListInPreparationButNotTheListOfAnElectionWhosePollsAreOpen() {
        long[] v = votersOnList(1, "1950-05-05").getFirst();
        long voter = v[0];
        PollingStation pollingHome = polling.domestic().get(2);
        jdbc.sql("INSERT INTO registration (election_id, voter_id, station_id, reason) VALUES (?, ?, ?, 'RESIDENCE')")
                .params(polling.election().id().value(), voter, pollingHome.id().value()).update();

        var r = admin.post(path(voter), body(Action.DECLARE_DECEASED, "death certificate 4711", yesterday, null));

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("struckOff")).hasSize(1);
        assertThat(activeStations(voter, preparing)).isEmpty();
        assertThat(activeStations(voter, polling)).containsExactly(pollingHome.id().value());
        assertThat(jdbc.sql("SELECT status FROM registration WHERE voter_id = ? AND election_id = ?")
                .params(voter, preparing.election().id().value()).query(String.class).single()).isEqualTo("STRUCK_OFF");
        assertThat(jdbc.sql("SELECT status_reason || '|' || status_date FROM voter WHERE id = ?").param(voter)
                .query(String.class).single()).isEqualTo("death certificate 4711|" + yesterday);
        assertThat(jdbc.sql("SELECT action || '|' || from_status || '|' || to_status || '|' || registrations_ended FROM voter_status_change WHERE voter_id = ?")
                .param(voter).query(String.class).list()).containsExactly("DECLARE_DECEASED|ACTIVE|DECEASED|1");
    }

    @Test
    void aCourtDecisionAndItsReversalCarryTheirReferencesAndTheRestoredVoterIsActiveAgain() {
        long voter = votersOnList(1, "1961-06-06").getFirst()[0];

        var deprived = admin.post(path(voter), body(Action.DEPRIVE_BY_COURT, "incapacity ruling", "2025-01-10", "Baku court 2-117/2025"));
        var restored = admin.post(path(voter), body(Action.RESTORE_BY_COURT, "ruling overturned", "2025-09-01", "Supreme court 1-9/2025"));

        assertThat(deprived.status()).as(deprived.body()).isEqualTo(201);
        assertThat(restored.status()).as(restored.body()).isEqualTo(201);
        assertThat(status(voter)).isEqualTo("ACTIVE");
        assertThat(jdbc.sql("SELECT decision_reference FROM voter_status_change WHERE voter_id = ? ORDER BY id").param(voter)
                .query(String.class).list()).containsExactly("Baku court 2-117/2025", "Supreme court 1-9/2025");
    }

    @Test
    void badInputIsRefusedWithARuleCodePerProblemAndChangesNothing() {
        long voter = votersOnList(1, "1980-08-08").getFirst()[0];
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();

        assertThat(problem(admin.post(path(voter), body(Action.DECLARE_DECEASED, "", yesterday, null)), 422)).contains("REG-102");
        assertThat(problem(admin.post(path(voter), body(Action.DECLARE_DECEASED, "certificate", tomorrow, null)), 422)).contains("REG-104");
        assertThat(problem(admin.post(path(voter), body(Action.DECLARE_DECEASED, "certificate", "05.11.2025", null)), 422)).contains("REG-103");
        assertThat(problem(admin.post(path(voter), body(Action.DECLARE_DECEASED, "certificate", null, null)), 422)).contains("REG-103");
        assertThat(problem(admin.post(path(voter), body(Action.DECLARE_DECEASED, "certificate", "1979-01-01", null)), 422)).contains("REG-105");
        assertThat(problem(admin.post(path(voter), body(Action.DEPRIVE_BY_COURT, "ruling", yesterday, " ")), 422)).contains("REG-106");
        Map<String, Object> unknown = new HashMap<>(body(Action.REMOVE, "x", tomorrow, null));
        unknown.put("action", "BANISH");
        assertThat(problem(admin.post(path(voter), unknown), 422)).contains("REG-101", "REG-102", "REG-104");
        Map<String, Object> stale = new HashMap<>(body(Action.REMOVE, "lost citizenship", yesterday, null));
        stale.put("version", 999);
        assertThat(problem(admin.post(path(voter), stale), 409)).contains("REG-108");
        assertThat(problem(admin.post(path(999_999_999L), body(Action.REMOVE, "lost citizenship", yesterday, null)), 404)).contains("REG-107");

        assertThat(status(voter)).isEqualTo("ACTIVE");
        assertThat(activeStations(voter, preparing)).containsExactly(home.id().value());
        assertThat(jdbc.sql("SELECT count(*) FROM voter_status_change WHERE voter_id = ?").param(voter).query(Long.class).single()).isZero();
    }

    @Test
    void onlyTheCecChangesAVotersStatus() {
        long voter = votersOnList(1, "1982-02-02").getFirst()[0];
        String run = UUID.randomUUID().toString().substring(0, 8);
        Api constituency = staff(run, "con", "CONSTITUENCY_OPERATOR", "CONSTITUENCY", home.constituencyId().value());
        Api auditor = staff(run, "aud", "AUDITOR", "NATIONAL", null);

        assertThat(constituency.post(path(voter), body(Action.DECLARE_DECEASED, "certificate", yesterday, null)).status()).isEqualTo(403);
        assertThat(auditor.post(path(voter), body(Action.DECLARE_DECEASED, "certificate", yesterday, null)).status()).isEqualTo(403);
        assertThat(Api.anonymous(port).post(path(voter), body(Action.DECLARE_DECEASED, "certificate", yesterday, null)).status()).isIn(401, 403);
        assertThat(status(voter)).isEqualTo("ACTIVE");
    }

    @Test
    void theDatabaseRefusesANonActiveVoterOnAListInPreparation() {
        long voter = votersOnList(1, "1975-03-03").getFirst()[0];

        assertThatThrownBy(() -> jdbc.sql("UPDATE voter SET status = 'DECEASED', status_reason = 'x', status_date = current_date WHERE id = ?")
                .param(voter).update()).isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("still on a list");
        assertThat(status(voter)).isEqualTo("ACTIVE");

        admin.post(path(voter), body(Action.REMOVE, "lost citizenship", yesterday, null));
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO registration (election_id, voter_id, station_id, reason) VALUES (?, ?, ?, 'RESIDENCE')")
                .params(polling.election().id().value(), voter, polling.domestic().get(3).id().value()).update())
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("not active");
    }

    @Test
    void aCertificateHeldByAVoterWhoDiedIsNotUsedAndAnswersReg109() {
        long[] v = votersOnList(1, "1966-06-16").getFirst();
        var issued = admin.post("/api/v1/transfer-certificates", Map.of("voterId", v[0], "electionId", preparing.election().id().value()));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        assertThat(admin.post(path(v[0]), body(Action.DECLARE_DECEASED, "certificate 99", yesterday, null)).status()).isEqualTo(201);

        var used = admin.post("/api/v1/transfer-certificates/" + issued.json().get("number").asString() + "/use",
                Map.of("nationalId", nationalIdOf(v[0]), "stationId", preparing.domestic().get(5).id().value()));

        assertThat(problem(used, 409)).contains("REG-109");
        assertThat(activeStations(v[0], preparing)).isEmpty();
    }

    @Test
    void anImportThatRecordsADeathStrikesTheVoterOffTheListInTheSameTransaction() {
        long voter = votersOnList(1, "1944-04-04").getFirst()[0];
        String id = nationalIdOf(voter);

        var r = admin.postRaw("/api/v1/register/imports", "text/csv", RegisterCsv.HEADER + "\n" + id
                + ",Hasanov,Elvin,Kamal oglu,1944-04-04,M," + region + "," + settlement + ",Fuzuli street,9,,,,DECEASED,death registry,"
                + yesterday + "\n");

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(status(voter)).isEqualTo("DECEASED");
        assertThat(activeStations(voter, preparing)).isEmpty();
        assertThat(jdbc.sql("SELECT status FROM registration WHERE voter_id = ? AND election_id = ?")
                .params(voter, preparing.election().id().value()).query(String.class).single()).isEqualTo("STRUCK_OFF");
    }

    private static String problem(Api.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return r.body();
    }

    private static String path(long voter) {
        return "/api/v1/voters/" + voter + "/status-changes";
    }

    private static Map<String, Object> body(Action action, String reason, String date, String decision) {
        Map<String, Object> body = new HashMap<>();
        body.put("action", action.name());
        body.put("reason", reason);
        body.put("effectiveDate", date);
        body.put("decisionReference", decision);
        return body;
    }

    /** Imports {@code n} new voters and puts each on the home station's list of the election in preparation. */
    private List<long[]> votersOnList(int n, String dob) {
        var csv = new StringBuilder(RegisterCsv.HEADER).append('\n');
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String digits = String.format("%08d", random.nextInt(100_000_000));
            String id = digits + SyntheticPeople.luhn(digits);
            ids.add(id);
            csv.append(id).append(",Hasanov,Elvin,Kamal oglu,").append(dob).append(",M,").append(region).append(',')
                    .append(settlement).append(",Fuzuli street,9,,,,ACTIVE,,\n");
        }
        var r = admin.postRaw("/api/v1/register/imports", "text/csv", csv.toString());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        List<long[]> voters = new ArrayList<>();
        for (String id : ids) {
            long voter = jdbc.sql("SELECT id FROM voter WHERE national_id = ?").param(id).query(Long.class).single();
            jdbc.sql("INSERT INTO registration (election_id, voter_id, station_id, reason) VALUES (?, ?, ?, 'RESIDENCE')")
                    .params(preparing.election().id().value(), voter, home.id().value()).update();
            voters.add(new long[]{voter});
        }
        return voters;
    }

    private String nationalIdOf(long voter) {
        return jdbc.sql("SELECT national_id FROM voter WHERE id = ?").param(voter).query(String.class).single();
    }

    private String status(long voter) {
        return jdbc.sql("SELECT status FROM voter WHERE id = ?").param(voter).query(String.class).single();
    }

    private List<Long> activeStations(long voter, ElectionFixture.Counting election) {
        return jdbc.sql("SELECT station_id FROM registration WHERE voter_id = ? AND election_id = ? AND active")
                .params(voter, election.election().id().value()).query(Long.class).list();
    }

    private List<String> audits(long voter) {
        return jdbc.sql("SELECT type FROM audit_event WHERE subject = ? ORDER BY intake_id").param("voter:" + voter).query(String.class).list();
    }

    private Api staff(String run, String name, String role, String scopeKind, Long scopeId) {
        Map<String, Object> body = new HashMap<>(Map.of("username", "st-" + run + "-" + name, "displayName", name,
                "role", role, "scopeKind", scopeKind, "password", PASSWORD));
        body.put("scopeId", scopeId);
        var r = admin.post("/api/v1/staff", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return Api.as(port, "st-" + run + "-" + name, PASSWORD);
    }
}
