package org.electora.publication;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.electora.geography.ElectoralMap;
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
import static org.electora.publication.ExpectedTotals.number;
import static org.electora.publication.ExpectedTotals.percent;
import static org.electora.publication.ExpectedTotals.spaces;
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
    @Autowired ElectoralMap map;

    private static final java.util.Locale EN = java.util.Locale.ENGLISH;

    /** A 1×1 PNG standing in for the photo of the signed paper protocol. */
    private static final byte[] SCAN = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private ElectionFixture.Counting election;
    private long electionId;
    private PollingStation amended;
    private PollingStation abroad;
    /** What the snapshot must publish, summed from the protocols submitted here. */
    private ExpectedTotals expected;
    private ChromeDriver browser;

    @BeforeAll
    void publishedResults() {
        election = fixture.counting();
        electionId = election.election().id().value();
        long contest = election.contest().id().value();
        expected = new ExpectedTotals(map, election.map().id(), election.candidates().size());
        List<PollingStation> domestic = election.domestic();
        for (int i = 0; i < domestic.size(); i++) {
            submit(contest, domestic.get(i), aProtocol().withVotes(500 + i, 300, 100).withVotersOnList(1200), null, null);
        }
        amended = domestic.getFirst();
        submit(contest, amended, aProtocol().withVotes(480, 320, 100).withVotersOnList(1200), 1, "Recount of candidate lines");
        var protocol = protocols.protocol(contest, amended.id().value()).orElseThrow();
        CurrentStaff.runAsSystem(() -> protocols.attachScan(protocol.id(), 2, "image/png", SCAN));
        abroad = election.abroad().getFirst();
        submit(contest, abroad, aProtocol().withVotes(40, 70, 5).withVotersOnList(300), null, null);
        CurrentStaff.runAsSystem(() -> publishing.publish(election.election().id()));
    }

    private void submit(long contest, PollingStation s, ProtocolBuilder p, Integer version, String reason) {
        if (expected != null && contest == election.contest().id().value()) {
            expected.count(s, p);
        }
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
    void theNationalPageShowsTheSubmittedVotesSharesTurnoutAndStationsReporting() {
        String html = Api.anonymous(port).get("/results/elections/" + electionId + "?lang=en").body();
        ExpectedTotals.Sum nation = expected.nation();
        int counted = election.domestic().size() + 1;
        assertThat(nation.counted()).isEqualTo(counted);
        int stationsOnMap = election.domestic().size() + election.abroad().size();

        String figures = text(element(html, "<ul class=\"cards figures\">", "</ul>"));
        assertThat(figures).contains(
                number(counted, EN) + " / " + number(stationsOnMap, EN) + " stations reported / expected",
                number(nation.voters(), EN) + " voters on the lists",
                number(nation.issued(), EN) + " ballots issued",
                percent(nation.issued(), nation.voters(), EN) + " turnout",
                number(nation.valid(), EN) + " / " + number(nation.invalid(), EN) + " valid / invalid ballots");

        String candidates = element(html, "<table class=\"candidates\">", "</table>");
        assertThat(text(candidates)).contains("shares of valid ballots (" + number(nation.valid(), EN) + ")");
        List<String> rows = rows(candidates);
        assertThat(rows).hasSize(election.candidates().size());
        for (var c : election.candidates()) {
            long votes = nation.votes(c.ballotOrder());
            assertThat(rows).as(c.fullName()).contains(c.ballotOrder() + " " + c.fullName() + " " + c.nominatedBy() + " "
                    + number(votes, EN) + " " + percent(votes, nation.valid(), EN));
        }

        // The amended station's region, in the table of regions: its stations reporting, turnout and leader.
        String regionCode = expected.regionOf(amended);
        var region = map.regions(election.map().id()).stream().filter(r -> r.code().equals(regionCode)).findFirst().orElseThrow();
        ExpectedTotals.Sum inRegion = expected.region(regionCode);
        int leader = inRegion.leader();
        List<String> regionRows = rows(element(html, "<caption>Results by region", "</table>"));
        assertThat(regionRows).hasSize(map.regions(election.map().id()).size());
        assertThat(regionRows).contains(region.name() + " " + inRegion.counted() + " / "
                + expected.expected(s -> regionCode.equals(expected.regionOf(s))) + " "
                + percent(inRegion.issued(), inRegion.voters(), EN) + " " + election.candidates().get(leader - 1).fullName()
                + " " + percent(inRegion.votes(leader), inRegion.valid(), EN));
    }

    @Test
    void aRegionPageListsItsConstituenciesWithTheSubmittedNumbers() {
        String regionCode = expected.regionOf(amended);
        String html = Api.anonymous(port).get("/results/elections/" + electionId + "/regions/" + regionCode + "?lang=en").body();
        ExpectedTotals.Sum inRegion = expected.region(regionCode);
        assertThat(text(element(html, "<ul class=\"cards figures\">", "</ul>"))).contains(
                number(inRegion.voters(), EN) + " voters on the lists",
                number(inRegion.valid(), EN) + " / " + number(inRegion.invalid(), EN) + " valid / invalid ballots");

        String code = amended.constituencyCode();
        ExpectedTotals.Sum inConstituency = expected.constituency(code);
        var constituency = map.constituencies(election.map().id()).stream().filter(c -> c.code().equals(code)).findFirst().orElseThrow();
        int leader = inConstituency.leader();
        List<String> rows = rows(element(html, "<caption>Results by constituency", "</table>"));
        assertThat(rows).isNotEmpty();
        assertThat(rows).contains(constituency.name() + " " + inConstituency.counted() + " / "
                + expected.expected(s -> code.equals(s.constituencyCode())) + " "
                + percent(inConstituency.issued(), inConstituency.voters(), EN) + " "
                + election.candidates().get(leader - 1).fullName() + " " + percent(inConstituency.votes(leader), inConstituency.valid(), EN));
    }

    @Test
    void theAbroadPageShowsEachHostCountrysSubmittedNumbers() {
        String html = Api.anonymous(port).get("/results/elections/" + electionId + "/abroad?lang=en").body();
        String country = abroad.abroad().hostCountry();
        ExpectedTotals.Sum there = expected.country(country);
        assertThat(there.counted()).isEqualTo(1);
        long countries = election.abroad().stream().map(s -> s.abroad().hostCountry()).distinct().count();
        List<String> rows = rows(element(html, "<table id=\"countries\">", "</table>"));
        assertThat(rows).hasSize((int) countries);
        int leader = there.leader();
        assertThat(leader).isEqualTo(2); // 40, 70, 5
        assertThat(rows).contains(new java.util.Locale("", country).getDisplayCountry(EN) + " " + there.counted() + " / "
                + expected.expected(s -> s.isAbroad() && s.abroad().hostCountry().equals(country)) + " "
                + number(300, EN) + " " + percent(there.issued(), 300, EN) + " "
                + election.candidates().get(leader - 1).fullName() + " " + percent(70, 115, EN));
    }

    @Test
    void theStationsAbroadTableNamesEachStationsHostCountryInTheReadersLanguage() {
        var cell = java.util.regex.Pattern.compile("<td class=\"country\">([^<]*)</td>");
        for (java.util.Locale reader : List.of(EN, java.util.Locale.of("az"), java.util.Locale.of("ru"))) {
            String html = Api.anonymous(port).get("/results/elections/" + electionId + "/abroad?lang=" + reader.getLanguage()).body();
            String table = element(html, "<table id=\"stations\">", "</table>");
            String country = switch (reader.getLanguage()) {
                case "az" -> "Ölkə";
                case "ru" -> "Страна";
                default -> "Country";
            };
            assertThat(text(element(table, "<thead>", "</thead>"))).as(reader.toString()).startsWith(country + " ");
            List<String> rows = rows(table);
            assertThat(rows).as(reader.toString()).hasSize(election.abroad().size());
            for (PollingStation s : election.abroad()) {
                String name = java.util.Locale.of("", s.abroad().hostCountry()).getDisplayCountry(reader);
                assertThat(rows).as(reader + " " + s.code()).anySatisfy(r -> assertThat(r).startsWith(name + " " + s.code() + " "));
            }
            // The stations are grouped by country, in the order of the table of countries above them.
            List<String> byStation = new java.util.ArrayList<>();
            var m = cell.matcher(table);
            while (m.find()) {
                if (byStation.isEmpty() || !byStation.getLast().equals(m.group(1))) {
                    byStation.add(m.group(1));
                }
            }
            List<String> countries = rows(element(html, "<table id=\"countries\">", "</table>"));
            assertThat(byStation).as(reader.toString()).doesNotHaveDuplicates().hasSize(countries.size());
            for (int i = 0; i < countries.size(); i++) {
                assertThat(countries.get(i)).as(reader.toString()).startsWith(byStation.get(i) + " ");
            }
        }
        // Only the page abroad has the column: a constituency's stations (some abroad) are listed without it.
        String constituency = Api.anonymous(port).get("/results/elections/" + electionId + "/constituencies/"
                + election.abroad().getFirst().constituencyCode() + "?lang=en").body();
        String table = element(constituency, "<table id=\"stations\">", "</table>");
        assertThat(table).doesNotContain("class=\"country\"");
        assertThat(text(element(table, "<thead>", "</thead>"))).startsWith("Polling station").doesNotContain("Country");
    }

    @Test
    void aStationAbroadNamesItsHostCountryTimeZoneAndClosingAndLeadsToTheResultsAbroad() {
        java.time.ZoneId zone = abroad.timeZone();
        java.time.ZonedDateTime closed = election.election().closesAt(zone);
        java.time.ZoneId capital = map.version(election.map().id()).orElseThrow().capitalZone();
        String local = closed.format(java.time.format.DateTimeFormatter.ofPattern("HH:mm"));
        java.time.ZonedDateTime closedInCapital = closed.withZoneSameInstant(capital);
        String inCapital = closedInCapital.format(java.time.format.DateTimeFormatter.ofPattern("HH:mm"));
        String offset = "UTC" + closed.getOffset().getId().replace("Z", "+00:00");
        Map<String, String> says = Map.of(
                "en", "Polling station abroad: %s · time zone %s (%s) · polls closed at %s local time (%s",
                "az", "Xaricdəki seçki məntəqəsi: %s · saat qurşağı %s (%s) · səsvermənin bitməsi: yerli vaxtla %s (paytaxt vaxtı ilə %s",
                "ru", "Участок за рубежом: %s · часовой пояс %s (%s) · голосование закончилось в %s по местному времени (%s");
        for (var language : says.entrySet()) {
            String html = Api.anonymous(port).get("/results/elections/" + electionId + "/stations/" + abroad.code()
                    + "?lang=" + language.getKey()).body();
            String country = java.util.Locale.of("", abroad.abroad().hostCountry()).getDisplayCountry(java.util.Locale.of(language.getKey()));
            String line = text(element(html, "<p id=\"abroad\"", "</p>"));
            assertThat(line).as(language.getKey()).startsWith(String.format(language.getValue(), country, zone.getId(), offset, local, ""))
                    .contains(spaces(inCapital + (closedInCapital.toLocalDate().equals(closed.toLocalDate()) ? " "
                            : ", " + closedInCapital.format(java.time.format.DateTimeFormatter.ofLocalizedDate(
                                    java.time.format.FormatStyle.MEDIUM).withLocale(java.util.Locale.of(language.getKey()))))));
            assertThat(html).as(language.getKey()).containsPattern(
                    "<a id=\"abroad-link\" href=\"/results/elections/" + electionId + "/abroad\\?sequence=\\d+\">");
        }
        assertThat(local).isEqualTo(election.election().pollsClose().toString());
        assertThat(text(element(Api.anonymous(port).get("/results/elections/" + electionId + "/stations/" + abroad.code()
                + "?lang=en").body(), "<p id=\"abroad\"", "</p>"))).contains("in the capital's time)", "All results abroad");
        // A station at home says nothing of the kind.
        assertThat(Api.anonymous(port).get("/results/elections/" + electionId + "/stations/" + amended.code() + "?lang=en").body())
                .doesNotContain("id=\"abroad\"", "abroad-link");
    }

    /** The part of a page from the first {@code start} to the next {@code end}, both included. */
    private static String element(String html, String start, String end) {
        int from = html.indexOf(start);
        assertThat(from).as("the page holds " + start).isNotNegative();
        int to = html.indexOf(end, from);
        assertThat(to).as("the page closes " + start).isPositive();
        return html.substring(from, to + end.length());
    }

    /** The text of each body row of a table, cells separated by one space. */
    private static List<String> rows(String table) {
        String body = table.contains("<tbody>") ? table.substring(table.indexOf("<tbody>")) : table;
        List<String> rows = new java.util.ArrayList<>();
        var m = java.util.regex.Pattern.compile("<tr>(.*?)</tr>", java.util.regex.Pattern.DOTALL).matcher(body);
        while (m.find()) {
            rows.add(text(m.group(1)));
        }
        return rows;
    }

    /** What a reader sees of some HTML: tags dropped, entities read, white space as single spaces. */
    private static String text(String html) {
        String plain = html.replaceAll("<[^>]*>", " ").replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'").replace("&#x27;", "'").replace("&amp;", "&");
        return spaces(plain).trim();
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
        assertThat(Integer.parseInt(inRegion.group(1))).isEqualTo(expected.region(regionCode.group(1)).counted());

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
        assertThat(page.body()).contains("id=\"not-yet\"", "Results are public from", "(the capital's time)")
                .doesNotContain("Aliyeva", "<circle");
        // In the reader's language, the time as the reader writes it: not the server's English and an ISO instant.
        var ru = Api.anonymous(port).get("/results/elections/" + open.election().id().value() + "?lang=ru");
        assertThat(ru.body()).contains("Результаты будут открыты с", "по времени столицы")
                .doesNotContain("Not yet", "T19:00");
        // Every other results page of the election says the same, not a bare refusal with an ISO instant.
        for (String sub : java.util.List.of("/corrections", "/regions/R01", "/turnout", "/abroad", "?sequence=1")) {
            var other = Api.anonymous(port).get("/results/elections/" + open.election().id().value() + sub);
            assertThat(other.status()).as(sub).isEqualTo(404);
            assertThat(other.body()).as(sub).contains("id=\"not-yet\"", "Results are public from").doesNotContain("PUB-001");
        }
    }

    @Test
    void aStationPageShowsEveryVersionAndWhatChanged() {
        var page = Api.anonymous(port).get("/results/elections/" + electionId + "/stations/" + amended.code() + "?lang=en");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("v1", "v2", "Recount of candidate lines", "class=\"num changed\"",
                "10. Valid ballots");
        // Each version's fingerprint, as the copy posted at the station door prints it.
        var protocol = protocols.protocol(election.contest().id().value(), amended.id().value()).orElseThrow();
        var versions = protocols.versions(protocol.id());
        assertThat(versions).hasSize(2);
        versions.forEach(v -> assertThat(page.body()).contains("title=\"" + v.contentSha256() + "\""));

        // The protocol as counted is version 2's (480 / 320), not version 1's (500 / 300).
        assertThat(text(page.body())).contains("version 2 counts");
        ProtocolBuilder v2 = expected.protocol(amended.code());
        List<String> counted = rows(element(page.body(), "<table id=\"protocol\">", "</table>"));
        assertThat(counted).contains("1. Voters on the list, including supplementary lists " + number(1200, EN),
                "4. Ballots issued at the polling station " + number(v2.lines().get(4), EN),
                "10. Valid ballots " + number(900, EN), "Aliyeva Test 480", "Babayev Test 320", "Qasimov Test 100")
                .doesNotContain("Aliyeva Test 500", "Babayev Test 300");
        // The history shows both, side by side, the changed cells marked.
        List<String> history = rows(element(page.body(), "<table id=\"versions\">", "</table>"));
        assertThat(history).contains("Aliyeva Test 500 480 changed", "Babayev Test 300 320 changed", "Qasimov Test 100 100",
                "10. Valid ballots 900 900");
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
        // The cells a reader sees: each candidate's votes and share, as the submitted protocols sum up.
        ExpectedTotals.Sum nation = expected.nation();
        var candidateRows = browser.findElements(By.cssSelector("table.candidates tbody tr"));
        assertThat(candidateRows).hasSize(election.candidates().size());
        for (var c : election.candidates()) {
            var cells = candidateRows.get(c.ballotOrder() - 1).findElements(By.tagName("td"));
            assertThat(cells.get(1).getText()).isEqualTo(c.fullName());
            assertThat(cells.get(3).getText()).isEqualTo(number(nation.votes(c.ballotOrder()), EN));
            assertThat(cells.get(4).getText()).isEqualTo(percent(nation.votes(c.ballotOrder()), nation.valid(), EN));
        }
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/screenshots"));
        java.nio.file.Files.write(java.nio.file.Path.of("target/screenshots/results-nation.png"), browser.getScreenshotAs(OutputType.BYTES));

        Browser.clickToLoad(browser, browser.findElement(By.cssSelector("table a[href*='/regions/']")));
        Browser.clickToLoad(browser, browser.findElement(By.cssSelector("table a[href*='/constituencies/']")));
        assertThat(browser.findElement(By.id("stations")).getText()).contains("accepted");
        Browser.clickToLoad(browser, browser.findElement(By.cssSelector("#stations a[href*='/stations/']")));
        assertThat(browser.findElement(By.id("protocol-status")).getText()).isEqualTo("accepted");
        assertThat(browser.findElement(By.id("protocol")).getText()).contains("Valid ballots");
        // The station's counted protocol, cell by cell, is the one submitted for it.
        String stationCode = browser.findElement(By.cssSelector("h1 .muted")).getText();
        ProtocolBuilder submitted = expected.protocol(stationCode);
        assertThat(submitted).as(stationCode).isNotNull();
        var lineRows = browser.findElements(By.cssSelector("#protocol tbody tr"));
        assertThat(lineRows).hasSize(submitted.lines().size() + election.candidates().size());
        for (var row : lineRows) {
            var cells = row.findElements(By.tagName("td"));
            String label = cells.get(0).getText();
            var line = java.util.regex.Pattern.compile("^(\\d+)\\. ").matcher(label);
            long want = line.find() ? submitted.lines().get(Integer.parseInt(line.group(1)))
                    : submitted.votesByBallotOrder().get(election.candidates().stream()
                            .filter(c -> c.fullName().equals(label)).findFirst().orElseThrow().ballotOrder());
            assertThat(cells.get(1).getText()).as(label).isEqualTo(number(want, EN));
        }

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
    void aScanIsServedOnlyOnceAPublishedSnapshotNamesIt() throws Exception {
        var other = fixture.counting();
        long id = other.election().id().value();
        long contest = other.contest().id().value();
        PollingStation counted = other.domestic().get(0);
        PollingStation quarantined = other.domestic().get(1);
        submit(contest, counted, aProtocol().withVotes(500, 300, 100), null, null);
        submit(contest, quarantined, aProtocol().withLine(10, 999), null, null);
        CurrentStaff.runAsSystem(() -> publishing.publish(other.election().id()));
        int first = publishing.latest(id).orElseThrow().sequence();

        // Attached after the publication: the bytes are stored, but no published snapshot names them yet.
        byte[] png = uniquePng();
        byte[] quarantinedPng = uniquePng();
        var countedProtocol = protocols.protocol(contest, counted.id().value()).orElseThrow();
        var quarantinedProtocol = protocols.protocol(contest, quarantined.id().value()).orElseThrow();
        assertThat(quarantinedProtocol.status()).isEqualTo(org.electora.results.ProtocolStatus.QUARANTINED);
        String sha = CurrentStaff.runAsSystem(() -> protocols.attachScan(countedProtocol.id(), 1, "image/png", png));
        String quarantinedSha = CurrentStaff.runAsSystem(() -> protocols.attachScan(quarantinedProtocol.id(), 1, "image/png", quarantinedPng));
        assertThat(sha).isEqualTo(org.electora.platform.Digests.sha256(png));
        String scans = "/results/elections/" + id + "/scans/";
        assertThat(Api.anonymous(port).getBytes(scans + sha).status()).isEqualTo(404);
        assertThat(Api.anonymous(port).getBytes(scans + quarantinedSha).status()).isEqualTo(404);
        assertThat(Api.anonymous(port).get("/results/elections/" + id + "/stations/" + counted.code()).body())
                .doesNotContain("id=\"scan-link\"", sha);

        CurrentStaff.runAsSystem(() -> publishing.publish(other.election().id()));
        int second = publishing.latest(id).orElseThrow().sequence();
        assertThat(second).isEqualTo(first + 1);

        var served = Api.anonymous(port).getBytes(scans + sha);
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(served.body()).isEqualTo(png);
        // The older snapshot still does not name it, and a quarantined protocol's scan is never published.
        assertThat(Api.anonymous(port).getBytes(scans + sha + "?sequence=" + first).status()).isEqualTo(404);
        assertThat(Api.anonymous(port).getBytes(scans + quarantinedSha).status()).isEqualTo(404);
        // Nor is a scan another election's snapshot names served under this one.
        assertThat(Api.anonymous(port).getBytes(scans + org.electora.platform.Digests.sha256(SCAN)).status()).isEqualTo(404);
        assertThat(Api.anonymous(port).getBytes("/results/elections/" + electionId + "/scans/" + sha).status()).isEqualTo(404);
    }

    /** A PNG no other test attached (bytes after the image's end keep it a PNG). */
    private static byte[] uniquePng() {
        byte[] tail = UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] png = java.util.Arrays.copyOf(SCAN, SCAN.length + tail.length);
        System.arraycopy(tail, 0, png, SCAN.length, tail.length);
        return png;
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
        // Each figure after its label, as the submitted protocols sum up (Russian: "12 345", "55,12 %").
        var ru = java.util.Locale.forLanguageTag("ru");
        ExpectedTotals.Sum nation = expected.nation();
        String words = spaces(text);
        assertThat(words).contains(
                "участков обработано / всего " + number(nation.counted(), ru) + " / "
                        + number(election.domestic().size() + election.abroad().size(), ru),
                "избирателей в списках " + number(nation.voters(), ru),
                "выдано бюллетеней " + number(nation.issued(), ru),
                "явка " + percent(nation.issued(), nation.voters(), ru),
                "действительных / недействительных бюллетеней " + number(nation.valid(), ru) + " / " + number(nation.invalid(), ru));
        for (var c : election.candidates()) {
            assertThat(words).contains(c.ballotOrder() + " " + c.fullName() + " " + c.nominatedBy() + " "
                    + number(nation.votes(c.ballotOrder()), ru) + " " + percent(nation.votes(c.ballotOrder()), nation.valid(), ru));
        }
        assertThat(content.regions()).hasSize(map.regions(election.map().id()).size());
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
    void openDataOfThePageIsTheSnapshotItNames() throws Exception {
        String page = Api.anonymous(port).get("/results/elections/" + electionId + "?lang=en").body();
        assertThat(page).contains("href=\"/open-data/elections/" + electionId + "/1/stations.csv\"");
        var csv = Api.anonymous(port).get("/open-data/elections/" + electionId + "/1/stations.csv");
        assertThat(csv.status()).isEqualTo(200);
        List<org.apache.commons.csv.CSVRecord> rows = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader()
                .setSkipHeaderRecord(true).get().parse(new java.io.StringReader(csv.body())).getRecords();
        SnapshotContent named = publishing.parsed(electionId, 1).orElseThrow();
        assertThat(rows).hasSize(named.stations().size()).hasSize(election.domestic().size() + election.abroad().size());
        Map<String, SnapshotContent.Station> byCode = new java.util.HashMap<>();
        named.stations().forEach(s -> byCode.put(s.code(), s));
        int countedRows = 0;
        for (var row : rows) {
            String code = row.get("station_code");
            SnapshotContent.Station s = byCode.get(code);
            assertThat(s).as(code).isNotNull();
            assertThat(row.get("protocol_status")).as(code).isEqualTo(s.protocolStatus());
            ProtocolBuilder submitted = expected.protocol(code);
            if (submitted == null) {
                assertThat(s.counted()).as(code).isFalse();
                assertThat(row.get("valid")).as(code).isEmpty();
                assertThat(row.get("votes_1")).as(code).isEmpty();
                continue;
            }
            countedRows++;
            // The snapshot's numbers and the CSV's are both those of the protocol submitted here.
            Map<Integer, Long> lines = submitted.lines();
            assertThat(row.get("counted_version")).as(code).isEqualTo(Integer.toString(s.countedVersion()));
            assertThat(Long.parseLong(row.get("voters_on_list"))).as(code).isEqualTo(s.votersOnList()).isEqualTo(lines.get(1));
            assertThat(Long.parseLong(row.get("ballots_issued"))).as(code).isEqualTo(s.ballotsIssued())
                    .isEqualTo(lines.get(4) + lines.get(5));
            assertThat(Long.parseLong(row.get("valid"))).as(code).isEqualTo(s.valid()).isEqualTo(lines.get(10));
            assertThat(Long.parseLong(row.get("invalid"))).as(code).isEqualTo(s.invalid()).isEqualTo(lines.get(9));
            for (var line : lines.entrySet()) {
                assertThat(Long.parseLong(row.get("line_" + line.getKey()))).as(code + " line " + line.getKey())
                        .isEqualTo(s.lines().get(line.getKey())).isEqualTo(line.getValue());
            }
            for (var v : submitted.votesByBallotOrder().entrySet()) {
                assertThat(Long.parseLong(row.get("votes_" + v.getKey()))).as(code + " votes " + v.getKey())
                        .isEqualTo(s.votes(v.getKey())).isEqualTo(v.getValue());
            }
        }
        assertThat(countedRows).isEqualTo(election.domestic().size() + 1);
        var amendedRow = rows.stream().filter(r -> r.get("station_code").equals(amended.code())).findFirst().orElseThrow();
        assertThat(amendedRow.get("counted_version")).isEqualTo("2");
        assertThat(amendedRow.get("votes_1")).isEqualTo("480");
    }
}
