package org.electora.publication;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.electora.geography.PollingStation;
import org.electora.platform.CurrentStaff;
import org.electora.results.ProtocolSource;
import org.electora.results.ProtocolSubmission;
import org.electora.results.Protocols;
import org.electora.support.Api;
import org.electora.support.Browser;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.PdfTexts;
import org.electora.support.ProtocolBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.electora.support.ProtocolBuilder.aProtocol;

/** The public results pages, read from a published snapshot, in plain HTTP and in a real browser. */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicResultsPagesTest {

    @LocalServerPort int port;
    @Autowired ElectionFixture fixture;
    @Autowired Protocols protocols;
    @Autowired Publishing publishing;
    @Autowired org.electora.results.HistoricImport historicImport;

    /** A 1×1 PNG standing in for the photo of the signed paper protocol. */
    private static final byte[] SCAN = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private ElectionFixture.Counting election;
    private long electionId;
    private PollingStation amended;
    private ChromeDriver browser;

    @BeforeAll
    void publishedResults() {
        election = fixture.counting();
        electionId = election.election().id().value();
        long contest = election.contest().id().value();
        List<PollingStation> domestic = election.domestic();
        for (int i = 0; i < domestic.size(); i++) {
            submit(contest, domestic.get(i), aProtocol().withVotes(500 + i, 300, 100).withVotersOnList(1200), null, null);
        }
        amended = domestic.getFirst();
        submit(contest, amended, aProtocol().withVotes(480, 320, 100).withVotersOnList(1200), 1, "Recount of candidate lines");
        var protocol = protocols.protocol(contest, amended.id().value()).orElseThrow();
        CurrentStaff.runAsSystem(() -> protocols.attachScan(protocol.id(), 2, "image/png", SCAN));
        PollingStation abroad = election.abroad().getFirst();
        submit(contest, abroad, aProtocol().withVotes(40, 70, 5).withVotersOnList(300), null, null);
        CurrentStaff.runAsSystem(() -> publishing.publish(election.election().id()));
    }

    private void submit(long contest, PollingStation s, ProtocolBuilder p, Integer version, String reason) {
        CurrentStaff.runAsSystem(() -> protocols.submit(new ProtocolSubmission(UUID.randomUUID(), contest, s.id().value(),
                p.lines(), p.votesByBallotOrder(), version, reason), ProtocolSource.ELECTRONIC));
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Test
    void theNationalPageNamesTheDenominatorAndTheSnapshotWithoutSignIn() {
        var page = Api.anonymous(port).get("/results/elections/" + electionId + "?lang=en");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("shares of valid ballots", "Published snapshot No. 1", "Preliminary, partial",
                "Aliyeva Test", "results.json", "results.xml", "stations.csv", "<circle");
    }

    @Test
    void stationsByTurnoutCountEveryCountedStationForTheCountryAndForARegion() {
        var nation = Api.anonymous(port).get("/results/elections/" + electionId + "/turnout?lang=en");
        assertThat(nation.status()).isEqualTo(200);
        int counted = election.domestic().size() + 1;
        assertThat(nation.body()).contains("Stations by turnout: Whole country", "The charts count the " + counted
                + " counted stations", "in steps of 1 %", "id=\"distribution-data\"", "id=\"turnout-bands\"", "Aliyeva Test");

        var nationPage = Api.anonymous(port).get("/results/elections/" + electionId + "?lang=en").body();
        assertThat(nationPage).contains("id=\"turnout-link\"");
        var regionCode = java.util.regex.Pattern.compile("/regions/([^?\"]+)").matcher(nationPage);
        assertThat(regionCode.find()).isTrue();
        var regionPage = Api.anonymous(port).get("/results/elections/" + electionId + "/regions/" + regionCode.group(1) + "?lang=en");
        assertThat(regionPage.body()).contains("/turnout?sequence=1&amp;region=" + regionCode.group(1));
        var region = Api.anonymous(port).get("/results/elections/" + electionId + "/turnout?lang=en&region=" + regionCode.group(1));
        assertThat(region.status()).isEqualTo(200);
        var inRegion = java.util.regex.Pattern.compile("The charts count the (\\d+) counted stations").matcher(region.body());
        assertThat(inRegion.find()).isTrue();
        assertThat(Integer.parseInt(inRegion.group(1))).isBetween(1, counted - 1);

        var unknown = Api.anonymous(port).get("/results/elections/" + electionId + "/turnout?region=NO-SUCH-REGION");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void everyPageOfTheLatestSnapshotSharesOneParsedContentAndANewSnapshotReplacesIt() {
        var other = fixture.counting();
        long id = other.election().id().value();
        long contest = other.contest().id().value();
        submit(contest, other.domestic().get(0), aProtocol().withVotes(500, 300, 100).withVotersOnList(1200), null, null);
        CurrentStaff.runAsSystem(() -> publishing.publish(other.election().id()));
        int first = publishing.latest(id).orElseThrow().sequence();
        SnapshotContent parsed = publishing.parsed(id, first).orElseThrow();
        assertThat(publishing.parsed(id, first).orElseThrow()).isSameAs(parsed);

        submit(contest, other.domestic().get(1), aProtocol().withVotes(400, 300, 100).withVotersOnList(1200), null, null);
        CurrentStaff.runAsSystem(() -> publishing.publish(other.election().id()));
        int second = publishing.latest(id).orElseThrow().sequence();
        assertThat(second).isEqualTo(first + 1);
        SnapshotContent newer = publishing.parsed(id, second).orElseThrow();
        assertThat(newer.nation().stationsCounted()).isEqualTo(2);
        assertThat(publishing.parsed(id, second).orElseThrow()).isSameAs(newer);
        // The older snapshot is still read as it was published, parsed afresh.
        SnapshotContent older = publishing.parsed(id, first).orElseThrow();
        assertThat(older).isEqualTo(parsed).isNotSameAs(parsed);
        assertThat(older.nation().stationsCounted()).isEqualTo(1);
    }

    @Test
    void aReaderWhoHasThePageAlreadyGets304UntilTheNextSnapshotOrAnotherLanguage() throws Exception {
        var other = fixture.counting();
        long id = other.election().id().value();
        long contest = other.contest().id().value();
        submit(contest, other.domestic().get(0), aProtocol().withVotes(500, 300, 100).withVotersOnList(1200), null, null);
        CurrentStaff.runAsSystem(() -> publishing.publish(other.election().id()));
        var http = java.net.http.HttpClient.newHttpClient();
        java.util.function.BiFunction<String, String, java.net.http.HttpResponse<String>> get = (path, etag) -> {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(path)));
            if (etag != null) {
                request.header("If-None-Match", etag);
            }
            try {
                return http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        for (String path : List.of("", "/turnout", "/abroad", "/stations/" + other.domestic().get(0).code())) {
            String page = "/results/elections/" + id + path + (path.contains("?") ? "&" : "?") + "lang=en";
            var first = get.apply(page, null);
            assertThat(first.statusCode()).as(page).isEqualTo(200);
            String etag = first.headers().firstValue("ETag").orElseThrow();
            assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");
            var again = get.apply(page, etag);
            assertThat(again.statusCode()).as(page).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(get.apply(page.replace("lang=en", "lang=ru"), etag).statusCode()).as(page).isEqualTo(200);
        }

        String nation = "/results/elections/" + id + "?lang=en";
        String etag = get.apply(nation, null).headers().firstValue("ETag").orElseThrow();
        submit(contest, other.domestic().get(1), aProtocol().withVotes(400, 300, 100).withVotersOnList(1200), null, null);
        CurrentStaff.runAsSystem(() -> publishing.publish(other.election().id()));
        var newer = get.apply(nation, etag);
        assertThat(newer.statusCode()).isEqualTo(200);
        assertThat(newer.body()).contains("Published snapshot No. 2");

        // A signed-in reader's page names them: it is never answered from a tag, even one an anonymous reader got.
        String anonymousTag = newer.headers().firstValue("ETag").orElseThrow();
        var staff = org.electora.support.WebSession.signIn(port, "admin", Api.ADMIN_PASSWORD);
        var signedIn = staff.get(nation, java.util.Map.of("If-None-Match", anonymousTag));
        assertThat(signedIn.status()).isEqualTo(200);
        assertThat(signedIn.body()).contains("Published snapshot No. 2");
    }

    @Test
    void constituenciesAndStationsWhoseCodesHoldSlashesAreReachedFromTheirLinks() {
        // The 2018 file's commissions are coded "R01/1", its stations "R01/1/1".
        var mapping = org.electora.results.HistoricMapping.russia2018();
        String suffix = " (pages " + UUID.randomUUID() + ")";
        var imported = (org.electora.results.HistoricImport.Outcome.Imported) CurrentStaff.runAsSystem(() ->
                historicImport.importCsv(mapping.withNames(mapping.mapName() + suffix, mapping.electionName() + suffix),
                        new java.io.StringReader(org.electora.support.Fixtures.resource("/fixtures/russia-2018-sample.csv")),
                        org.electora.results.HistoricImport.Part.EVERYTHING, org.electora.results.HistoricImport.Progress.none()));
        CurrentStaff.runAsSystem(() -> publishing.publish(imported.election()));
        String base = "/results/elections/" + imported.election().value();

        String region = firstLink(Api.anonymous(port).get(base + "?lang=en").body(), "/regions/");
        String constituency = firstLink(Api.anonymous(port).get(region).body(), "/constituencies/");
        assertThat(constituency).matches(".*/constituencies/[^/?]+/[^/?]+\\?.*");
        var constituencyPage = Api.anonymous(port).get(constituency);
        assertThat(constituencyPage.status()).isEqualTo(200);
        String station = firstLink(constituencyPage.body(), "/stations/");
        assertThat(station).matches(".*/stations/[^/?]+/[^/?]+/[^/?]+\\?.*");
        var stationPage = Api.anonymous(port).get(station);
        assertThat(stationPage.status()).isEqualTo(200);
        assertThat(stationPage.body()).contains("id=\"protocol\"");
    }

    /** The first link on a page whose address contains {@code part}, as the browser would follow it. */
    private static String firstLink(String html, String part) {
        var m = java.util.regex.Pattern.compile("href=\"([^\"]*" + java.util.regex.Pattern.quote(part) + "[^\"]*)\"").matcher(html);
        assertThat(m.find()).as("a link to " + part).isTrue();
        return m.group(1).replace("&amp;", "&");
    }

    @Test
    void nothingIsShownForAnElectionWhosePollsAreStillOpen() {
        var open = fixture.election(java.time.LocalDate.now().plusDays(20),
                org.electora.election.ElectionAction.START_CAMPAIGN, org.electora.election.ElectionAction.OPEN_POLLS);
        var page = Api.anonymous(port).get("/results/elections/" + open.election().id().value());
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("id=\"not-yet\"", "after polls close")
                .doesNotContain("Aliyeva", "<circle");
    }

    @Test
    void aStationPageShowsEveryVersionAndWhatChanged() {
        var page = Api.anonymous(port).get("/results/elections/" + electionId + "/stations/" + amended.code() + "?lang=en");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("v1", "v2", "Recount of candidate lines", "class=\"num changed\"",
                "10. Valid ballots");
        // Each version's fingerprint, as the copy posted at the station door prints it.
        var protocol = protocols.protocol(election.contest().id().value(), amended.id().value()).orElseThrow();
        protocols.versions(protocol.id()).forEach(v -> assertThat(page.body()).contains("title=\"" + v.contentSha256() + "\""));
    }

    @Test
    void theFormsLinesShareBaseAndTurnoutReadInThePagesLanguage() {
        String station = "/results/elections/" + electionId + "/stations/" + amended.code();
        assertThat(Api.anonymous(port).get(station + "?lang=ru").body())
                .contains("10. Число действительных бюллетеней", "1. Число избирателей в списке, включая дополнительные списки")
                .doesNotContain("Valid ballots");
        assertThat(Api.anonymous(port).get(station + "?lang=az").body())
                .contains("10. Etibarlı bülletenlərin sayı").doesNotContain("Valid ballots");
        String nation = "/results/elections/" + electionId;
        assertThat(Api.anonymous(port).get(nation + "?lang=ru").body())
                .contains("доли от числа действительных бюллетеней", "(строки 4 + 5)").doesNotContain("valid ballots");
        assertThat(Api.anonymous(port).get(nation + "?lang=az").body())
                .contains("etibarlı bülletenlər üzrə paylar", "(sətir 4 + 5)").doesNotContain("valid ballots");
        assertThat(Api.anonymous(port).get("/elections/" + electionId + "?lang=ru").body())
                .contains("Протокол участковой комиссии, выборы президента (модельная форма СНГ)",
                        "Число бюллетеней, выданных вне помещения для голосования (переносной ящик)",
                        "выдано не больше бюллетеней, чем избирателей в списке")
                .doesNotContain("no more ballots issued than voters on the list");
        assertThat(Api.anonymous(port).get("/results/elections/" + electionId + "/turnout?lang=ru").body())
                .contains("Явка — это бюллетени, выданные в помещении и вне помещения для голосования (строки 4 + 5)");
    }

    @Test
    void drillingDownFromTheNationToAStationInARealBrowser() throws Exception {
        browser = Browser.start();
        browser.get(url("/results/elections/" + electionId + "?lang=en"));
        var wait = new WebDriverWait(browser, java.time.Duration.ofSeconds(10));
        // ECharts draws SVG into the chart containers once its script has run
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-shares svg")));
        assertThat(browser.findElements(By.cssSelector("#results-map circle"))).hasSizeGreaterThan(1);
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/screenshots"));
        java.nio.file.Files.write(java.nio.file.Path.of("target/screenshots/results-nation.png"), browser.getScreenshotAs(OutputType.BYTES));

        Browser.clickToLoad(browser, browser.findElement(By.cssSelector("table a[href*='/regions/']")));
        Browser.clickToLoad(browser, browser.findElement(By.cssSelector("table a[href*='/constituencies/']")));
        assertThat(browser.findElement(By.id("stations")).getText()).contains("accepted");
        Browser.clickToLoad(browser, browser.findElement(By.cssSelector("#stations a[href*='/stations/']")));
        assertThat(browser.findElement(By.id("protocol-status")).getText()).isEqualTo("accepted");
        assertThat(browser.findElement(By.id("protocol")).getText()).contains("Valid ballots");

        browser.get(url("/results/elections/" + electionId + "/turnout?lang=en"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-distribution-votes svg path")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-distribution-stations svg path")));
        assertThat(browser.findElement(By.id("chart-distribution-votes")).getText()).contains("Aliyeva Test"); // the legend
        assertThat(browser.findElement(By.id("turnout-bands")).getText()).contains("Babayev Test");
        java.nio.file.Files.write(java.nio.file.Path.of("target/screenshots/results-turnout.png"), browser.getScreenshotAs(OutputType.BYTES));

        browser.get(url("/results/elections/" + electionId + "/abroad?lang=ru"));
        assertThat(browser.findElement(By.id("countries")).getText()).containsAnyOf("США", "Соединенные Штаты", "Соединённые Штаты");
    }

    @Test
    void theScanOfTheCountedProtocolIsPublicOnceTheSnapshotNamesIt() throws Exception {
        var page = Api.anonymous(port).get("/results/elections/" + electionId + "/stations/" + amended.code());
        assertThat(page.body()).contains("id=\"scan-link\"", org.electora.platform.Digests.sha256(SCAN));
        var http = java.net.http.HttpClient.newHttpClient();
        var link = java.util.regex.Pattern.compile("id=\"scan-link\" href=\"([^\"]+)\"").matcher(page.body());
        assertThat(link.find()).isTrue();
        var scan = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(link.group(1).replace("&amp;", "&"))))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(scan.statusCode()).isEqualTo(200);
        assertThat(scan.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(scan.body()).isEqualTo(SCAN);
    }

    @Test
    void theSnapshotPrintsAsAPdfInTheReadersLanguageCachedByItsFingerprint() throws Exception {
        var snapshot = publishing.latest(electionId).orElseThrow();
        String path = "/open-data/elections/" + electionId + "/" + snapshot.sequence() + "/results.pdf?lang=ru";
        var pdf = Api.anonymous(port).getBytes(path);
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        String etag = pdf.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).contains(snapshot.sha256() + "-pdf-ru");
        String text = PdfTexts.of(pdf);
        SnapshotContent content = publishing.parsed(electionId, snapshot.sequence()).orElseThrow();
        assertThat(text).contains("Итоги по стране", "Предварительные", "Aliyeva Test", "Babayev Test", snapshot.sha256(),
                "доли от числа действительных бюллетеней").doesNotContain("Подписи");
        assertThat(text.replaceAll("[\\s\u00a0\u202f]", "")).contains(Long.toString(content.nation().ballotsIssued()),
                Long.toString(content.nation().votes().getFirst()));
        content.regions().forEach(r -> assertThat(text).contains(r.name()));

        var again = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(url(path))).header("If-None-Match", etag).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(Api.anonymous(port).get("/results/elections/" + electionId + "?lang=az").body())
                .contains("/results.pdf?lang=az");
        // Without ?lang= the file is English, whatever the reader's language cookie says: one address, one file.
        var english = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        url("/open-data/elections/" + electionId + "/" + snapshot.sequence() + "/results.pdf")))
                .header("Cookie", "electora-lang=ru").header("Accept-Language", "ru").build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(english.headers().firstValue("ETag").orElseThrow()).contains("-pdf-en");
        assertThat(PdfTexts.of(english.body())).contains("National totals").doesNotContain("Итоги");
    }

    @Test
    void openDataOfThePageIsTheSnapshotItNames() {
        var csv = Api.anonymous(port).get("/open-data/elections/" + electionId + "/1/stations.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).contains(amended.code());
    }
}
