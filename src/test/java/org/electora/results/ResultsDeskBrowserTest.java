package org.electora.results;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.electora.geography.Constituency;
import org.electora.geography.ElectoralMap;
import org.electora.geography.PollingStation;
import org.electora.platform.CurrentStaff;
import org.electora.support.Api;
import org.electora.support.Browser;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.OpenBrowser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.electora.support.ProtocolBuilder.aProtocol;

/**
 * Election night at the results desk, in a real browser: a constituency commission finds its quarantined protocol,
 * is refused a release without a reason and a signature while a protocol waits, releases it by a recorded decision and
 * signs; the CEC withdraws that signature by its own decision, the constituency signs again, and the CEC certifies
 * once every constituency has signed. Each refusal shows its rule code and changes nothing.
 */
@ElectoraIntegrationTest
class ResultsDeskBrowserTest {

    private static final String PASSWORD = "browser password 1";

    @LocalServerPort int port;
    @Autowired ElectionFixture fixture;
    @Autowired ElectoralMap map;
    @Autowired Protocols protocols;
    @Autowired ConstituencyProtocols constituencyProtocols;
    @Autowired JdbcTemplate jdbc;
    @OpenBrowser
    private ChromeDriver browser;

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Test
    void aCommissionReleasesAQuarantinedProtocolAndSignsAndTheCecWithdrawsAndCertifies() throws Exception {
        ElectionFixture.Counting e = fixture.counting();
        long contest = e.contest().id().value();
        long election = e.election().id().value();
        PollingStation first = e.domestic().getFirst();
        long constituency = first.constituencyId().value();
        List<PollingStation> stations = map.stations(first.constituencyId());
        Api admin = Api.admin(port);
        for (PollingStation s : stations) {
            var p = s.equals(first) ? aProtocol().withLine(10, 999) : aProtocol();
            var r = admin.post("/api/v1/protocols", p.body(contest, s.id().value()));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
        String run = UUID.randomUUID().toString().substring(0, 6);
        admin.createStaff("desk-k-" + run, "CONSTITUENCY_OPERATOR", "CONSTITUENCY", constituency, PASSWORD);
        admin.createStaff("desk-cec-" + run, "CEC_ADMIN", "NATIONAL", null, PASSWORD);
        admin.createStaff("desk-p-" + run, "PRECINCT_OPERATOR", "STATION", first.id().value(), PASSWORD);
        Files.createDirectories(Path.of("target/screenshots"));

        // A precinct operator has no results desk and no certification page.
        Browser.signIn(browser, url(""), "desk-p-" + run, PASSWORD);
        assertThat(browser.findElements(By.id("nav-desk"))).isEmpty();
        browser.get(url("/desk"));
        assertThat(browser.findElement(By.id("refused")).getText()).startsWith("403");
        browser.get(url("/certification"));
        assertThat(browser.findElement(By.id("refused")).getText()).startsWith("403");
        // A refusal on the entry pages is a page too (it was a 500: the refusal page had no page model).
        browser.get(url("/entry/" + contest + "/" + Long.MAX_VALUE));
        assertThat(browser.findElement(By.id("refused")).getText()).matches("(403|404|422): .+");
        Browser.signOut(browser);

        // The constituency commission sees only its constituency, with one protocol in quarantine.
        Browser.signIn(browser, url(""), "desk-k-" + run, PASSWORD);
        browser.findElement(By.id("nav-desk")).click();
        browser.get(url("/desk?election=" + election));
        var rows = browser.findElements(By.cssSelector("#desk-" + contest + " tbody tr"));
        assertThat(rows).hasSize(1);
        Constituency k = map.constituency(first.constituencyId()).orElseThrow();
        var row = browser.findElement(By.id("row-" + k.code()));
        assertThat(row.findElements(By.tagName("td")).stream().map(c -> c.getText()).toList())
                .containsSubsequence(Integer.toString(stations.size()), Integer.toString(stations.size() - 1), "0", "1", "0", "0");
        assertThat(row.getText()).contains("not signed");
        assertThat(browser.findElement(By.cssSelector("#row-" + k.code() + " .progress")).getAttribute("aria-label"))
                .isEqualTo((stations.size() - 1) + " accepted, 0 annulled, 1 quarantined, 0 waiting, 0 without a protocol after the polls closed, 0 still polling");
        assertThat(browser.findElement(By.id("quarantined-" + first.code())).getText()).contains(k.name(), "CIS-02", "hard");
        Files.write(Path.of("target/screenshots/results-desk.png"), browser.getScreenshotAs(OutputType.BYTES));
        Constituency elsewhere = map.constituencies(e.map().id()).stream().filter(c -> !c.equals(k)).findFirst().orElseThrow();
        browser.get(url("/desk/" + contest + "/" + elsewhere.id().value()));
        assertThat(browser.findElement(By.id("refused")).getText()).startsWith("403: AUTH").contains("scope");
        browser.get(url("/desk/" + contest + "/stations/" + Long.MAX_VALUE));
        assertThat(browser.findElement(By.id("refused")).getText()).startsWith("404");
        browser.get(url("/desk?election=" + election));
        row = browser.findElement(By.id("row-" + k.code()));

        Browser.clickToLoad(browser, row.findElement(By.tagName("a")));
        assertThat(browser.findElement(By.id("station-" + first.code())).getAttribute("class")).contains("mismatch");
        assertThat(browser.findElement(By.id("station-" + first.code())).getText()).contains("CIS-02", "hard");
        // Not ready: the button says so by being disabled, and the server refuses a signature sent anyway.
        assertThat(browser.findElement(By.id("sign")).isEnabled()).isFalse();
        browser.executeScript("document.getElementById('sign').disabled = false");
        browser.findElement(By.id("sign")).click();
        assertThat(Browser.answerConfirm(browser, true)).contains(k.code());
        Browser.awaitText(browser, "desk-notice", "RES-030");
        assertThat(constituencyProtocols.signed(contest, constituency)).isEmpty();

        browser.findElement(By.linkText(first.code())).click();
        assertThat(browser.findElement(By.id("violations")).getText()).contains("CIS-02");
        // A reference without its reason is refused, and the form keeps what was typed.
        browser.findElement(By.id("release-reference")).sendKeys("ConEC 4/17");
        browser.findElement(By.id("release")).click();
        Browser.awaitText(browser, "desk-notice", "RES-008");
        assertThat(browser.findElement(By.id("protocol-status")).getText()).contains("quarantined");
        assertThat(browser.findElement(By.id("release-reference")).getDomProperty("value")).isEqualTo("ConEC 4/17");
        assertThat(browser.findElement(By.id("annul-reference")).getDomProperty("value")).as("the other form's field").isEmpty();
        browser.findElement(By.id("release-reason")).sendKeys("Line 10 checked against the paper: a typing error of the station");
        browser.findElement(By.id("release")).click();
        Browser.awaitText(browser, "desk-notice", "accepted and counted");
        assertThat(browser.findElement(By.id("protocol-status")).getText()).contains("accepted");
        assertThat(browser.findElement(By.id("decisions")).getText()).contains("released from quarantine", "ConEC 4/17", "desk-k-" + run);
        Files.write(Path.of("target/screenshots/results-desk-protocol.png"), browser.getScreenshotAs(OutputType.BYTES));

        browser.get(url("/desk/" + contest + "/" + constituency));
        assertThat(browser.findElement(By.id("summary-state")).getText()).contains("may sign");
        // Signing asks first; "no" signs nothing.
        browser.findElement(By.id("sign")).click();
        assertThat(Browser.answerConfirm(browser, false)).contains("Sign the summary protocol of constituency " + k.code());
        assertThat(browser.findElement(By.id("summary-state")).getText()).contains("may sign");
        assertThat(constituencyProtocols.signed(contest, constituency)).isEmpty();
        browser.findElement(By.id("sign")).click();
        Browser.answerConfirm(browser, true);
        Browser.awaitText(browser, "desk-notice", "round 1");
        assertThat(browser.findElement(By.id("summary-state")).getText()).contains("round 1", "desk-k-" + run);
        assertThat(browser.findElement(By.id("signed-totals")).getText()).contains(Integer.toString(stations.size()));
        assertThat(browser.findElements(By.id("withdrawal-form"))).isEmpty();
        browser.get(url("/desk/" + contest + "/stations/" + first.id().value()));
        assertThat(browser.findElement(By.id("protocol-final")).getText()).contains("final");
        assertThat(browser.findElements(By.id("annul-form"))).isEmpty();
        Browser.signOut(browser);

        // The CEC withdraws the signature by a decision, then signs the second round itself.
        Browser.signIn(browser, url(""), "desk-cec-" + run, PASSWORD);
        browser.get(url("/desk?election=" + election));
        assertThat(browser.findElements(By.cssSelector("#desk-" + contest + " tbody tr"))).hasSize(map.constituencies(e.map().id()).size());
        assertThat(browser.findElement(By.id("row-" + k.code())).getText()).contains("signed (round 1)");
        assertThat(browser.findElements(By.id("quarantined-" + contest))).as("released: nothing in quarantine").isEmpty();
        int constituencies = map.constituencies(e.map().id()).size();
        assertThat(browser.findElement(By.id("overdue-" + contest)).getText()).contains("Stations overdue", elsewhere.name())
                .doesNotContain(first.code());
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(d -> !d.findElements(By.cssSelector("#timeline-" + contest + " svg path")).isEmpty());
        assertThat(browser.findElement(By.id("timeline-" + contest)).getAttribute("aria-label"))
                .contains(stations.size() + " protocols received");
        Files.write(Path.of("target/screenshots/results-desk-cec.png"), browser.getScreenshotAs(OutputType.BYTES));
        assertThat(browser.findElement(By.id("total-" + contest)).getText()).contains("All " + constituencies + " constituencies",
                "1 of " + constituencies + " signed");
        browser.findElement(By.id("show-UNSIGNED-" + contest)).click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().contains("show=UNSIGNED"));
        assertThat(browser.findElements(By.cssSelector("#desk-" + contest + " tbody tr"))).hasSize(constituencies - 1);
        assertThat(browser.findElements(By.id("row-" + k.code()))).as("signed: not listed").isEmpty();
        assertThat(browser.findElement(By.id("show-UNSIGNED-" + contest)).getAttribute("aria-current")).isEqualTo("page");
        browser.findElement(By.id("certification-link")).click();
        // Not every constituency has signed: the button says so by being disabled; sent anyway, it is refused.
        assertThat(browser.findElement(By.id("certify")).isEnabled()).isFalse();
        browser.executeScript("document.getElementById('certify').disabled = false");
        browser.findElement(By.id("certify")).click();
        assertThat(Browser.answerConfirm(browser, true)).startsWith("Certify the result of");
        Browser.awaitText(browser, "certification-notice", "PUB-010");
        assertThat(jdbc.queryForObject("SELECT status FROM election WHERE id = ?", String.class, election)).isEqualTo("COUNTING");

        browser.get(url("/desk/" + contest + "/" + constituency));
        browser.findElement(By.id("withdraw-reason")).sendKeys("Recount ordered after a complaint");
        browser.findElement(By.id("withdraw")).click();
        assertThat(Browser.answerConfirm(browser, true)).contains("Withdraw", k.code());
        Browser.awaitText(browser, "desk-notice", "RES-034");
        assertThat(constituencyProtocols.signed(contest, constituency)).isPresent();
        // The refused form keeps the reason: only the reference is typed now.
        assertThat(browser.findElement(By.id("withdraw-reason")).getDomProperty("value")).isEqualTo("Recount ordered after a complaint");
        browser.findElement(By.id("withdraw-reference")).sendKeys("CEC 12/4");
        browser.findElement(By.id("withdraw")).click();
        Browser.answerConfirm(browser, true);
        Browser.awaitText(browser, "desk-notice", "round 1 is withdrawn");
        assertThat(browser.findElement(By.id("rounds")).getText()).contains("Recount ordered after a complaint (CEC 12/4)");
        browser.findElement(By.id("sign")).click();
        Browser.answerConfirm(browser, true);
        Browser.awaitText(browser, "desk-notice", "round 2");

        // Every other constituency signs (through the services) while the CEC's desk is open: the desk reloads its
        // table by itself (every 30 s, or at once on the event fired here) and shows them signed.
        browser.get(url("/desk?election=" + election));
        assertThat(browser.findElement(By.id("row-" + elsewhere.code())).getText()).contains("not signed");
        for (Constituency other : map.constituencies(e.map().id())) {
            if (other.id().value() != constituency) {
                for (PollingStation s : map.stations(other.id())) {
                    var r = admin.post("/api/v1/protocols", aProtocol().body(contest, s.id().value()));
                    assertThat(r.status()).as(r.body()).isEqualTo(201);
                }
                CurrentStaff.runAsSystem(() -> constituencyProtocols.sign(contest, other.id().value()));
            }
        }
        browser.executeScript("document.body.dispatchEvent(new Event('desk-refresh'))");
        new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("row-" + elsewhere.code())).getText().contains("signed (round 1)"));
        assertThat(browser.findElement(By.id("row-" + k.code())).getText()).contains("signed (round 2)");
        browser.get(url("/certification?election=" + election));
        assertThat(browser.findElement(By.id("signatures")).getText()).doesNotContain(k.code());
        browser.findElement(By.id("certify")).click();
        Browser.answerConfirm(browser, true);
        Browser.awaitText(browser, "certification-notice", "certified");
        assertThat(browser.findElement(By.id("certified")).isDisplayed()).isTrue();
        assertThat(jdbc.queryForObject("SELECT status FROM election WHERE id = ?", String.class, election))
                .isEqualTo("RESULTS_CERTIFIED");
        assertThat(browser.findElement(By.id("latest-snapshot")).getText()).contains("Certified");
        Files.write(Path.of("target/screenshots/certification.png"), browser.getScreenshotAs(OutputType.BYTES));
    }
}
