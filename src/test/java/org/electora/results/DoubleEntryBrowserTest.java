package org.electora.results;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.electora.geography.PollingStation;
import org.electora.support.Api;
import org.electora.support.Browser;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.OpenBrowser;
import org.electora.support.ProtocolBuilder;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.electora.support.ProtocolBuilder.aProtocol;

/** Two operators key one paper protocol in a real browser; the supervisor sees the differing line and resolves it. */
@ElectoraIntegrationTest
class DoubleEntryBrowserTest {

    private static final String PASSWORD = "browser password 1";

    @LocalServerPort int port;
    @Autowired ElectionFixture fixture;
    @OpenBrowser
    private ChromeDriver browser;

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private void signIn(String username) {
        browser.get(url("/login?lang=en"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        Browser.clickToLoad(browser, browser.findElement(By.id("sign-in")));
    }

    /** Signs out and waits for the sign-out's redirect, so that the next page load does not race it. */
    private void signOut() {
        browser.findElement(By.id("sign-out")).click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(30))
                .until(b -> b.getCurrentUrl().contains("signedOut"));
    }

    private void key(String entryPage, ProtocolBuilder p) {
        browser.get(url(entryPage));
        p.lines().forEach((n, v) -> browser.findElement(By.id("line-" + n)).sendKeys(Long.toString(v)));
        p.votesByBallotOrder().forEach((n, v) -> browser.findElement(By.id("vote-" + n)).sendKeys(Long.toString(v)));
        browser.findElement(By.id("save-entry")).click();
    }

    @Test
    void twoOperatorsKeyAProtocolAndTheSupervisorResolvesTheDifferingLine() throws Exception {
        ElectionFixture.Counting e = fixture.counting();
        PollingStation s = e.domestic().get(7);
        String run = UUID.randomUUID().toString().substring(0, 6);
        Api admin = Api.admin(port);
        staff(admin, "op-a-" + run, "PRECINCT_OPERATOR", "STATION", s.id().value());
        staff(admin, "op-b-" + run, "PRECINCT_OPERATOR", "STATION", s.id().value());
        staff(admin, "sup-" + run, "CONSTITUENCY_OPERATOR", "CONSTITUENCY", s.constituencyId().value());
        String page = "/entry/" + e.contest().id().value() + "/" + s.id().value();

        signIn("op-a-" + run);
        browser.get(url("/entry?election=" + e.election().id().value()));
        browser.findElement(By.linkText(s.code())).click();
        assertThat(browser.findElement(By.id("line-1")).getAttribute("inputmode")).isEqualTo("numeric");
        key(page, aProtocol().withVotes(420, 310, 95));
        awaitNotice("second operator");
        assertThat(browser.findElements(By.id("entry-form"))).isEmpty();
        signOut();

        signIn("op-b-" + run);
        browser.get(url(page));
        assertThat(browser.findElement(By.id("second-entry")).getText()).contains("independently");
        assertThat(browser.getPageSource()).doesNotContain("420");
        key(page, aProtocol().withVotes(420, 310, 95).withLine(6, 91));
        awaitNotice("differ");
        assertThat(browser.findElements(By.id("mismatch"))).isEmpty();
        signOut();

        signIn("sup-" + run);
        browser.get(url(page));
        var row = browser.findElement(By.id("row-line-6"));
        assertThat(row.getAttribute("class")).contains("mismatch");
        assertThat(row.getText()).contains("100", "91");
        assertThat(browser.findElement(By.id("row-line-7")).getAttribute("class")).doesNotContain("mismatch");
        Files.createDirectories(Path.of("target/screenshots"));
        Files.write(Path.of("target/screenshots/double-entry-mismatch.png"), browser.getScreenshotAs(OutputType.BYTES));

        browser.findElement(By.id("pick-a-line-6")).click();
        browser.findElement(By.id("resolve")).click();
        awaitNotice("verified");
        browser.findElement(By.id("accept")).click();
        awaitNotice("accepted");
        assertThat(browser.findElement(By.id("protocol-status")).getText()).contains("accepted");
        Files.write(Path.of("target/screenshots/double-entry-accepted.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    private static void staff(Api admin, String username, String role, String scopeKind, long scopeId) {
        Map<String, Object> body = new HashMap<>(Map.of("username", username, "displayName", username, "role", role,
                "scopeKind", scopeKind, "scopeId", scopeId, "password", PASSWORD));
        var r = admin.post("/api/v1/staff", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /** After a form post the old page may still be there for a moment: wait for the new notice, not the old one. */
    private void awaitNotice(String expected) {
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("entry-notice")).getText().contains(expected));
    }
}
