package org.electora.accreditation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.electora.support.Api;
import org.electora.support.ElectoraIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The foreign ministry's meetings with heads of missions and their follow-ups, over the API. */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MissionLiaisonTest {

    private static final String MEETINGS = "/api/v1/accreditation/liaison/meetings";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    private AccreditationData data;
    private Api officer;
    private AccreditationData.Org osce;
    private AccreditationData.Org cis;
    private final LocalDate meetingDay = AccreditationData.today().minusDays(3);

    @BeforeAll
    void organisations() {
        data = AccreditationData.asNewOfficer(port);
        officer = data.officer();
        osce = data.organisation("Liaison OSCE", "INTERNATIONAL_ORGANISATION", "PL");
        cis = data.organisation("Liaison CIS", "INTERNATIONAL_ORGANISATION", "RU");
    }

    private Map<String, Object> meeting(LocalDate heldOn, List<Long> organisations, List<Map<String, Object>> followUps) {
        Map<String, Object> body = new HashMap<>();
        body.put("heldOn", heldOn == null ? null : heldOn.toString());
        body.put("place", "Ministry, room 4");
        body.put("participants", List.of("Head of the OSCE/ODIHR mission", "Deputy Minister of Foreign Affairs"));
        body.put("organisationIds", organisations);
        body.put("topics", List.of("Deployment of long-term observers", "Visas for short-term observers"));
        body.put("notes", "Agreed to meet again after polling day.");
        body.put("followUps", followUps);
        return body;
    }

    private static Map<String, Object> followUp(String action, String owner, LocalDate due) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("action", action);
        f.put("owner", owner);
        f.put("dueOn", due == null ? null : due.toString());
        return f;
    }

    private static List<String> codes(Api.Response r) {
        List<String> codes = new ArrayList<>();
        JsonNode problems = r.json().get("problems");
        if (problems != null) {
            problems.forEach(p -> codes.add(p.get("ruleCode").asString()));
        }
        return codes;
    }

    @Test
    void recordsAMeetingWithItsOrganisationsAndFollowUpsAndAuditsIt() {
        Api.Response r = officer.post(MEETINGS, meeting(meetingDay, List.of(osce.id(), cis.id()),
                List.of(followUp("Send the list of stations abroad", "Consular department", meetingDay.plusDays(5)))));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode m = r.json();
        long id = m.get("id").asLong();
        assertThat(r.headers().firstValue("Location")).contains(MEETINGS + "/" + id);
        assertThat(m.get("heldOn").asString()).isEqualTo(meetingDay.toString());
        assertThat(m.get("organisations")).hasSize(2);
        assertThat(m.get("topics")).hasSize(2);
        assertThat(m.get("followUps").get(0).get("status").asString()).isEqualTo("OPEN");
        assertThat(m.get("recordedBy").asString()).startsWith("acc-reports-");

        JsonNode read = officer.get(MEETINGS + "/" + id).json();
        assertThat(read.get("participants").get(0).asString()).isEqualTo("Head of the OSCE/ODIHR mission");
        List<Long> forOsce = new ArrayList<>();
        officer.get(MEETINGS + "?organisationId=" + osce.id()).json().forEach(x -> forOsce.add(x.get("id").asLong()));
        assertThat(forOsce).contains(id);

        record Event(String type, String actor, String payload) {
        }
        List<Event> events = jdbc.sql("SELECT type, actor, payload FROM audit_event WHERE subject = ? ORDER BY intake_id")
                .param("accreditation-liaison-meeting:" + id).query(Event.class).list();
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().type()).isEqualTo("accreditation.liaison.meeting.recorded");
        assertThat(events.getFirst().actor()).startsWith("acc-reports-");
        assertThat(events.getFirst().payload()).as("no names in the audit log").doesNotContain("Deputy Minister");
    }

    @Test
    void refusesAFollowUpDueBeforeTheMeetingWithAcc162AndWritesNothing() {
        long meetings = jdbc.sql("SELECT count(*) FROM accreditation_liaison_meeting").query(Long.class).single();
        Api.Response r = officer.post(MEETINGS, meeting(meetingDay, List.of(osce.id()),
                List.of(followUp("Too early", "Protocol", meetingDay.minusDays(1)))));
        assertThat(r.status()).isEqualTo(422);
        assertThat(codes(r)).containsExactly("ACC-162");
        assertThat(jdbc.sql("SELECT count(*) FROM accreditation_liaison_meeting").query(Long.class).single()).isEqualTo(meetings);
    }

    @Test
    void refusesAnUnknownOrganisationWithAcc161() {
        Api.Response r = officer.post(MEETINGS, meeting(meetingDay, List.of(osce.id(), 987_654_321L), List.of()));
        assertThat(r.status()).isEqualTo(422);
        assertThat(codes(r)).containsExactly("ACC-161");
        assertThat(r.body()).contains("987654321");
    }

    @Test
    void reportsEveryMissingFieldAtOnce() {
        Map<String, Object> body = new HashMap<>();
        body.put("followUps", List.of(followUp(" ", null, null)));
        Api.Response r = officer.post(MEETINGS, body);
        assertThat(r.status()).isEqualTo(422);
        assertThat(codes(r)).containsExactlyInAnyOrder("ACC-160", "ACC-160", "ACC-160", "ACC-160", "ACC-163", "ACC-163", "ACC-163");
    }

    @Test
    void refusesOverlongTextWithAcc166() {
        Map<String, Object> body = meeting(meetingDay, List.of(osce.id()), List.of());
        body.put("topics", List.of("x".repeat(501)));
        Api.Response r = officer.post(MEETINGS, body);
        assertThat(r.status()).isEqualTo(422);
        assertThat(codes(r)).containsExactly("ACC-166");
    }

    @Test
    void aFollowUpIsAddedLaterMarkedDoneOnceAndReopened() {
        long meetingId = officer.post(MEETINGS, meeting(meetingDay, List.of(cis.id()), List.of())).json().get("id").asLong();
        Api.Response early = officer.post(MEETINGS + "/" + meetingId + "/follow-ups",
                followUp("Accreditation of CIS observers", "Accreditation officer", meetingDay.minusDays(2)));
        assertThat(early.status()).isEqualTo(422);
        assertThat(codes(early)).containsExactly("ACC-162");

        Api.Response added = officer.post(MEETINGS + "/" + meetingId + "/follow-ups",
                followUp("Accreditation of CIS observers", "Accreditation officer", meetingDay.plusDays(1)));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        long id = added.json().get("id").asLong();
        String status = "/api/v1/accreditation/liaison/follow-ups/" + id + "/status";

        Api.Response notYet = officer.post(status, Map.of("status", "DONE", "version", 0, "doneOn", AccreditationData.today().plusDays(1).toString()));
        assertThat(notYet.status()).isEqualTo(422);
        assertThat(codes(notYet)).containsExactly("ACC-165");

        Api.Response done = officer.post(status, Map.of("status", "DONE", "version", 0));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().get("status").asString()).isEqualTo("DONE");
        assertThat(done.json().get("doneOn").asString()).isNotBlank();

        Api.Response stale = officer.post(status, Map.of("status", "OPEN", "version", 0));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("ruleCode").asString()).isEqualTo("ACC-409");
        Api.Response again = officer.post(status, Map.of("status", "DONE", "version", 1));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("ruleCode").asString()).isEqualTo("ACC-167");
        Api.Response reopened = officer.post(status, Map.of("status", "OPEN", "version", 1));
        assertThat(reopened.status()).isEqualTo(200);
        assertThat(reopened.json().get("doneOn").isNull()).isTrue();

        List<String> types = jdbc.sql("SELECT type FROM audit_event WHERE subject = ? ORDER BY intake_id")
                .param("accreditation-liaison-follow-up:" + id).query(String.class).list();
        assertThat(types).containsExactly("accreditation.liaison.follow-up.added", "accreditation.liaison.follow-up.done",
                "accreditation.liaison.follow-up.open");
    }

    @Test
    void aStatusChangeWithoutVersionIsRefusedWithAcc164AndAnUnknownFollowUpIs404() {
        Api.Response missing = officer.post("/api/v1/accreditation/liaison/follow-ups/1/status", Map.of("status", "DONE"));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(codes(missing)).containsExactly("ACC-164");
        Api.Response unknown = officer.post("/api/v1/accreditation/liaison/follow-ups/987654321/status", Map.of("status", "DONE", "version", 0));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("ruleCode").asString()).isEqualTo("ACC-404");
        assertThat(officer.get(MEETINGS + "/987654321").status()).isEqualTo(404);
    }
}
