package org.electora.geography;

import java.util.Map;

import org.electora.support.Api;
import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@ElectoraIntegrationTest
class MapImportApiTest {

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;

    private Map<String, Long> tableCounts() {
        return Map.of(
                "map_version", count("map_version"), "region", count("region"), "constituency", count("constituency"),
                "mission", count("mission"), "polling_station", count("polling_station"));
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }

    @Test
    void aFileWithErrorsIsRejectedWithEveryProblemAndChangesNothing() {
        var before = tableCounts();
        var response = Api.admin(port).postRaw("/api/v1/maps?country=XR&name=Broken", "text/csv",
                Fixtures.resource("/fixtures/map-with-errors.csv"));

        assertThat(response.status()).isEqualTo(422);
        var problems = response.json().get("problems");
        assertThat(problems).hasSize(9);
        assertThat(problems.valueStream().map(p -> p.get("ruleCode").asString() + "@" + p.get("line").asInt()))
                .contains("GEO-003@4", "GEO-004@6", "GEO-006@7", "GEO-005@8", "GEO-007@9", "GEO-009@10", "GEO-003@11");
        assertThat(tableCounts()).isEqualTo(before);
    }

    @Test
    void aValidMapImportsAsANewVersionAndExportsToTheSameFile() {
        Api admin = Api.admin(port);
        var imported = admin.postRaw("/api/v1/maps?country=XR&name=Round%20trip", "text/csv", Fixtures.smallRepublicMap());
        assertThat(imported.status()).isEqualTo(201);
        long version = imported.json().get("version").asLong();
        assertThat(imported.json().get("stations").asInt()).isEqualTo(60);

        var summary = admin.get("/api/v1/map/versions/" + version).json();
        assertThat(summary.get("stationsAbroad").asInt()).isEqualTo(5);
        assertThat(summary.get("countriesAbroad").asInt()).isEqualTo(4);
        assertThat(summary.get("resettledAreaStations").asInt()).isEqualTo(2);

        String exported = Api.anonymous(port).get("/api/v1/map/versions/" + version + "/export.csv").body();
        var reimported = admin.postRaw("/api/v1/maps?country=XR&name=Round%20trip%202", "text/csv", exported);
        assertThat(reimported.status()).isEqualTo(201);
        String exportedAgain = Api.anonymous(port).get("/api/v1/map/versions/" + reimported.json().get("version").asLong()
                + "/export.csv").body();
        assertThat(exportedAgain).isEqualTo(exported);
        assertThat(exported.lines().sorted().toList()).isEqualTo(Fixtures.smallRepublicMap().lines().sorted().toList());
    }

    @Test
    void onlyTheCecAdministratorImportsMaps() {
        assertThat(Api.anonymous(port).postRaw("/api/v1/maps?country=XR&name=x", "text/csv", Fixtures.smallRepublicMap()).status())
                .isEqualTo(401);
    }

    @Test
    void anUnknownCapitalTimeZoneIsRefused() {
        var response = Api.admin(port).postRaw("/api/v1/maps?country=XR&name=x&capitalTimeZone=Mars/Olympus", "text/csv",
                Fixtures.smallRepublicMap());
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("ruleCode").asString()).isEqualTo("GEO-005");
    }

    @Test
    void unknownMapRowsAnswer404() {
        Api anonymous = Api.anonymous(port);
        assertThat(anonymous.get("/api/v1/map/versions/999999").status()).isEqualTo(404);
        assertThat(anonymous.get("/api/v1/map/stations/999999").status()).isEqualTo(404);
        assertThat(anonymous.get("/api/v1/map/stations/abc").status()).isEqualTo(400);
    }
}
