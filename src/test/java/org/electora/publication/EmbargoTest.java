package org.electora.publication;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import org.electora.election.ElectionAction;
import org.electora.support.Api;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Before polls close at the last station nothing is public and nothing is generated. */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbargoTest {

    @LocalServerPort int port;
    @Autowired ElectionFixture fixture;

    private long electionId;
    private Api anonymous;

    @BeforeAll
    void pollingTomorrow() {
        ElectionFixture.Counting election = fixture.election(LocalDate.now(ZoneOffset.UTC).plusDays(1),
                ElectionAction.START_CAMPAIGN, ElectionAction.OPEN_POLLS);
        electionId = election.election().id().value();
        anonymous = Api.anonymous(port);
    }

    @Test
    void publicSnapshotsAnswerNotYetBeforePollsClose() {
        for (String path : new String[]{"/api/v1/public/elections/" + electionId + "/snapshots",
                "/api/v1/public/elections/" + electionId + "/snapshots/latest",
                "/api/v1/public/elections/" + electionId + "/snapshots/1",
                "/open-data/elections/" + electionId + "/latest/results.json",
                "/open-data/elections/" + electionId + "/1/stations.csv"}) {
            var r = anonymous.get(path);
            assertThat(r.status()).as(path + " " + r.body()).isEqualTo(404);
            assertThat(r.json().get("ruleCode").asString()).as(path).isEqualTo("PUB-001");
        }
    }

    @Test
    void theNotYetPageLinksToThisElectionsClosingTimesAbroad() {
        var page = anonymous.get("/results/elections/" + electionId + "?lang=en");
        assertThat(page.status()).isEqualTo(404);
        String link = "/map/abroad?election=" + electionId;
        assertThat(page.body()).contains("id=\"not-yet\"", "<a id=\"abroad-times\" href=\"" + link + "\">Stations abroad</a>");
        // Followed, the link shows this election's times, not the newest election's.
        var times = anonymous.get(link + "&lang=en");
        assertThat(times.status()).isEqualTo(200);
        assertThat(times.body()).contains("<a href=\"/elections/" + electionId + "\">");
        assertThat(anonymous.get("/results/elections/" + electionId + "/abroad?lang=ru").body()).contains(link);
    }

    @Test
    void noSnapshotIsGeneratedBeforePollsClose() {
        var r = Api.admin(port).post("/api/v1/elections/" + electionId + "/snapshots", Map.of());

        assertThat(r.status()).as(r.body()).isEqualTo(409);
        assertThat(r.json().get("ruleCode").asString()).isEqualTo("PUB-001");
    }

    @Test
    void onlyTheCecPublishes() {
        var r = Api.anonymous(port).post("/api/v1/elections/" + electionId + "/snapshots", Map.of());

        assertThat(r.status()).isEqualTo(401);
    }
}
