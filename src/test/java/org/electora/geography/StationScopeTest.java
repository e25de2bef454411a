package org.electora.geography;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.electora.support.Api;
import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Scopes are enforced on the server: every role reads and writes only the part of the map it is scoped to. */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StationScopeTest {

    @LocalServerPort int port;

    private Api admin;
    private JsonNode stationA;
    private JsonNode stationB;
    private JsonNode stationAbroad;
    private JsonNode otherStationAbroad;

    @BeforeAll
    void mapAndStaff() {
        admin = Api.admin(port);
        long version = admin.postRaw("/api/v1/maps?country=XR&name=Scopes", "text/csv", Fixtures.smallRepublicMap())
                .json().get("version").asLong();
        List<JsonNode> constituencies = admin.get("/api/v1/map/versions/" + version + "/constituencies").json().valueStream().toList();
        long a = constituencies.get(1).get("id").asLong();
        long b = constituencies.get(2).get("id").asLong();
        stationA = admin.get("/api/v1/map/constituencies/" + a + "/stations").json().get(0);
        stationB = admin.get("/api/v1/map/constituencies/" + b + "/stations").json().get(0);
        List<JsonNode> abroad = admin.get("/api/v1/map/versions/" + version + "/stations-abroad").json().valueStream().toList();
        stationAbroad = abroad.getFirst();
        otherStationAbroad = abroad.stream()
                .filter(s -> s.get("abroad").get("missionId").asLong() != stationAbroad.get("abroad").get("missionId").asLong())
                .findFirst().orElseThrow();
        staff("scope-conec", "CONSTITUENCY_OPERATOR", "CONSTITUENCY", a);
        staff("scope-pec", "PRECINCT_OPERATOR", "STATION", stationA.get("id").asLong());
        staff("scope-consul", "CONSULAR_OFFICER", "MISSION", stationAbroad.get("abroad").get("missionId").asLong());
        staff("scope-auditor", "AUDITOR", "NATIONAL", null);
    }

    private void staff(String username, String role, String scopeKind, Long scopeId) {
        Map<String, Object> body = new HashMap<>(Map.of("username", username, "displayName", username, "role", role,
                "scopeKind", scopeKind, "password", "correct horse battery"));
        body.put("scopeId", scopeId);
        assertThat(admin.post("/api/v1/staff", body).status()).isEqualTo(201);
    }

    private Api as(String username) {
        return Api.as(port, username, "correct horse battery");
    }

    private static Map<String, Object> edit(JsonNode station, String address) {
        return Map.of("name", station.get("name").asString(), "address", address, "version", station.get("version").asInt());
    }

    @Test
    void aConstituencyOperatorReadsAndEditsItsOwnStations() {
        Api conec = as("scope-conec");
        JsonNode current = conec.get("/api/v1/stations/" + stationA.get("id").asLong()).json();
        var response = conec.put("/api/v1/stations/" + stationA.get("id").asLong(), edit(current, "12 New street"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("address").asString()).isEqualTo("12 New street");
        // Stations are cached by id (read on every protocol); an edit evicts, so the next read sees it.
        JsonNode reread = conec.get("/api/v1/stations/" + stationA.get("id").asLong()).json();
        assertThat(reread.get("address").asString()).isEqualTo("12 New street");
        assertThat(reread.get("version").asInt()).isEqualTo(current.get("version").asInt() + 1);
    }

    @Test
    void aConstituencyOperatorGets403OnAnotherConstituencysStation() {
        Api conec = as("scope-conec");
        long foreign = stationB.get("id").asLong();
        assertThat(conec.get("/api/v1/stations/" + foreign).status()).isEqualTo(403);
        assertThat(conec.put("/api/v1/stations/" + foreign, edit(stationB, "Hijacked")).status()).isEqualTo(403);
        assertThat(Api.anonymous(port).get("/api/v1/map/stations/" + foreign).json().get("address").asString())
                .isNotEqualTo("Hijacked");
    }

    @Test
    void aPrecinctOperatorReachesOnlyItsOwnStation() {
        Api pec = as("scope-pec");
        assertThat(pec.get("/api/v1/stations/" + stationA.get("id").asLong()).status()).isEqualTo(200);
        assertThat(pec.get("/api/v1/stations/" + stationB.get("id").asLong()).status()).isEqualTo(403);
    }

    @Test
    void aConsularOfficerReachesOnlyItsMissionsStations() {
        Api consul = as("scope-consul");
        assertThat(consul.get("/api/v1/stations/" + stationAbroad.get("id").asLong()).status()).isEqualTo(200);
        assertThat(consul.get("/api/v1/stations/" + otherStationAbroad.get("id").asLong()).status()).isEqualTo(403);
        assertThat(consul.get("/api/v1/stations/" + stationA.get("id").asLong()).status()).isEqualTo(403);
    }

    @Test
    void anAuditorReadsButDoesNotEdit() {
        Api auditor = as("scope-auditor");
        JsonNode station = auditor.get("/api/v1/stations/" + stationB.get("id").asLong()).json();
        assertThat(auditor.put("/api/v1/stations/" + stationB.get("id").asLong(), edit(station, "x")).status()).isEqualTo(403);
    }

    @Test
    void aStaleVersionIsAConflictAndChangesNothing() {
        long id = stationB.get("id").asLong();
        JsonNode current = admin.get("/api/v1/stations/" + id).json();
        assertThat(admin.put("/api/v1/stations/" + id, edit(current, "First edit")).status()).isEqualTo(200);
        var stale = admin.put("/api/v1/stations/" + id, edit(current, "Second edit from a stale form"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(admin.get("/api/v1/stations/" + id).json().get("address").asString()).isEqualTo("First edit");
    }

    @Test
    void coordinatesOrACapacityTheMapCouldNotHoldAreRefusedWithTheMapCsvCodesAndChangeNothing() {
        long id = stationA.get("id").asLong();
        String before = admin.get("/api/v1/stations/" + id).body();
        JsonNode current = admin.get("/api/v1/stations/" + id).json();
        record Attempt(String what, String code, String field, Map<String, Object> fields) {
        }
        List<Attempt> attempts = List.of(
                new Attempt("latitude 999", "GEO-007", "latitude", Map.of("latitude", 999, "longitude", 49.8)),
                new Attempt("latitude -90.5", "GEO-007", "latitude", Map.of("latitude", -90.5, "longitude", 49.8)),
                new Attempt("longitude 180.000001", "GEO-007", "longitude", Map.of("latitude", 40.4, "longitude", new java.math.BigDecimal("180.000001"))),
                new Attempt("longitude -999", "GEO-007", "longitude", Map.of("latitude", 40.4, "longitude", -999)),
                new Attempt("latitude without longitude", "GEO-007", "longitude", Map.of("latitude", 40.4)),
                new Attempt("longitude without latitude", "GEO-007", "latitude", Map.of("longitude", 49.8)),
                new Attempt("latitude 1e400", "GEO-007", "latitude", Map.of("latitude", new java.math.BigDecimal("1e400"),
                        "longitude", 49.8)),
                new Attempt("capacity 0", "GEO-008", "capacity", Map.of("capacity", 0)),
                new Attempt("capacity -3", "GEO-008", "capacity", Map.of("capacity", -3)));
        for (Attempt a : attempts) {
            Map<String, Object> body = new HashMap<>(edit(current, "Moved to nowhere"));
            body.putAll(a.fields());
            Api.Response r = admin.put("/api/v1/stations/" + id, body);
            assertThat(r.status()).as(a.what() + ": " + r.body()).isEqualTo(422);
            assertThat(r.json().get("ruleCode").asString()).as(a.what()).isEqualTo(a.code());
            assertThat(r.json().get("problems").get(0).get("field").asString()).as(a.what()).isEqualTo(a.field());
        }
        assertThat(admin.get("/api/v1/stations/" + id).body()).isEqualTo(before);

        // The edges are fine: the poles, the antimeridian and one voter's worth of capacity.
        Map<String, Object> edge = new HashMap<>(edit(current, current.get("address").asString()));
        edge.putAll(Map.of("latitude", -90, "longitude", 180, "capacity", 1));
        Api.Response ok = admin.put("/api/v1/stations/" + id, edge);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().get("version").asInt()).isEqualTo(current.get("version").asInt() + 1);
    }

    @Test
    void staffEndpointsNeedSignIn() {
        assertThat(Api.anonymous(port).get("/api/v1/stations/" + stationA.get("id").asLong()).status()).isEqualTo(401);
        assertThat(Api.anonymous(port).get("/api/v1/audit/verification").status()).isEqualTo(401);
        assertThat(as("scope-conec").get("/api/v1/audit/verification").status()).isEqualTo(403);
        assertThat(as("scope-auditor").get("/api/v1/audit/verification").json().get("intact").asBoolean()).isTrue();
    }
}
