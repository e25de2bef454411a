package org.electora.election;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.electora.support.Api;
import org.electora.support.ElectoraIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@ElectoraIntegrationTest
class ElectionAdministrationApiTest {

    private static final String CIS = "CIS-PRESIDENTIAL-2024";
    /** A tiny map of our own: one station at home, three abroad in zones that close at very different instants. */
    private static final String MAP_CSV = """
            level,code,parent,number,name,address,latitude,longitude,capacity,kind,resettled_area,host_country,mission,time_zone
            region,EA-R1,,,Election test region,,,,,,,,,
            constituency,EA-C1,EA-R1,1,Election test constituency,,,,,,,,,
            station,EA-S1,EA-C1,1,Home station,1 Main street,,,,regular,,,,
            station,EA-S2,EA-C1,2,Tokyo station,Embassy in Tokyo,,,,regular,,JP,EA Embassy in Tokyo,Asia/Tokyo
            station,EA-S3,EA-C1,3,Washington station,Embassy in Washington,,,,regular,,US,EA Embassy in Washington,America/New_York
            station,EA-S4,EA-C1,4,London station,Embassy in London,,,,regular,,GB,EA Embassy in London,Europe/London
            """;

    private static Long mapVersion;
    private static Long constituency;

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired Elections elections;

    private Api admin;

    @BeforeEach
    void importMapOnce() {
        admin = Api.admin(port);
        if (mapVersion == null) {
            var imported = admin.postRaw("/api/v1/maps?country=AZ&name=Election+API+test+map", "text/csv", MAP_CSV);
            assertThat(imported.status()).as(imported.body()).isEqualTo(201);
            mapVersion = imported.json().get("version").asLong();
            constituency = admin.get("/api/v1/map/versions/" + mapVersion + "/constituencies").json().get(0).get("id").asLong();
        }
    }

    @Test
    void walksAnElectionThroughEveryStatusAndRefusesStepsOutOfTurnOrOnAStaleVersion() {
        // Two days ago: polls have closed at every station, so the walk reaches counting and certification.
        long id = createElection("Walk-through election", LocalDate.now(ZoneOffset.UTC).minusDays(2));
        assertThat(status(id)).isEqualTo("DRAFT");

        Api.Response outOfTurn = transition(id, "OPEN_POLLS", 0);
        assertThat(outOfTurn.status()).isEqualTo(409);
        assertThat(outOfTurn.json().get("ruleCode").asString()).isEqualTo("ELE-010");

        assertThat(transition(id, "CALL", 0).status()).isEqualTo(200);
        Api.Response stale = transition(id, "OPEN_NOMINATIONS", 0);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("ruleCode").asString()).isEqualTo("ELE-409");

        int version = 1;
        for (String action : List.of("OPEN_NOMINATIONS", "START_CAMPAIGN", "OPEN_POLLS", "CLOSE_POLLS", "CERTIFY_RESULTS")) {
            Api.Response moved = transition(id, action, version);
            assertThat(moved.status()).as(action + ": " + moved.body()).isEqualTo(200);
            version = moved.json().get("version").asInt();
        }
        assertThat(status(id)).isEqualTo("RESULTS_CERTIFIED");
        Api.Response afterCertification = transition(id, "CALL", version);
        assertThat(afterCertification.status()).isEqualTo(409);
        assertThat(afterCertification.json().get("ruleCode").asString()).isEqualTo("ELE-010");

