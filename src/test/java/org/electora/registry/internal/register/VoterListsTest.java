package org.electora.registry.internal.register;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.electora.geography.PollingStation;
import org.electora.platform.Digests;
import org.electora.registry.internal.SyntheticPeople;
import org.electora.support.Api;
import org.electora.support.Browser;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Voter lists per station over real HTTP and PostgreSQL: the PDF parsed back, the CSV, printings and the change log
 * after printing, who may read which list, and displaced voters on resettled-area lists.
 */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VoterListsTest {

    private static final String PASSWORD = "lists password 1";
    private static final long SEED = 12_2026L;
    private static final String WHY = "printing for the precinct commission";

    /** The Azerbaijani alphabet's order (ç after c, ə after e, x after h, ı/I before i/İ, q after k, …), Cyrillic last. */
    private static final List<String> SORTED = List.of(
            "Abbasov Rauf", "Ağayev Rauf", "Cəfərov Rauf", "Çələbiyev Rauf", "Dadaşov Rauf", "Eyvazov Rauf",
            "Əliyev Rauf", "Fərzəliyev Rauf", "Hüseynov Rauf", "Xəlilov Rauf", "İsmayılov Rauf", "Kərimov Rauf",
            "Qasımov Rauf", "Məmmədov Anar", "Məmmədov Cavid", "Məmmədov Çingiz", "Orucov Rauf", "Ömərov Rauf",
            "Rəhimov Rauf", "Sadıqov Rauf", "Şükürov Rauf", "Tağıyev Rauf", "Usubov Rauf", "Üzeyirov Rauf",
            "Vəliyev Rauf", "Zeynalov Rauf", "Абдуллаев Рауф", "Иванов Пётр", "Яковлев Рауф");

    @LocalServerPort int port;
    @Autowired ElectionFixture fixture;
    @Autowired RegisterReference reference;
    @Autowired JdbcClient jdbc;

    private final SplittableRandom random = new SplittableRandom(SEED);
    private ElectionFixture.Counting election;
    private String run;
    private Api admin;
    private Api pecSorted;
    private Api pecChanges;
    private Api pecThird;
    private Api conSorted;
    private Api consular;
    private Api auditor;
    private PollingStation sorted;     // the list whose order and layout are checked
    private PollingStation changes;    // the list printed and then changed
    private PollingStation third;      // home of a voter who brings a certificate to `changes`
    private PollingStation abroad;
    private String region;
    private String settlement;

    @BeforeAll
    void setUp() {
        System.out.println("VoterListsTest seed " + SEED);
        election = fixture.election(LocalDate.now().plusDays(30));
        admin = Api.admin(port);
        List<PollingStation> plain = election.domestic().stream().filter(s -> !s.resettledArea()).toList();
        sorted = plain.get(2);
        changes = plain.get(3);
        third = plain.get(4);
        abroad = election.abroad().getFirst();
        SeededSettlement first = SeededSettlement.first(reference, jdbc, election.map().id().value());
        region = first.region();
        settlement = first.name();
        run = UUID.randomUUID().toString().substring(0, 8);
        pecSorted = staff("pec-sorted", "PRECINCT_OPERATOR", "STATION", sorted.id().value());
        pecChanges = staff("pec-changes", "PRECINCT_OPERATOR", "STATION", changes.id().value());
        pecThird = staff("pec-third", "PRECINCT_OPERATOR", "STATION", third.id().value());
        conSorted = staff("con-sorted", "CONSTITUENCY_OPERATOR", "CONSTITUENCY", sorted.constituencyId().value());
        consular = staff("consular", "CONSULAR_OFFICER", "MISSION", abroad.abroad().missionId().value());
        auditor = staff("aud", "AUDITOR", "NATIONAL", null);

        var shuffled = new ArrayList<>(SORTED);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            shuffled.set(i, shuffled.set(j, shuffled.get(i)));
        }
        for (String name : shuffled) {
            String[] parts = name.split(" ");
            register(voter(parts[0], parts[1], parts[0].matches("\\p{IsCyrillic}+") ? "Иванович" : "Anar oğlu", null), sorted);
        }
    }

    @Test
    void thePdfIsLandscapeA4InTheAzerbaijaniAlphabetsOrderWithTheCommissionsColumnsAndPageXOfY() throws IOException {
        long readsBefore = reads(sorted);
        var pdf = pecSorted.getBytes(path(sorted, ".pdf") + "&reason=" + enc(WHY));

        assertThat(pdf.status()).as(new String(pdf.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/pdf");
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            int pages = doc.getNumberOfPages();
            assertThat(pages).as("29 voters need two pages, the supplementary list its own").isEqualTo(3);
            for (int i = 0; i < pages; i++) {
                PDPage page = doc.getPage(i);
                assertThat(page.getMediaBox().getWidth()).isCloseTo(841.89f, org.assertj.core.data.Offset.offset(1f));
                assertThat(page.getMediaBox().getHeight()).isCloseTo(595.28f, org.assertj.core.data.Offset.offset(1f));
                String text = pageText(doc, i + 1);
                assertThat(text).contains("Page " + (i + 1) + " of " + pages)
                        .contains(election.election().name())
                        .contains("Polling station " + sorted.number() + " (" + sorted.code() + "), " + sorted.name())
                        .contains("No.", "Family name", "Given name", "Patronymic", "Date of birth", "Address", "ID document",
                                "Signature of", "voter", "receiving", "ballot", "commission member", "DRAFT");
                for (var fontName : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(fontName);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                }
            }
            String all = text(doc);
            assertThat(all).contains("Çələbiyev", "Şükürov", "Ağayev", "İsmayılov", "Qasımov", "Anar oğlu", "Иванов",
                    "Пётр", "Иванович", "Яковлев", "Supplementary list");
            assertThat(listedNames(all)).containsExactlyElementsOf(SORTED);
            assertThat(numbers(all)).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, SORTED.size()).boxed().toList());
        }
        assertThat(reads(sorted)).isEqualTo(readsBefore + 1);
        assertThat(jdbc.sql("SELECT payload::text FROM audit_event WHERE type = 'register.voter-list-downloaded' AND subject = ? ORDER BY intake_id DESC LIMIT 1")
                .param("station:" + sorted.id().value()).query(String.class).single()).contains("PDF-DRAFT", WHY);
    }

    @Test
    void theCsvHasTheDocumentedColumnsAndTheListsRowsInItsOrder() throws IOException {
        var csv = conSorted.getBytes(path(sorted, ".csv") + "&reason=" + enc(WHY));

        assertThat(csv.status()).as(new String(csv.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text).doesNotStartWith("\uFEFF");
        List<CSVRecord> records = CSVFormat.DEFAULT.parse(new StringReader(text)).getRecords();
        assertThat(records.getFirst().toList()).containsExactly("section", "list_number", "family_name", "given_name",
                "patronymic", "date_of_birth", "address", "origin_settlement", "status", "remark");
        List<CSVRecord> rows = records.subList(1, records.size());
        assertThat(rows).hasSize(SORTED.size());
        assertThat(rows.stream().map(r -> r.get(2) + " " + r.get(3)).toList()).containsExactlyElementsOf(SORTED);
        CSVRecord first = rows.getFirst();
        assertThat(first.toList()).containsExactly("MAIN", "1", "Abbasov", "Rauf", "Anar oğlu", "1980-01-01",
                "Nizami street 4, " + settlement, "", "ACTIVE", "");
        assertThat(rows.get(27).get(4)).isEqualTo("Иванович");
    }

    @Test
    void aChangeAfterPrintingAppearsInTheChangeLogWithWhoWhenAndWhyAndInTheReprint() throws IOException {
        Voter stays = register(voter("Babayev", "Elçin", "Anar oğlu", null), changes);
        Voter leaves = register(voter("Nəsirov", "Tural", "Anar oğlu", null), changes);
        Voter removed = register(voter("Rüstəmov", "Vüqar", "Anar oğlu", null), changes);
        Voter arrives = register(voter("Şirinov", "Kamran", "Anar oğlu", null), third);
        assertThat(pecChanges.get(path(changes, "/changes")).json()).isEmpty();

        var v1 = pecChanges.postForBytes(path(changes, "/prints"), Map.of("reason", WHY));
        assertThat(v1.status()).as(new String(v1.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        assertThat(v1.headers().firstValue("X-List-Version")).contains("1");
        assertThat(v1.headers().firstValue("X-Content-SHA256")).contains(Digests.sha256(v1.body()));
        assertThat(jdbc.sql("SELECT pdf_sha256 FROM voter_list_print WHERE election_id = ? AND station_id = ? AND version = 1")
                .params(election.election().id().value(), changes.id().value()).query(String.class).single())
                .isEqualTo(Digests.sha256(v1.body()));
        int leavesNumber = printedNumber(v1.body(), "Nəsirov");
        int removedNumber = printedNumber(v1.body(), "Rüstəmov");

        var issued = pecChanges.post("/api/v1/transfer-certificates", Map.of("voterId", leaves.id, "electionId", election.election().id().value()));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String outgoing = issued.json().get("number").asString();
        var theirs = pecThird.post("/api/v1/transfer-certificates", Map.of("voterId", arrives.id, "electionId", election.election().id().value()));
        assertThat(theirs.status()).as(theirs.body()).isEqualTo(201);
        String incoming = theirs.json().get("number").asString();
        var used = pecChanges.post("/api/v1/transfer-certificates/" + incoming + "/use",
                Map.of("nationalId", arrives.nationalId, "stationId", changes.id().value()));
        assertThat(used.status()).as(used.body()).isEqualTo(201);
        // Any other path that ends a registration (a change of the voter's status, a review decision) is picked up
        // the same way: the change log reads the registration, not the code path.
        jdbc.sql("""
                        UPDATE registration SET status = 'MOVED', active = false, ended_at = now(), end_reason = 'voter deceased',
                            ended_by = 'registrar-x', version = version + 1
                        WHERE voter_id = ? AND election_id = ? AND active""")
                .params(removed.id, election.election().id().value()).update();

        var log = pecChanges.get(path(changes, "/changes"));
        assertThat(log.status()).as(log.body()).isEqualTo(200);
        var entries = log.json();
        assertThat(entries).hasSize(3);
        assertThat(log.body()).doesNotContain("Nəsirov", "Şirinov", "Rüstəmov");
        var transferred = find(entries, "TRANSFER_CERTIFICATE_ISSUED");
        assertThat(transferred.get("listNumber").asInt()).isEqualTo(leavesNumber);
        assertThat(transferred.get("onPrintedList").asBoolean()).isTrue();
        assertThat(transferred.get("voterId").asLong()).isEqualTo(leaves.id);
        assertThat(transferred.get("by").asString()).isEqualTo("ls-" + run + "-pec-changes");
        assertThat(transferred.get("why").asString()).contains(outgoing);
        assertThat(transferred.get("at").asString()).isNotBlank();
        var added = find(entries, "SUPPLEMENTARY_ADDED");
        assertThat(added.get("voterId").asLong()).isEqualTo(arrives.id);
        assertThat(added.get("onPrintedList").asBoolean()).isFalse();
        assertThat(added.get("listNumber").asInt()).as("after Babayev and the marked Nəsirov").isEqualTo(3);
        assertThat(added.get("by").asString()).isEqualTo("ls-" + run + "-pec-changes");
        assertThat(added.get("why").asString()).contains(incoming);
        var gone = find(entries, "MOVED");
        assertThat(gone.get("listNumber").asInt()).isEqualTo(removedNumber);
        assertThat(gone.get("by").asString()).isEqualTo("registrar-x");
        assertThat(gone.get("why").asString()).isEqualTo("voter deceased");

        var v2 = pecChanges.postForBytes(path(changes, "/prints"), Map.of("reason", WHY));
        assertThat(v2.status()).isEqualTo(201);
        assertThat(v2.headers().firstValue("X-List-Version")).contains("2");
        try (PDDocument doc = Loader.loadPDF(v2.body())) {
            String text = text(doc);
            String changesSection = text.substring(text.lastIndexOf("Changes since printing"));
            assertThat(changesSection).contains("transfer certificate issued", "Nəsirov Tural", outgoing,
                    "added to supplementary list", "Şirinov Kamran", incoming, "moved to another list", "Rüstəmov Vüqar",
                    "voter deceased", "registrar-x");
            String supplementary = text.substring(text.indexOf("Supplementary list"), text.lastIndexOf("Changes since printing"));
            assertThat(supplementary).contains("Şirinov", "by certificate", incoming);
            String main = text.substring(0, text.indexOf("Supplementary list"));
            assertThat(main).contains("Printed version 2", "Babayev", "Nəsirov", outgoing).doesNotContain("Rüstəmov");
            assertThat(stays.id).isPositive();
        }
        var summary = pecChanges.get(path(changes, ""));
        assertThat(summary.status()).isEqualTo(200);
        assertThat(summary.json().get("prints")).hasSize(2);
        assertThat(summary.json().get("prints").get(1).get("changes").asInt()).isEqualTo(3);
        assertThat(summary.json().get("voters").asInt()).isEqualTo(1);
        assertThat(summary.json().get("supplementary").asInt()).isEqualTo(1);
        assertThat(summary.json().get("transferred").asInt()).isEqualTo(1);
        assertThat(summary.json().get("changesSincePrinting").asInt()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE type = 'register.voter-list-printed' AND subject = ?")
                .param("station:" + changes.id().value()).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void eachOfficialSeesOnlyTheListsOfItsScopeAndBadInputGetsItsRuleCode() {
        assertThat(pecChanges.get(path(sorted, "")).status()).isEqualTo(403);
        assertThat(pecChanges.getBytes(path(sorted, ".csv") + "&reason=" + enc(WHY)).status()).isEqualTo(403);
        assertThat(pecChanges.postForBytes(path(sorted, "/prints"), Map.of("reason", WHY)).status()).isEqualTo(403);
        assertThat(pecChanges.get(path(sorted, "/changes")).status()).isEqualTo(403);
        assertThat(consular.get(path(sorted, "")).status()).isEqualTo(403);
        assertThat(conSorted.get(path(changes, "")).status())
                .isEqualTo(changes.constituencyId().equals(sorted.constituencyId()) ? 200 : 403);
        assertThat(consular.get(path(abroad, "")).status()).isEqualTo(200);
        assertThat(auditor.get(path(sorted, "")).status()).isEqualTo(403);
        assertThat(Api.anonymous(port).get(path(sorted, "")).status()).isEqualTo(401);

        var unknown = admin.get("/api/v1/stations/987654321/voter-list?election=" + election.election().id().value());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("REG-130");
        var noElection = admin.get("/api/v1/stations/" + sorted.id().value() + "/voter-list?election=987654321");
        assertThat(noElection.status()).isEqualTo(404);
        assertThat(noElection.body()).contains("REG-130");

        long printsBefore = prints(sorted);
        var noReason = pecSorted.postForBytes(path(sorted, "/prints"), Map.of("reason", " "));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(new String(noReason.body(), StandardCharsets.UTF_8)).contains("REG-041");
        assertThat(prints(sorted)).isEqualTo(printsBefore);
        var csvWithoutReason = pecSorted.get(path(sorted, ".csv"));
        assertThat(csvWithoutReason.status()).isEqualTo(422);
        assertThat(csvWithoutReason.body()).contains("REG-041");

        jdbc.sql("""
                        SELECT ps.id FROM polling_station ps WHERE ps.map_version_id <> ? ORDER BY ps.id LIMIT 1""")
                .param(election.map().id().value()).query(Long.class).optional().ifPresent(foreignMapStation -> {
                    var otherMap = admin.get("/api/v1/stations/" + foreignMapStation + "/voter-list?election=" + election.election().id().value());
                    assertThat(otherMap.status()).isEqualTo(422);
                    assertThat(otherMap.body()).contains("REG-131");
                });

        var badRule = admin.put("/api/v1/register/displaced-voters-rule?election=" + election.election().id().value(),
                Map.of("displacedVoters", "SOMEWHERE"));
        assertThat(badRule.status()).isEqualTo(422);
        assertThat(badRule.body()).contains("REG-134");
        var fixed = admin.put("/api/v1/register/displaced-voters-rule?election=" + election.election().id().value(),
                Map.of("displacedVoters", "AT_ORIGIN"));
        assertThat(fixed.status()).as("this election has registrations already").isEqualTo(409);
        assertThat(fixed.body()).contains("REG-135");
        assertThat(pecSorted.put("/api/v1/register/displaced-voters-rule?election=" + election.election().id().value(),
                Map.of("displacedVoters", "AT_RESIDENCE")).status()).isEqualTo(403);
    }

    @Test
    void underTheAtOriginRuleDisplacedVotersAreOnTheirOriginsResettledAreaListWithTheOriginShown() throws IOException {
        var displacedElection = fixture.election(LocalDate.now().plusDays(40));
        long electionId = displacedElection.election().id().value();
        PollingStation resettled = displacedElection.domestic().stream().filter(PollingStation::resettledArea).findFirst()
                .orElseThrow(() -> new AssertionError("the small demo republic has stations in resettled areas"));
        String origin = resettled.address().substring(resettled.address().lastIndexOf(',') + 1).strip();
        String originRegion = jdbc.sql("SELECT region FROM register_settlement WHERE map_version_id = ? AND name = ? LIMIT 1")
                .params(displacedElection.map().id().value(), origin).query(String.class).single();
        String street = "Origin test street " + run;
        var originRule = admin.post("/api/v1/register/assignment-rules", Map.of("region", originRegion,
                "settlement", origin, "street", street, "stationId", resettled.id().value()));
        assertThat(originRule.status()).as(originRule.body()).isEqualTo(201);
        String homeStreet = "Residence test street " + run;
        var homeRule = admin.post("/api/v1/register/assignment-rules", Map.of("region", region, "settlement", settlement,
                "street", homeStreet, "stationId", sorted.id().value()));
        assertThat(homeRule.status()).as(homeRule.body()).isEqualTo(201);
        Voter displaced = voter("Qaçqın", "Elnur", "Anar oğlu", origin, homeStreet);

        var rule = admin.put("/api/v1/register/displaced-voters-rule?election=" + electionId, Map.of("displacedVoters", "AT_ORIGIN"));
        assertThat(rule.status()).as(rule.body()).isEqualTo(200);
        assertThat(admin.get("/api/v1/register/displaced-voters-rule?election=" + electionId).json().get("displacedVoters").asString())
                .isEqualTo("AT_ORIGIN");
        var assigned = admin.post("/api/v1/register/assignments?election=" + electionId, Map.of());
        assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
        assertThat(assigned.json().get("displacedAtOrigin").asLong()).isPositive();

        long station = jdbc.sql("SELECT station_id FROM registration WHERE voter_id = ? AND election_id = ? AND active")
                .params(displaced.id, electionId).query(Long.class).single();
        PollingStation listedAt = displacedElection.domestic().stream().filter(s -> s.id().value() == station).findFirst().orElseThrow();
        assertThat(listedAt.resettledArea()).isTrue();
        assertThat(listedAt.address()).endsWith(origin);
        assertThat(station).isNotEqualTo(sorted.id().value());

        String query = "/api/v1/stations/" + station + "/voter-list";
        var csv = admin.getBytes(query + ".csv?election=" + electionId + "&reason=" + enc(WHY));
        assertThat(csv.status()).isEqualTo(200);
        CSVRecord row = CSVFormat.DEFAULT.parse(new StringReader(new String(csv.body(), StandardCharsets.UTF_8))).getRecords()
                .stream().filter(r -> r.get(2).equals("Qaçqın")).findFirst().orElseThrow();
        assertThat(row.get(7)).isEqualTo(origin);
        assertThat(row.get(6)).isEqualTo(homeStreet + " 4, " + settlement);
        var pdf = admin.getBytes(query + ".pdf?election=" + electionId + "&reason=" + enc(WHY));
        assertThat(pdf.status()).isEqualTo(200);
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            String text = text(doc);
            assertThat(text).contains("Origin settlement", "resettled area");
            String line = text.lines().filter(l -> l.contains("Qaçqın")).findFirst().orElseThrow();
            assertThat(line).contains(origin);
        }
        assertThat(admin.get(query + "?election=" + electionId).json().get("displaced").asInt()).isPositive();
        var late = admin.put("/api/v1/register/displaced-voters-rule?election=" + electionId, Map.of("displacedVoters", "AT_RESIDENCE"));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.body()).contains("REG-135");
    }

    @Test
    void aPrecinctOperatorSeesItsListPageWithTheChangeLogAndIsRefusedAnotherStationsPage() {
        var driver = Browser.start();
        try {
            driver.get("http://127.0.0.1:" + port + "/login?lang=en");
            driver.findElement(By.id("username")).sendKeys("ls-" + run + "-pec-sorted");
            driver.findElement(By.id("password")).sendKeys(PASSWORD);
            Browser.clickToLoad(driver, driver.findElement(By.id("sign-in")));
            driver.get("http://127.0.0.1:" + port + "/register/lists?election=" + election.election().id().value());
            assertThat(driver.findElement(By.id("voter-lists")).getText()).contains(sorted.code()).doesNotContain(changes.code());
            Browser.clickToLoad(driver, driver.findElement(By.partialLinkText(sorted.code())));
            assertThat(driver.findElement(By.id("count-voters")).getText()).isEqualTo(Integer.toString(SORTED.size()));
            assertThat(driver.findElements(By.id("download"))).hasSize(1);
            driver.get("http://127.0.0.1:" + port + "/register/lists/" + changes.id().value() + "?election=" + election.election().id().value());
            assertThat(driver.findElement(By.id("refused")).getText()).startsWith("403");
        } finally {
            driver.quit();
        }
    }

    // --- helpers

    record Voter(long id, String nationalId) {
    }

    private Voter voter(String family, String given, String patronymic, String origin) {
        return voter(family, given, patronymic, origin, "Nizami street");
    }

    private Voter voter(String family, String given, String patronymic, String origin, String street) {
        String id = nationalId();
        var r = admin.postRaw("/api/v1/register/imports", "text/csv", RegisterCsv.HEADER + "\n" + id + "," + family + ","
                + given + "," + patronymic + ",1980-01-01,M," + region + "," + settlement + "," + street + ",4,,,"
                + (origin == null ? "" : origin) + ",ACTIVE,,\n");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new Voter(jdbc.sql("SELECT id FROM voter WHERE national_id = ?").param(id).query(Long.class).single(), id);
    }

    private Voter register(Voter voter, PollingStation station) {
        jdbc.sql("INSERT INTO registration (election_id, voter_id, station_id, reason) VALUES (?, ?, ?, 'RESIDENCE')")
                .params(election.election().id().value(), voter.id, station.id().value()).update();
        return voter;
    }

    private String path(PollingStation station, String suffix) {
        String base = "/api/v1/stations/" + station.id().value() + "/voter-list" + suffix;
        return base + "?election=" + election.election().id().value();
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The text line by line as printed (cells of one row on one line), not in drawing order. */
    private static String text(PDDocument doc) throws IOException {
        var stripper = new PDFTextStripper();
        stripper.setSortByPosition(true);
        return stripper.getText(doc);
    }

    private static String pageText(PDDocument doc, int page) throws IOException {
        var stripper = new PDFTextStripper();
        stripper.setSortByPosition(true);
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        return stripper.getText(doc);
    }

    private static final Pattern ROW = Pattern.compile("^(\\d+) (\\S+) (\\S+) ");

    /** "Family Given" of every numbered row, top to bottom. */
    private static List<String> listedNames(String text) {
        return text.lines().map(ROW::matcher).filter(Matcher::find).map(m -> m.group(2) + " " + m.group(3)).toList();
    }

    private static List<Integer> numbers(String text) {
        return text.lines().map(ROW::matcher).filter(Matcher::find).map(m -> Integer.parseInt(m.group(1))).toList();
    }

    private static int printedNumber(byte[] pdf, String family) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return text(doc).lines().map(ROW::matcher).filter(Matcher::find)
                    .filter(m -> m.group(2).equals(family)).map(m -> Integer.parseInt(m.group(1))).findFirst().orElseThrow();
        }
    }

    private static tools.jackson.databind.JsonNode find(tools.jackson.databind.JsonNode entries, String kind) {
        for (var e : entries) {
            if (e.get("kind").asString().equals(kind)) {
                return e;
            }
        }
        throw new AssertionError("no " + kind + " in " + entries);
    }

    private long reads(PollingStation station) {
        return jdbc.sql("SELECT count(*) FROM personal_data_access WHERE what = 'STATION_LIST' AND station_id = ?")
                .param(station.id().value()).query(Long.class).single();
    }

    private long prints(PollingStation station) {
        return jdbc.sql("SELECT count(*) FROM voter_list_print WHERE station_id = ?").param(station.id().value())
                .query(Long.class).single();
    }

    private String nationalId() {
        String digits = String.format("%08d", random.nextInt(100_000_000));
        return digits + SyntheticPeople.luhn(digits);
    }

    private Api staff(String name, String role, String scopeKind, Long scopeId) {
        Map<String, Object> body = new HashMap<>(Map.of("username", "ls-" + run + "-" + name, "displayName", name,
                "role", role, "scopeKind", scopeKind, "password", PASSWORD));
        body.put("scopeId", scopeId);
        var r = admin.post("/api/v1/staff", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return Api.as(port, "ls-" + run + "-" + name, PASSWORD);
    }
}
