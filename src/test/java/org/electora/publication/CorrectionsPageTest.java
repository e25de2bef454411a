package org.electora.publication;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.electora.geography.PollingStation;
import org.electora.platform.CurrentStaff;
import org.electora.results.ProtocolId;
import org.electora.results.ProtocolSource;
import org.electora.results.ProtocolSubmission;
import org.electora.results.Protocols;
import org.electora.results.SubmissionOutcome;
import org.electora.support.Api;
import org.electora.support.Browser;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.ProtocolBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.electora.support.ProtocolBuilder.aProtocol;

/**
 * The public list of corrected, quarantined, released and annulled protocols, and each station's steps on its page:
 * read up to the snapshot a reader looks at, with reasons and decision references, the latest first.
 */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorrectionsPageTest {

    @LocalServerPort int port;
    @Autowired ElectionFixture fixture;
    @Autowired Protocols protocols;
    @Autowired Publishing publishing;

    private long electionId;
    private PollingStation amended, released, stillQuarantined, annulled, annulledLater, untouched;
    private ChromeDriver browser;

    @BeforeAll
    void anElectionWithEveryKindOfStep() {
        ElectionFixture.Counting election = fixture.counting();
        electionId = election.election().id().value();
        long contest = election.contest().id().value();
        List<PollingStation> stations = election.domestic();
        amended = stations.get(0);
        released = stations.get(1);
        stillQuarantined = stations.get(2);
        annulled = stations.get(3);
        annulledLater = stations.get(4);
        untouched = stations.get(5);
        for (PollingStation s : List.of(amended, annulled, annulledLater, untouched)) {
            submit(contest, s, aProtocol().withVotes(500, 300, 100).withVotersOnList(1200), null, null);
        }
        submit(contest, released, aProtocol().withLine(10, 999), null, null);
        submit(contest, stillQuarantined, aProtocol().withLine(10, 998), null, null);
        CurrentStaff.runAsSystem(() -> protocols.release(id(contest, released), 1, "Recount confirmed the paper protocol", "ConEC 7/12"));
        submit(contest, amended, aProtocol().withVotes(480, 320, 100).withVotersOnList(1200), 1, "Recount of candidate lines");
        CurrentStaff.runAsSystem(() -> protocols.annul(id(contest, annulled), 1, "Seal of the ballot box broken", "CEC 45/301"));
        CurrentStaff.runAsSystem(() -> publishing.publish(election.election().id()));
        CurrentStaff.runAsSystem(() -> protocols.annul(id(contest, annulledLater), 1, "Protocol signed by two members only", "CEC 46/302"));
    }

    private ProtocolId id(long contest, PollingStation s) {
        return protocols.protocol(contest, s.id().value()).orElseThrow().id();
    }

    private SubmissionOutcome submit(long contest, PollingStation s, ProtocolBuilder p, Integer version, String reason) {
        return CurrentStaff.runAsSystem(() -> protocols.submit(new ProtocolSubmission(UUID.randomUUID(), contest, s.id().value(),
                p.lines(), p.votesByBallotOrder(), version, reason), ProtocolSource.ELECTRONIC));
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String corrections(String query) {
        var page = Api.anonymous(port).get("/results/elections/" + electionId + "/corrections" + query);
        assertThat(page.status()).isEqualTo(200);
        return page.body();
    }

    @Test
    void everyStationWithANotableStepIsListedWithItsReasonsAndDecisionsTheLatestFirst() {
        String body = corrections("?lang=en");
        assertThat(body).contains("Corrected, quarantined and annulled protocols",
                "Now: 1 quarantined (not counted), 1 annulled (left out of every total), 1 counted in a later version than the first.",
                "Stations, the latest step first (4)",
                "Recount of candidate lines", "Seal of the ballot box broken", "decision CEC 45/301",
                "Recount confirmed the paper protocol", "decision ConEC 7/12", "released from quarantine", "quarantined");
        assertThat(body).contains(">" + amended.code() + "<", ">" + released.code() + "<", ">" + stillQuarantined.code() + "<",
                ">" + annulled.code() + "<");
        // A quarantine names the hard relations its version breaks (valid ballots keyed as 999 and 998).
        assertThat(body).contains("<span class=\"tag\">CIS-03</span> valid ballots equal the votes cast for all candidates");
        // A clean protocol is not a correction; neither is a step taken after the snapshot.
        assertThat(body).doesNotContain(">" + untouched.code() + "<", ">" + annulledLater.code() + "<", "CEC 46/302");
        // The annulment was the last step before the snapshot, the first quarantine the first.
        assertThat(body.indexOf(">" + annulled.code() + "<")).isLessThan(body.indexOf(">" + amended.code() + "<"));
        assertThat(body.indexOf(">" + amended.code() + "<")).isLessThan(body.indexOf(">" + stillQuarantined.code() + "<"));
        // Who recorded a step is not public.
        assertThat(body.substring(body.indexOf("<table id=\"corrections\""), body.indexOf("</table>"))).doesNotContain(CurrentStaff.SYSTEM);
    }

    @Test
    void aLaterSnapshotShowsTheStepsTakenSinceAndAnEarlierOneStillReadsAsPublished() {
        CurrentStaff.runAsSystem(() -> publishing.publish(new org.electora.election.ElectionId(electionId)));
        var latest = Api.anonymous(port).get("/results/elections/" + electionId + "/corrections?lang=en");
        assertThat(latest.body()).contains(">" + annulledLater.code() + "<", "decision CEC 46/302",
                "Now: 1 quarantined (not counted), 2 annulled");
        assertThat(corrections("?sequence=1&lang=en")).doesNotContain("CEC 46/302").contains("decision CEC 45/301");
        // The national page says what "reported" holds: counted and annulled, not the protocol in quarantine.
        assertThat(Api.anonymous(port).get("/results/elections/" + electionId + "?sequence=1&lang=en").body())
                .contains("<small id=\"reported-detail\">(4 counted, 1 annulled; a protocol in quarantine counts once corrected or released)</small>");
    }

    @Test
    void theStepsAreInTheSnapshotItselfAndInItsCsv() {
        var snapshot = Api.anonymous(port).get("/api/v1/public/elections/" + electionId + "/snapshots/1");
        // Host countries are named in the open data, not only coded.
        assertThat(snapshot.body()).contains("{\"level\":\"country\",\"code\":\"US\",\"name\":\"United States\",",
                "{\"level\":\"country\",\"code\":\"GE\",\"name\":\"Georgia\",");
        assertThat(snapshot.body()).contains("\"format\":3", "\"steps\":[", "\"reference\":\"CEC 45/301\"",
                "\"brokenRelations\":[\"CIS-02\",\"CIS-03\"]").doesNotContain("CEC 46/302");

        var csv = Api.anonymous(port).get("/open-data/elections/" + electionId + "/1/corrections.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().firstValue("content-type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("etag").orElseThrow()).endsWith("-corrections-csv\"");
        List<String> rows = csv.body().lines().toList();
        assertThat(rows.getFirst()).isEqualTo("station_code,station_name,constituency_code,region_code,at,step,version,"
                + "status_after,reason,decision_reference,broken_relations");
        // In the order taken: two quarantines, the release, the amendment, the annulment.
        assertThat(rows.subList(1, rows.size())).hasSize(5);
        assertThat(rows.get(1)).startsWith(released.code() + ",").contains(",QUARANTINE,1,QUARANTINED,,,CIS-02 CIS-03");
        assertThat(rows.get(2)).startsWith(stillQuarantined.code() + ",").contains(",QUARANTINE,1,QUARANTINED,");
        // The release does not repeat the relations its quarantine was for.
        assertThat(rows.get(3)).startsWith(released.code() + ",").endsWith(",RELEASE,1,ACCEPTED,Recount confirmed the paper protocol,ConEC 7/12,");
        assertThat(rows.get(4)).startsWith(amended.code() + ",").contains(",AMEND,2,AMENDED,Recount of candidate lines,,");
        assertThat(rows.get(5)).startsWith(annulled.code() + ",").contains(",ANNUL,1,ANNULLED,Seal of the ballot box broken,CEC 45/301,");
    }

    @Test
    void aStationsPageListsEveryStepOfItsProtocolWithTheDecision() {
        var page = Api.anonymous(port).get("/results/elections/" + electionId + "/stations/" + annulled.code() + "?sequence=1&lang=en");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Every step of this protocol", "verified", "accepted", "annulled",
                "Seal of the ballot box broken", "CEC 45/301");
        assertThat(Api.anonymous(port).get("/results/elections/" + electionId + "/stations/" + annulledLater.code()
                + "?sequence=1&lang=en").body()).doesNotContain("CEC 46/302");
    }

    @Test
    void thePageReadsInRussianAndAzerbaijaniAndIsLinkedFromTheNationalPage() {
        assertThat(corrections("?sequence=1&lang=ru")).contains("Исправленные, помещённые в карантин и аннулированные протоколы",
                "решение CEC 45/301", "Сейчас: в карантине 1");
        assertThat(corrections("?sequence=1&lang=az")).contains("Düzəldilmiş, karantinə alınmış və ləğv edilmiş protokollar",
                "qərar CEC 45/301");
        assertThat(Api.anonymous(port).get("/results/elections/" + electionId + "?lang=en").body())
                .contains("id=\"corrections-link\"", "/corrections?sequence=");
        assertThat(Api.anonymous(port).get("/results/elections/999999/corrections").status()).isEqualTo(404);
    }

    @Test
    void anElectionWithNothingCorrectedSaysSo() {
        ElectionFixture.Counting clean = fixture.counting();
        long contest = clean.contest().id().value();
        submit(contest, clean.domestic().getFirst(), aProtocol().withVotes(500, 300, 100).withVotersOnList(1200), null, null);
        CurrentStaff.runAsSystem(() -> publishing.publish(clean.election().id()));
        String body = Api.anonymous(port).get("/results/elections/" + clean.election().id().value() + "/corrections?lang=en").body();
        assertThat(body).contains("No protocol was corrected, quarantined or annulled up to this snapshot.",
                "Now: 0 quarantined (not counted), 0 annulled").doesNotContain("id=\"corrections\"");
    }

    @Test
    void followedFromTheNationalPageInARealBrowser() throws Exception {
        browser = Browser.start();
        browser.get("http://127.0.0.1:" + port + "/results/elections/" + electionId + "?sequence=1&lang=en");
        Browser.clickToLoad(browser, browser.findElement(By.id("corrections-link")));
        var rows = browser.findElements(By.cssSelector("#corrections tbody tr"));
        assertThat(rows).hasSize(4);
        assertThat(rows.getFirst().getText()).contains(annulled.code(), "annulled", "CEC 45/301");
        Files.createDirectories(Path.of("target/screenshots"));
        Files.write(Path.of("target/screenshots/results-corrections.png"), browser.getScreenshotAs(OutputType.BYTES));
        Browser.clickToLoad(browser, rows.getFirst().findElement(By.cssSelector("a")));
        assertThat(browser.findElement(By.id("decisions")).getText()).contains("Seal of the ballot box broken");
    }
}