        assertThat(auditCount("election.created", "election:" + id)).isEqualTo(1);
        assertThat(auditCount("election.status-changed", "election:" + id)).isEqualTo(6);
        assertThat(auditCount("election.transition-refused", "election:" + id)).isEqualTo(2);
    }

    /** Polls close for the election only once the last station of its map has closed by its own clock (ELE-012). */
    @Test
    void pollsDoNotCloseForTheElectionBeforeEveryStationHasClosed() {
        long id = createElection("Polling next year", LocalDate.now(ZoneOffset.UTC).plusYears(1));
        int version = 1;
        assertThat(transition(id, "CALL", 0).status()).isEqualTo(200);
        for (String action : List.of("OPEN_NOMINATIONS", "START_CAMPAIGN", "OPEN_POLLS")) {
            Api.Response moved = transition(id, action, version);
            assertThat(moved.status()).as(action + ": " + moved.body()).isEqualTo(200);
            version = moved.json().get("version").asInt();
        }
        Api.Response early = transition(id, "CLOSE_POLLS", version);
        assertThat(early.status()).as(early.body()).isEqualTo(409);
        assertThat(early.json().get("ruleCode").asString()).isEqualTo("ELE-012");
        assertThat(early.json().get("detail").asString()).startsWith("Stations are still polling: the last closes at 19:00 ");
        assertThat(status(id)).isEqualTo("POLLING");
        assertThat(auditCount("election.transition-refused", "election:" + id)).isEqualTo(1);
    }

    @Test
    void reportsEveryProblemOfANewElectionWithItsRuleCode() {
        var body = newElection("Broken election", LocalDate.of(2027, 3, 1));
        body.put("mapVersionId", 999_999);
        body.put("templateCode", "NO-SUCH-FORM");
        body.put("pollsOpen", "19:00");
        body.put("pollsClose", "08:00");
        Api.Response r = admin.post("/api/v1/elections", body);
        assertThat(r.status()).isEqualTo(422);
        List<String> codes = new ArrayList<>();
        r.json().get("problems").forEach(p -> codes.add(p.get("ruleCode").asString()));
        assertThat(codes).containsExactlyInAnyOrder("ELE-002", "ELE-003", "ELE-004");

        body = newElection("", LocalDate.of(2027, 3, 1));
        assertThat(admin.post("/api/v1/elections", body).status()).isEqualTo(422);
        body = newElection("Bad action", LocalDate.of(2027, 3, 1));
        long id = admin.post("/api/v1/elections", body).json().get("id").asLong();
        assertThat(admin.post("/api/v1/elections/" + id + "/transitions", Map.of("action", "REWIND", "version", 0)).status())
                .isEqualTo(400);
        assertThat(admin.get("/api/v1/elections/999999").status()).isEqualTo(404);
    }

    @Test
    void aPollingDayOutside1990To2200IsRefusedWithEle007AndCreatesNothing() {
        String name = "Far-off election " + java.util.UUID.randomUUID();
        long elections = jdbc.queryForObject("SELECT count(*) FROM election", Long.class);
        for (String day : List.of("+999999999-12-31", "-999999999-01-01", "2201-01-01", "1989-12-31", "0001-01-01")) {
            var body = newElection(name, LocalDate.of(2027, 3, 1));
            body.put("pollingDay", day);
            Api.Response r = admin.post("/api/v1/elections", body);
            assertThat(r.status()).as(day + ": " + r.body()).isEqualTo(422);
            assertThat(r.json().get("ruleCode").asString()).as(day).isEqualTo("ELE-007");
            assertThat(r.json().get("problems").get(0).get("field").asString()).isEqualTo("pollingDay");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM election", Long.class)).isEqualTo(elections);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM election WHERE name = ?", Long.class, name)).isZero();

        // The ends of the range are polling days like any other.
        assertThat(createElection(name + " first", LocalDate.of(1990, 1, 1))).isPositive();
        assertThat(createElection(name + " last", LocalDate.of(2200, 12, 31))).isPositive();
    }

    @Test
    void aMilestoneDoneMoreThanAYearBeforePollingDayIsRefusedWithEle008AndLeavesItOpen() {
        LocalDate pollingDay = LocalDate.now(ZoneId.of("Asia/Baku")).plusDays(30);
        long id = createElection("Early milestone election", pollingDay);
        for (String day : List.of("-999999999-01-01", "1900-01-01", pollingDay.minusYears(1).minusDays(1).toString())) {
            Api.Response r = admin.put("/api/v1/elections/" + id + "/calendar/CALL", Map.of("doneOn", day));
            assertThat(r.status()).as(day + ": " + r.body()).isEqualTo(422);
            assertThat(r.json().get("ruleCode").asString()).as(day).isEqualTo("ELE-008");
            assertThat(r.json().get("problems").get(0).get("field").asString()).isEqualTo("doneOn");
        }
        JsonNode call = milestone(Api.anonymous(port).get("/api/v1/elections/" + id + "/calendar").json(), "CALL");
        assertThat(call.get("doneOn") == null || call.get("doneOn").isNull()).as(call.toString()).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM milestone WHERE election_id = ? AND done_on IS NOT NULL",
                Long.class, id)).isZero();
        assertThat(auditCount("milestone.done", "election:" + id)).isZero();

        // A year before polling day is the earliest day a step can have been done.
        Api.Response earliest = admin.put("/api/v1/elections/" + id + "/calendar/CALL",
                Map.of("doneOn", pollingDay.minusYears(1).toString()));
        assertThat(earliest.status()).as(earliest.body()).isEqualTo(200);
        assertThat(earliest.json().get("progress").asString()).isEqualTo("DONE");
    }

    @Test
    void refusesEveryWriteToAStaffMemberWhoIsNotTheCecAdministrator() {
        long id = createElection("Guarded election", LocalDate.of(2027, 4, 1));
        long contest = firstContest(id);
        long candidate = nominate(id, contest, "Guarded", "Gulnara").get("id").asLong();
        Api.Response created = admin.post("/api/v1/staff", Map.of("username", "ea-operator", "displayName", "EA operator",
                "role", "CONSTITUENCY_OPERATOR", "scopeKind", "CONSTITUENCY", "scopeId", constituency,
                "password", "operator-password-1"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Api operator = Api.as(port, "ea-operator", "operator-password-1");

        List<Api.Response> attempts = List.of(
                operator.post("/api/v1/elections", newElection("Operator election", LocalDate.of(2027, 4, 1))),
                operator.post("/api/v1/elections/" + id + "/transitions", Map.of("action", "CALL", "version", 0)),
                operator.post("/api/v1/elections/" + id + "/contests", Map.of("name", "Second", "templateCode", CIS)),
                operator.post("/api/v1/elections/" + id + "/contests/" + contest + "/candidates",
                        Map.of("familyName", "X", "givenName", "Y", "nominatedBy", "Z")),
                operator.post("/api/v1/candidates/" + candidate + "/decisions", Map.of("action", "REGISTER", "version", 0)),
                operator.put("/api/v1/elections/" + id + "/calendar/CALL", Map.of("doneOn", "2027-01-01")));
        assertThat(attempts).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(403));
        assertThat(Api.anonymous(port).post("/api/v1/elections/" + id + "/transitions",
                Map.of("action", "CALL", "version", 0)).status()).isEqualTo(401);
        assertThat(status(id)).isEqualTo("DRAFT");
    }

    @Test
    void nominatesInBallotOrderRegistersAndRefusesOnlyWithStatedGrounds() {
        long id = createElection("Candidates election", LocalDate.of(2027, 5, 1));
        long contest = firstContest(id);
        JsonNode first = nominate(id, contest, "Mammadli", "Elnur");
        JsonNode second = nominate(id, contest, "Huseynzade", "Gulnar");
        assertThat(first.get("ballotOrder").asInt()).isEqualTo(1);
        assertThat(second.get("ballotOrder").asInt()).isEqualTo(2);
        assertThat(first.get("status").asString()).isEqualTo("NOMINATED");

        Api.Response registered = decide(first.get("id").asLong(), "REGISTER", null, 0);
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        assertThat(registered.json().get("status").asString()).isEqualTo("REGISTERED");

        long refusedId = second.get("id").asLong();
        Api.Response withoutGrounds = decide(refusedId, "REFUSE", "  ", 0);
        assertThat(withoutGrounds.status()).isEqualTo(422);
        assertThat(withoutGrounds.json().get("ruleCode").asString()).isEqualTo("CAN-001");
        Api.Response refused = decide(refusedId, "REFUSE", "Too few valid supporting signatures", 0);
        assertThat(refused.json().get("status").asString()).isEqualTo("REFUSED");
        assertThat(refused.json().get("reason").asString()).isEqualTo("Too few valid supporting signatures");
        Api.Response again = decide(refusedId, "REGISTER", null, 1);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("ruleCode").asString()).isEqualTo("CAN-002");
        assertThat(decide(first.get("id").asLong(), "WITHDRAW", "Personal reasons", 0).json().get("ruleCode").asString())
                .isEqualTo("ELE-409");

        JsonNode listed = Api.anonymous(port).get("/api/v1/elections/" + id + "/contests/" + contest + "/candidates").json();
        assertThat(listed.size()).isEqualTo(2);
        assertThat(listed.get(0).get("familyName").asString()).isEqualTo("Mammadli");
        assertThat(auditCount("candidate.nominated", "candidate:" + refusedId)).isEqualTo(1);
        assertThat(auditCount("candidate.registered", "candidate:" + first.get("id").asLong())).isEqualTo(1);
        assertThat(auditCount("candidate.refused", "candidate:" + refusedId)).isEqualTo(1);
    }

    @Test
    void generatesTheCalendarFromPollingDayAndMarkingAMilestoneDoneChangesItsProgress() {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Baku"));
        long id = createElection("Calendar election", today.plusDays(30));
        JsonNode calendar = Api.anonymous(port).get("/api/v1/elections/" + id + "/calendar").json();
        assertThat(calendar.get("milestones").size()).isEqualTo(18);
        assertThat(calendar.get("total").asInt()).isEqualTo(18);
        JsonNode call = milestone(calendar, "CALL");
        assertThat(call.get("due").asString()).isEqualTo(today.minusDays(30).toString());
        assertThat(call.get("progress").asString()).isEqualTo("LATE");
        assertThat(milestone(calendar, "POLLING_DAY").get("progress").asString()).isEqualTo("OPEN");

        Api.Response marked = admin.put("/api/v1/elections/" + id + "/calendar/CALL", Map.of("doneOn", today.toString()));
        assertThat(marked.status()).as(marked.body()).isEqualTo(200);
        assertThat(marked.json().get("progress").asString()).isEqualTo("DONE");
        calendar = Api.anonymous(port).get("/api/v1/elections/" + id + "/calendar").json();
        assertThat(milestone(calendar, "CALL").get("progress").asString()).isEqualTo("DONE");
        assertThat(calendar.get("done").asInt()).isEqualTo(1);

        Api.Response future = admin.put("/api/v1/elections/" + id + "/calendar/CALENDAR",
                Map.of("doneOn", today.plusDays(1).toString()));
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.json().get("ruleCode").asString()).isEqualTo("ELE-005");
        var reopen = new HashMap<String, Object>();
        reopen.put("doneOn", null);
        assertThat(admin.put("/api/v1/elections/" + id + "/calendar/CALL", reopen).json().get("progress").asString())
                .isEqualTo("LATE");
        assertThat(admin.put("/api/v1/elections/" + id + "/calendar/NO_SUCH", reopen).status()).isEqualTo(404);
        assertThat(auditCount("milestone.done", "election:" + id)).isEqualTo(1);
        assertThat(auditCount("milestone.reopened", "election:" + id)).isEqualTo(1);
    }

    @Test
    void protocolTemplatesReadBackFromTheTablesEqualTheBuiltInOnes() {
        assertThat(elections.template(CIS)).contains(ProtocolTemplates.cisPresidential());
        assertThat(elections.templates()).containsAll(ProtocolTemplates.builtIn());
        Api.Response r = Api.anonymous(port).get("/api/v1/protocol-templates/RU-PRESIDENTIAL-2018");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("relations").size()).isEqualTo(3);
        assertThat(r.json().get("shareDenominatorLines").get(1).asInt()).isEqualTo(10);
        assertThat(Api.anonymous(port).get("/api/v1/protocol-templates/NOPE").status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE type = 'protocol-template.seeded'",
                Long.class)).isEqualTo(2);
    }

    @Test
    void overviewPageShowsCandidatesCalendarAndProtocolFormInEveryLanguage() {
        long id = createElection("Overview election", LocalDate.now(ZoneId.of("Asia/Baku")).plusDays(10));
        nominate(id, firstContest(id), "Nuriyeva", "Sevinj");
        Api anonymous = Api.anonymous(port);
        Api.Response page = anonymous.get("/elections/" + id + "?lang=en");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Overview election", "Nuriyeva Sevinj", "08:00–19:00 local time at every station",
                "CIS-01", "L3 = L4 + L5 + L6 + L11", "status-LATE", "/map?version=" + mapVersion, "Draft");
        assertThat(anonymous.get("/elections/" + id + "?lang=ru").body()).contains("Черновик", "Календарный план");
        assertThat(anonymous.get("/elections/" + id + "?lang=az").body()).contains("Layihə", "Seçki tədbirləri təqvimi");
        assertThat(anonymous.get("/elections?lang=en").body()).contains("Overview election");
        assertThat(anonymous.get("/elections/999999").status()).isEqualTo(404);
    }

    @Test
    void stationsAbroadPageListsCountriesInTheOrderPollsCloseWithCapitalTimes() {
        long id = createElection("Abroad election", LocalDate.of(2027, 2, 10));
        Api.Response page = Api.anonymous(port).get("/map/abroad?election=" + id + "&lang=ru");
        assertThat(page.status()).isEqualTo(200);
        String body = page.body();
        assertThat(body).contains("id=\"stations-abroad\"", "Asia/Tokyo", "America/New_York", "Europe/London",
                "EA Embassy in Tokyo", "Япония", "Великобритания", "Соединенные Штаты");
        // 19:00 in Tokyo is 14:00 in Baku; in London 23:00; in Washington 04:00 the next day.
        assertThat(body).contains("14:00", "23:00", "04:00");
        assertThat(body.indexOf("Asia/Tokyo")).isLessThan(body.indexOf("Europe/London"));
        assertThat(body.indexOf("Europe/London")).isLessThan(body.indexOf("America/New_York"));
        assertThat(Api.anonymous(port).get("/map/abroad?lang=en").status()).isEqualTo(200);
        // In 2027 every station is still open; two days ago's election has closed everywhere (local time now with its date).
        assertThat(body).contains("19:00 · <span class=\"status-polling\">открыт</span>").doesNotContain("status-closed");
        long past = createElection("Closed abroad", LocalDate.now(java.time.ZoneOffset.UTC).minusDays(2));
        String closed = Api.anonymous(port).get("/map/abroad?election=" + past + "&lang=en").body();
        assertThat(closed).contains("19:00 · <span class=\"status-closed\">closed</span>").doesNotContain("status-polling");
    }

    private long createElection(String name, LocalDate pollingDay) {
        Api.Response r = admin.post("/api/v1/elections", newElection(name, pollingDay));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private Map<String, Object> newElection(String name, LocalDate pollingDay) {
        var body = new HashMap<String, Object>();
        body.put("name", name);
        body.put("type", "PRESIDENTIAL");
        body.put("extraordinary", true);
        body.put("pollingDay", pollingDay.toString());
        body.put("pollsOpen", "08:00");
        body.put("pollsClose", "19:00");
        body.put("mapVersionId", mapVersion);
        body.put("contestName", "President of the Republic");
        body.put("templateCode", CIS);
        return body;
    }

    private long firstContest(long election) {
        return Api.anonymous(port).get("/api/v1/elections/" + election + "/contests").json().get(0).get("id").asLong();
    }

    private JsonNode nominate(long election, long contest, String family, String given) {
        Api.Response r = admin.post("/api/v1/elections/" + election + "/contests/" + contest + "/candidates",
                Map.of("familyName", family, "givenName", given, "patronymic", "Test oglu", "nominatedBy", "Test Party"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private Api.Response decide(long candidate, String action, String reason, int version) {
        var body = new HashMap<String, Object>();
        body.put("action", action);
        body.put("reason", reason);
        body.put("version", version);
        return admin.post("/api/v1/candidates/" + candidate + "/decisions", body);
    }

    private Api.Response transition(long election, String action, int version) {
        return admin.post("/api/v1/elections/" + election + "/transitions", Map.of("action", action, "version", version));
    }

    private String status(long election) {
        return Api.anonymous(port).get("/api/v1/elections/" + election).json().get("status").asString();
    }

    private static JsonNode milestone(JsonNode calendar, String code) {
        for (JsonNode m : calendar.get("milestones")) {
            if (m.get("code").asString().equals(code)) {
                return m;
            }
        }
        throw new AssertionError("no milestone " + code);
    }

    private long auditCount(String type, String subject) {
        return jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE type = ? AND subject = ?", Long.class, type, subject);
    }
}
