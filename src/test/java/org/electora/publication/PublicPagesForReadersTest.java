package org.electora.publication;

import java.util.Map;
import java.util.UUID;

import org.electora.geography.PollingStation;
import org.electora.platform.CurrentStaff;
import org.electora.results.ProtocolSource;
import org.electora.results.ProtocolSubmission;
import org.electora.results.Protocols;
import org.electora.support.Api;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.electora.support.ProtocolBuilder.aProtocol;

/**
 * Addresses a reader may type or follow that name nothing: each is a page of the site in the reader's layout, with
 * its status and rule code, never Spring's bare error page or a 500; and what a reader chose stays chosen.
 */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicPagesForReadersTest {

    @LocalServerPort int port;
    @Autowired ElectionFixture fixture;
    @Autowired Protocols protocols;
    @Autowired Publishing publishing;

    private long electionId;
    private String stationCode, regionCode, constituencyCode, warnedCode, cleanCode;
    private long protocolId;
    private Api anonymous;

    @BeforeAll
    void aPublishedElection() {
        ElectionFixture.Counting election = fixture.counting();
        electionId = election.election().id().value();
        PollingStation s = election.domestic().getFirst();
        stationCode = s.code();
        var p = aProtocol().withLine(10, 999); // quarantined: the test below decides on it
        var outcome = CurrentStaff.runAsSystem(() -> protocols.submit(new ProtocolSubmission(UUID.randomUUID(),
                election.contest().id().value(), s.id().value(), p.lines(), p.votesByBallotOrder(), null, null),
                ProtocolSource.ELECTRONIC));
        protocolId = outcome.protocol().value();
        CurrentStaff.runAsSystem(() -> publishing.publish(election.election().id()));
        PollingStation other = election.domestic().get(1);
        cleanCode = other.code();
        var q = aProtocol();
        CurrentStaff.runAsSystem(() -> protocols.submit(new ProtocolSubmission(UUID.randomUUID(),
                election.contest().id().value(), other.id().value(), q.lines(), q.votesByBallotOrder(), null, null),
                ProtocolSource.ELECTRONIC));
        // Five ballots fewer issued at the station (and five more unused): more ballots in the boxes than issued, a
        // soft relation (CIS-05) broken; the protocol still counts.
        PollingStation warned = election.domestic().get(2);
        warnedCode = warned.code();
        var base = aProtocol();
        var warning = aProtocol().withLine(4, base.lines().get(4) - 5).withLine(6, base.lines().get(6) + 5);
        var warnedOutcome = CurrentStaff.runAsSystem(() -> protocols.submit(new ProtocolSubmission(UUID.randomUUID(),
                election.contest().id().value(), warned.id().value(), warning.lines(), warning.votesByBallotOrder(), null, null),
                ProtocolSource.ELECTRONIC));
        assertThat(warnedOutcome.violations()).extracting(org.electora.election.Violation::ruleCode).containsExactly("CIS-05");
        CurrentStaff.runAsSystem(() -> publishing.publish(election.election().id()));
        anonymous = Api.anonymous(port);
        SnapshotContent.Station published = publishing.parsed(electionId, 1).orElseThrow().stations().stream()
                .filter(st -> st.code().equals(stationCode)).findFirst().orElseThrow();
        regionCode = published.regionCode();
        constituencyCode = published.constituencyCode();
    }

    private void aPageOfTheSite(String path, int status, String ruleCode) {
        var page = anonymous.get(path);
        assertThat(page.status()).as(path).isEqualTo(status);
        assertThat(page.body()).as(path).contains("<nav aria-label=\"Main\"", ruleCode).doesNotContain("Whitelabel");
    }

    @Test
    void whatNamesNothingIsA404PageOfTheSite() {
        String base = "/results/elections/" + electionId;
        aPageOfTheSite(base + "/regions/R99", 404, "GEN-404");
        aPageOfTheSite(base + "/constituencies/C999", 404, "GEN-404");
        aPageOfTheSite(base + "/stations/NOPE", 404, "GEN-404");
        aPageOfTheSite(base + "/turnout?region=R99", 404, "GEN-404");
        aPageOfTheSite(base + "?sequence=99999", 404, "PUB-");
        aPageOfTheSite("/results/elections/99999999", 404, "GEN-404");
        aPageOfTheSite("/elections/99999999", 404, "GEN-404");
    }

    @Test
    void anIdThatCannotBeOneIsA400PageNotA500() {
        aPageOfTheSite("/results/elections/0", 400, "GEN-400");
        aPageOfTheSite("/results/elections/-1", 400, "GEN-400");
        aPageOfTheSite("/map/regions/0", 400, "GEN-400");
    }

    @Test
    void theWholeCountryChosenAgainOnTheTurnoutPageIsTheNation() {
        var page = anonymous.get("/results/elections/" + electionId + "/turnout?sequence=1&region=");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<option value=\"\" selected");
    }

    @Test
    void anotherSnapshotChosenOnTheTurnoutPageKeepsTheRegion() {
        String base = "/results/elections/" + electionId + "/turnout";
        assertThat(anonymous.get(base + "?region=R01").body()).contains("<input type=\"hidden\" name=\"region\" value=\"R01\">");
        assertThat(anonymous.get(base).body()).doesNotContain("type=\"hidden\" name=\"region\"");
    }

    @Test
    void snapshotTimesAreWrittenForPeopleWithTheirOffset() {
        String page = anonymous.get("/results/elections/" + electionId).body();
        var generated = java.util.regex.Pattern.compile("generated ([^<]*UTC\\+04:00)").matcher(page);
        assertThat(generated.find()).as("the snapshot's time with its offset").isTrue();
        assertThat(generated.group(1)).doesNotContainPattern("\\dT\\d").matches(".*\\d{2}:\\d{2}:\\d{2} UTC\\+04:00");
    }

    @Test
    void countriesAbroadAreInTheOrderOfTheirNamesInTheReadersLanguage() {
        String ru = anonymous.get("/results/elections/" + electionId + "/abroad?lang=ru").body();
        // By ISO code Japan (JP) would come before Russia (RU) and the United States (US); in Russian it is last.
        assertThat(ru.indexOf("Грузия")).isPositive().isLessThan(ru.indexOf("Россия"));
        assertThat(ru.indexOf("Россия")).isLessThan(ru.indexOf("Соединенные Штаты"));
        assertThat(ru.indexOf("Соединенные Штаты")).isLessThan(ru.indexOf("Япония"));
    }

    @Test
    void aLanguageTheSiteIsNotWrittenInLeavesTheLanguageAsItWas() {
        var page = anonymous.get("/results/elections/" + electionId + "?lang=xx");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Language")).isNotEqualTo(java.util.Optional.of("xx"));
        assertThat(page.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("electora-lang=xx"));
        assertThat(anonymous.get("/results/elections/" + electionId + "?lang=ru").headers().allValues("Set-Cookie"))
                .anyMatch(c -> c.startsWith("electora-lang=ru"));
    }

    @Test
    void aStationPageLeadsUpToItsConstituencyAndRegion() {
        String page = anonymous.get("/results/elections/" + electionId + "/stations/" + stationCode).body();
        var crumbs = java.util.regex.Pattern.compile("<p class=\"breadcrumb\">(.*?)</p>", java.util.regex.Pattern.DOTALL)
                .matcher(page);
        assertThat(crumbs.find()).isTrue();
        assertThat(crumbs.group(1)).contains("/regions/" + regionCode + "?sequence=", "/constituencies/" + constituencyCode + "?sequence=")
                .endsWith(" › " + stationCode);
    }

    @Test
    void sharesAreWrittenAsTheReaderWritesDecimals() {
        String en = anonymous.get("/results/elections/" + electionId + "?lang=en").body();
        String ru = anonymous.get("/results/elections/" + electionId + "?lang=ru").body();
        assertThat(en).containsPattern("\\d+\\.\\d{2} %").doesNotContainPattern("\\d+,\\d{2} %");
        assertThat(ru).containsPattern("\\d+,\\d{2} %").doesNotContainPattern("\\d+\\.\\d{2} %");
    }

    @Test
    void theHomePageLeadsToTheResults() {
        String home = anonymous.get("/").body();
        assertThat(home).contains("<title>Home · Electora</title>", "<a href=\"/results\"><strong>Results</strong>");
    }

    @Test
    void everyoneSeesTheRelationsAStationsProtocolBreaksSoftOnesAsWarnings() {
        String warned = anonymous.get("/results/elections/" + electionId + "/stations/" + warnedCode).body();
        assertThat(section(warned, "checks")).contains("class=\"check-SOFT\"", "CIS-05", "L7 + L8 &lt;= L4 + L5",
                "soft (a warning shown to everyone)").doesNotContain("check-HARD");
        assertThat(warned).contains("id=\"protocol-status\"").contains("accepted");
        String quarantined = anonymous.get("/results/elections/" + electionId + "/stations/" + stationCode + "?sequence=1").body();
        assertThat(section(quarantined, "checks")).contains("class=\"check-HARD\"", "CIS-02");
        assertThat(quarantined).contains("<span class=\"tag check-HARD\">CIS-02</span>");
        String clean = anonymous.get("/results/elections/" + electionId + "/stations/" + cleanCode).body();
        assertThat(section(clean, "checks")).contains("Every control relation of the protocol form holds.")
                .doesNotContain("check-");
        String ru = anonymous.get("/results/elections/" + electionId + "/stations/" + warnedCode + "?lang=ru").body();
        assertThat(section(ru, "checks")).contains("Контрольные соотношения версии 1", "левая часть");
    }

    private static String section(String html, String id) {
        int start = html.indexOf("<section id=\"" + id + "\">");
        assertThat(start).as("section " + id).isNotNegative();
        return html.substring(start, html.indexOf("</section>", start));
    }

    @Test
    void aReasonOrReferenceTooLongToPublishIsRefusedWithRes037() {
        Api admin = Api.admin(port);
        var tooLong = admin.post("/api/v1/protocols/" + protocolId + "/release",
                Map.of("version", 1, "reason", "x".repeat(2_001), "decisionReference", "CEC 1"));
        assertThat(tooLong.status()).as(tooLong.body()).isEqualTo(422);
        assertThat(tooLong.json().get("ruleCode").asString()).isEqualTo("RES-037");
        var longReference = admin.post("/api/v1/protocols/" + protocolId + "/annulment",
                Map.of("version", 1, "reason", "Seal broken", "decisionReference", "C".repeat(201)));
        assertThat(longReference.json().get("problems").get(0).get("field").asString()).isEqualTo("decisionReference");
        assertThat(admin.get("/api/v1/protocols/" + protocolId).json().get("protocol").get("status").asString())
                .isEqualTo("QUARANTINED");

        var released = admin.post("/api/v1/protocols/" + protocolId + "/release",
                Map.of("version", 1, "reason", "Recount \u202Econfirmed", "decisionReference", "CEC 2"));
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        CurrentStaff.runAsSystem(() -> publishing.publish(new org.electora.election.ElectionId(electionId)));
        assertThat(anonymous.get("/results/elections/" + electionId + "/corrections").body())
                .contains("<bdi>Recount \u202Econfirmed</bdi>");
    }
}
