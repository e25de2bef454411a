package org.electora.results;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.electora.support.Api;
import org.electora.support.Browser;
import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.Fixtures;
import org.electora.support.WebSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The historic import from the browser, over real HTTP: a CEC administrator sends a CSV with a shipped mapping or a
 * mapping file of their own, follows the job's page until it ends, and sees what was imported — or the validation
 * report, every problem with its line and rule code, on the page and as CSV — and a refused file writes nothing.
 */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoricImportPagesTest {

    private static final String PASSWORD = "historic pages password 1";
    private static final byte[] SAMPLE_2024 = Fixtures.resource("/fixtures/russia-2024-sample.csv").getBytes(StandardCharsets.UTF_8);
    private static final Pattern JOB = Pattern.compile("/historic-imports/([0-9a-f-]{36})$");

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired org.electora.support.ElectionFixture fixture;

    private WebSession cec;
    private String cecName;
    private WebSession operator;

    @BeforeAll
    void staff() {
        Api admin = Api.admin(port);
        String run = UUID.randomUUID().toString().substring(0, 8);
        admin.createStaff("hist-" + run + "-cec", "CEC_ADMIN", "NATIONAL", null, PASSWORD);
        cecName = "hist-" + run + "-cec";
        cec = WebSession.signIn(port, cecName, PASSWORD);
        Long constituency = jdbc.queryForObject("SELECT min(id) FROM constituency", Long.class);
        admin.createStaff("hist-" + run + "-con", "CONSTITUENCY_OPERATOR", "CONSTITUENCY", constituency, PASSWORD);
        operator = WebSession.signIn(port, "hist-" + run + "-con", PASSWORD);
    }

    private static String token(WebSession session) {
        return WebSession.csrf(session.get("/historic-imports").body());
    }

    private WebSession.Page send(WebSession session, String mapping, byte[] csv, byte[] mappingFile) {
        return session.postFiles("/historic-imports", token(session), Map.of("mapping", mapping), List.of(
                new WebSession.FilePart("file", "2024-sample.csv", "text/csv", csv),
                new WebSession.FilePart("mappingFile", mappingFile.length == 0 ? "" : "mine.properties", "text/plain", mappingFile)));
    }

    /** Follows the job's page (as its htmx poll does) until the import has ended; the last page. */
    private String ended(String jobPath) {
        String first = cec.get(jobPath).body();
        if (first.contains("data-state=\"RUNNING\"") || first.contains("data-state=\"WAITING\"")) {
            assertThat(first).as("a running job's page polls itself").contains("hx-trigger=\"every 1s\"");
        }
        return cec.awaitState(jobPath, "WAITING", "RUNNING");
    }

    private static String jobPath(WebSession.Page started) {
        assertThat(started.status()).as(started.body()).isEqualTo(302);
        Matcher m = JOB.matcher(started.location());
        assertThat(m.find()).as(started.location()).isTrue();
        return "/historic-imports/" + m.group(1);
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }

    private static String mappingFile(String change, String by) {
        String shipped = Fixtures.resource(HistoricMapping.RUSSIA_2024_RESOURCE);
        assertThat(shipped).contains(change);
        return shipped.replace(change, by);
    }

    @Test
    void aCecAdministratorImportsTheFileWithAShippedMappingAndFollowsItsProgressToTheImportedElection() {
        fixture.counting(); // the installation's own election, counting
        String path = jobPath(send(cec, "russia-2024", SAMPLE_2024, new byte[0]));

        String page = ended(path);

        assertThat(page).contains("data-state=\"IMPORTED\"").doesNotContain("hx-trigger=");
        assertThat(page).contains("id=\"job-imported\"").contains("Imported: 693 stations, 441 protocols counted, 0 quarantined,"
                + " 252 stations without published numbers.");
        // Both phases ran to their end, with their row counts.
        assertThat(page).contains("id=\"phase-validate\"").contains("693 / 693").contains("id=\"phase-load\"").contains("441 / 441");
        Matcher election = Pattern.compile("href=\"/results/elections/(\\d+)\" id=\"job-results\"").matcher(page);
        assertThat(election.find()).isTrue();
        assertThat(jdbc.queryForObject("SELECT name FROM election WHERE id = ?", String.class, Long.parseLong(election.group(1))))
                .isEqualTo("Presidential election of the Russian Federation 2024");
        // The list of imports names it, with its state and who started it.
        assertThat(cec.get("/historic-imports").body()).contains(path).contains("2024-sample.csv").contains("imported");
        // The desk leads a CEC administrator here; its selector offers the import, marked, and opens on another election.
        String desk = cec.get("/desk").body();
        assertThat(desk).contains("href=\"/historic-imports\" id=\"historic-link\"");
        assertThat(desk).containsPattern("<option value=\"" + election.group(1) + "\"[^>]*>[^<]*\\(historic, imported for comparison\\)</option>")
                .doesNotContainPattern("<option value=\"" + election.group(1) + "\" selected");
        // The list of elections says so too.
        assertThat(cec.get("/elections").body()).contains("id=\"historic-" + election.group(1) + "\"");
    }

    @Test
    void aRefusedFileShowsEveryProblemWithItsLineAndRuleCodeOffersTheReportAsCsvAndWritesNothing() {
        long maps = count("map_version");
        long elections = count("election");
        byte[] strict = mappingFile("rows.without-numbers=skip", "rows.without-numbers=reject").getBytes(StandardCharsets.UTF_8);

        String path = jobPath(send(cec, "file", SAMPLE_2024, strict));
        String page = ended(path);

        assertThat(page).contains("data-state=\"REJECTED\"").contains("Refused: 252 problem(s) found, nothing written.");
        assertThat(page).contains("mine.properties");
        // The Kherson region's first row is line 443 of the sample: its problem is on the page with its rule code.
        assertThat(page).contains("<td class=\"num\">443</td><td><abbr title=\"").contains(">HIS-011</abbr>");
        WebSession.Page report = cec.get(path + "/report.csv");
        assertThat(report.status()).isEqualTo(200);
        List<String> lines = report.body().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("line,rule,column,problem");
        assertThat(lines).hasSize(253);
        assertThat(lines.get(1)).startsWith("443,HIS-011,,");
        assertThat(count("map_version")).isEqualTo(maps);
        assertThat(count("election")).isEqualTo(elections);
    }

    @Test
    void aMappingNamingATemplateElectoraDoesNotHaveIsRefusedWithHis009InItsReport() {
        long maps = count("map_version");
        byte[] mapping = mappingFile("template=RU-PRESIDENTIAL-2018", "template=RU-PRESIDENTIAL-1996").getBytes(StandardCharsets.UTF_8);

        String page = ended(jobPath(send(cec, "file", SAMPLE_2024, mapping)));

        assertThat(page).contains("data-state=\"REJECTED\"").contains(">HIS-009</abbr>").contains("RU-PRESIDENTIAL-1996");
        assertThat(count("map_version")).isEqualTo(maps);
    }

    @Test
    void aMappingFileThatCannotBeUsedOrAMissingFileIsRefusedOnTheFormAndStartsNothing() {
        long maps = count("map_version");
        byte[] noCountry = mappingFile("country=RU\n", "").getBytes(StandardCharsets.UTF_8);

        WebSession.Page refused = send(cec, "file", SAMPLE_2024, noCountry);
        assertThat(refused.status()).isEqualTo(302);
        assertThat(refused.location()).endsWith("/historic-imports");
        String form = cec.get("/historic-imports").body();
        assertThat(form).contains("id=\"historic-notice\"").contains("HIS-012").contains("mine.properties is not usable")
                .contains("country");

        WebSession.Page noFile = send(cec, "russia-2024", new byte[0], new byte[0]);
        assertThat(noFile.location()).endsWith("/historic-imports");
        assertThat(cec.get("/historic-imports").body()).contains("HIS-008").contains("Choose the results file");

        WebSession.Page unknown = send(cec, "atlantis-1999", SAMPLE_2024, new byte[0]);
        assertThat(unknown.location()).endsWith("/historic-imports");
        assertThat(cec.get("/historic-imports").body()).contains("HIS-012").contains("no shipped mapping \"atlantis-1999\"");
        assertThat(count("map_version")).isEqualTo(maps);
    }

    /**
     * Over the container's 64 MB limit for a form (the form says so) the server answers 413 before the application
     * sees the request: Tomcat's own short page, not Electora's, and nothing starts.
     */
    @Test
    void aFileOverTheUploadLimitIsRefusedWith413AndStartsNothing() {
        long maps = count("map_version");
        byte[] huge = new byte[65 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) '1');

        WebSession.Page page = send(cec, "russia-2024", huge, new byte[0]);

        assertThat(page.status()).isEqualTo(413);
        assertThat(page.body()).contains("Payload Too Large");
        assertThat(count("map_version")).isEqualTo(maps);
        assertThat(cec.get("/historic-imports").body()).contains("64 MB");
    }

    @Test
    void anImportThatDoesNotExistIsANotFoundPageAndARunningOrImportedOneHasNoReport() {
        assertThat(cec.get("/historic-imports/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(cec.get("/historic-imports/not-a-job").status()).isEqualTo(404);
        String path = jobPath(send(cec, "russia-2024", SAMPLE_2024, new byte[0]));
        ended(path);
        WebSession.Page report = cec.get(path + "/report.csv");
        assertThat(report.status()).isEqualTo(404);
        assertThat(report.body()).contains("has no validation report: it was not refused");
    }

    @Test
    void inABrowserTheDeskLeadsToTheFormAndTheJobPageUpdatesItselfUntilTheImportEnds(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("2024-sample.csv");
        Files.write(csv, SAMPLE_2024);
        ChromeDriver browser = Browser.start();
        try {
            String base = "http://localhost:" + port;
            Browser.signIn(browser, base, cecName, PASSWORD);
            browser.get(base + "/desk?lang=en");
            Browser.clickToLoad(browser, browser.findElement(By.id("historic-link")));
            browser.findElement(By.id("file")).sendKeys(csv.toString());
            browser.findElement(By.id("mapping-russia-2024")).click();
            Browser.clickToLoad(browser, browser.findElement(By.id("historic-start")));
            assertThat(browser.getCurrentUrl()).matches(".*/historic-imports/[0-9a-f-]{36}$");
            // No reload by the test: while the import runs, the page's own htmx poll brings the outcome in. (A file this
            // small may be imported before the page first loads; then the poll is not what this waits for.)
            new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
                    .until(d -> !d.findElements(By.id("job-imported")).isEmpty());
            assertThat(browser.findElement(By.id("job-imported")).getText())
                    .contains("693 stations, 441 protocols counted, 0 quarantined, 252 stations without published numbers");
            assertThat(browser.findElement(By.id("job-phases")).getText()).contains("693 / 693", "441 / 441");
            Files.write(Path.of("target", "historic-import-page.png"), browser.getScreenshotAs(OutputType.BYTES));
            Browser.clickToLoad(browser, browser.findElement(By.id("job-results")));
            assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Presidential election of the Russian Federation 2024");
        } finally {
            browser.quit();
        }
    }

    @Test
    void onlyTheCecImportsOtherRolesAreRefusedAndAnonymousVisitorsSentToSignIn() {
        long maps = count("map_version");
        WebSession.Page list = operator.get("/historic-imports");
        assertThat(list.status()).isEqualTo(403);
        assertThat(list.body()).contains("id=\"refused\"").contains("AUTH-002");
        String token = WebSession.csrf(operator.get("/").body());
        WebSession.Page post = operator.postFiles("/historic-imports", token, Map.of("mapping", "russia-2024"),
                List.of(new WebSession.FilePart("file", "2024-sample.csv", "text/csv", SAMPLE_2024)));
        assertThat(post.status()).isEqualTo(403);
        assertThat(operator.get("/desk").body()).doesNotContain("historic-link");

        WebSession anonymous = WebSession.anonymous(port);
        WebSession.Page page = anonymous.get("/historic-imports");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).endsWith("/login");
        assertThat(count("map_version")).isEqualTo(maps);
    }
}
