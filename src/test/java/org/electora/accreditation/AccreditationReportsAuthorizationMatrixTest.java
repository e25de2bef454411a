package org.electora.accreditation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.electora.geography.ElectoralMap;
import org.electora.geography.PollingStation;
import org.electora.support.Api;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.WebSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every endpoint of the accreditation reports × every kind of caller, over real HTTP: API endpoints with bearer
 * tokens, pages with a signed-in session (an anonymous visitor is sent to the login page: 302). The expected status
 * of each cell is written out in {@link #MATRIX}. The public register is open to all; statistics and the briefing
 * pack (aggregates) to the CEC, the accreditation officer, the foreign ministry's consular officers and auditors;
 * the mission liaison (named officials, agreements) to the first three only.
 */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccreditationReportsAuthorizationMatrixTest {

    enum Actor { ANON, CEC, ACCR, CSL, AUD, PEC, OBS }

    static final String MATRIX = """
            endpoint                                              ANON CEC ACCR CSL AUD PEC OBS
            GET  /open-data/accreditation                          200 200  200 200 200 200 200
            GET  /open-data/accreditation/organisations.csv        200 200  200 200 200 200 200
            GET  /open-data/accreditation/countries.csv            200 200  200 200 200 200 200
            GET  /open-data/accreditation/register.json            200 200  200 200 200 200 200
            GET  /api/v1/accreditation/statistics                  401 200  200 200 200 403 403
            GET  /api/v1/accreditation/briefing                    401 200  200 200 200 403 403
            GET  /api/v1/accreditation/briefing.pdf                401 200  200 200 200 403 403
            GET  /api/v1/accreditation/liaison/meetings            401 200  200 200 403 403 403
            POST /api/v1/accreditation/liaison/meetings            401 201  201 201 403 403 403
            GET  /api/v1/accreditation/liaison/meetings/{m}        401 200  200 200 403 403 403
            POST /api/v1/accreditation/liaison/meetings/{m}/follow-ups 401 201 201 201 403 403 403
            POST /api/v1/accreditation/liaison/follow-ups/{f}/status   401 200 200 200 403 403 403
            PAGE /accreditation/statistics                         302 200  200 200 200 403 403
            PAGE /accreditation/briefing                           302 200  200 200 200 403 403
            PAGE /accreditation/briefing.pdf                       302 200  200 200 200 403 403
            PAGE /accreditation/liaison                            302 200  200 200 403 403 403
            PAGE /accreditation/liaison/{m}                        302 200  200 200 403 403 403
            """;

    @LocalServerPort int port;
    @Autowired ElectionFixture fixture;
    @Autowired ElectoralMap map;

    private final Map<Actor, Api> apis = new EnumMap<>(Actor.class);
    private final Map<Actor, WebSession> sessions = new EnumMap<>(Actor.class);
    private Api admin;
    private long organisationId;
    private long meetingId;

    @BeforeAll
    void callers() {
        admin = Api.admin(port);
        AccreditationData data = AccreditationData.asNewOfficer(port);
        organisationId = data.organisation("Matrix mission", "INTERNATIONAL_ORGANISATION", "CH").id();
        meetingId = admin.post("/api/v1/accreditation/liaison/meetings", meeting()).json().get("id").asLong();
        var demo = fixture.demoMap();
        PollingStation abroad = map.stationsAbroad(demo.id()).getFirst();
        PollingStation domestic = map.constituencies(demo.id()).stream().flatMap(c -> map.stations(c.id()).stream())
                .filter(s -> !s.isAbroad()).findFirst().orElseThrow();
        String run = UUID.randomUUID().toString().substring(0, 8);
        apis.put(Actor.ANON, Api.anonymous(port));
        sessions.put(Actor.ANON, WebSession.anonymous(port));
        caller(Actor.CEC, run, "CEC_ADMIN", "NATIONAL", null);
        caller(Actor.ACCR, run, "ACCREDITATION_OFFICER", "NATIONAL", null);
        caller(Actor.CSL, run, "CONSULAR_OFFICER", "MISSION", abroad.abroad().missionId().value());
        caller(Actor.AUD, run, "AUDITOR", "NATIONAL", null);
        caller(Actor.PEC, run, "PRECINCT_OPERATOR", "STATION", domestic.id().value());
        caller(Actor.OBS, run, "OBSERVER", "ORGANISATION", organisationId);
    }

    private void caller(Actor actor, String run, String role, String scopeKind, Long scopeId) {
        String username = "accm-" + actor.name().toLowerCase() + "-" + run;
        AccreditationData.createStaff(admin, username, role, scopeKind, scopeId);
        apis.put(actor, Api.as(port, username, AccreditationData.PASSWORD));
        sessions.put(actor, WebSession.signIn(port, username, AccreditationData.PASSWORD));
    }

    private Map<String, Object> meeting() {
        return Map.of("heldOn", LocalDate.now().toString(), "participants", List.of("Head of mission"),
                "organisationIds", List.of(organisationId), "topics", List.of("Matrix"));
    }

    private static Map<String, Object> followUp() {
        return Map.of("action", "Matrix follow-up", "owner", "Protocol", "dueOn", LocalDate.now().plusDays(3).toString());
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointAnswersEveryCallerAsTheMatrixSays() {
        List<DynamicTest> tests = new ArrayList<>();
        List<String> lines = MATRIX.lines().skip(1).filter(l -> !l.isBlank()).toList();
        for (String line : lines) {
            String[] cells = line.trim().split("\\s+");
            String method = cells[0];
            String path = cells[1];
            int[] expected = Arrays.stream(cells, 2, cells.length).mapToInt(Integer::parseInt).toArray();
            assertThat(expected).as(line).hasSize(Actor.values().length);
            for (Actor actor : Actor.values()) {
                int want = expected[actor.ordinal()];
                tests.add(DynamicTest.dynamicTest(method + " " + path + " as " + actor + " → " + want,
                        () -> assertThat(call(actor, method, path)).as(method + " " + path + " as " + actor).isEqualTo(want)));
            }
        }
        return tests.stream();
    }

    private int call(Actor actor, String method, String template) {
        String path = template.replace("{m}", Long.toString(meetingId));
        if (path.contains("{f}")) {
            long followUp = admin.post("/api/v1/accreditation/liaison/meetings/" + meetingId + "/follow-ups", followUp())
                    .json().get("id").asLong();
            path = path.replace("{f}", Long.toString(followUp));
        }
        Api api = apis.get(actor);
        return switch (method) {
            case "GET" -> path.endsWith(".pdf") ? api.getBytes(path).status() : api.get(path).status();
            case "POST" -> api.post(path, path.endsWith("/meetings") ? meeting()
                    : path.endsWith("/follow-ups") ? followUp() : Map.of("status", "DONE", "version", 0)).status();
            case "PAGE" -> sessions.get(actor).get(path).status();
            default -> throw new IllegalArgumentException(method);
        };
    }
}
