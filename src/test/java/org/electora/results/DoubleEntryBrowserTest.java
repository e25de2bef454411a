package org.electora.results;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.electora.geography.PollingStation;
import org.electora.support.Api;
import org.electora.support.Browser;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.OpenBrowser;
import org.electora.support.ProtocolBuilder;
import org.electora.support.WebSession;
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
    @Autowired Protocols protocols;
    @OpenBrowser
    private ChromeDriver browser;

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private void key(String entryPage, ProtocolBuilder p) {
        browser.get(url(entryPage));
        p.lines().forEach((n, v) -> browser.findElement(By.id("line-" + n)).sendKeys(Long.toString(v)));
        p.votesByBallotOrder().forEach((n, v) -> browser.findElement(By.id("vote-" + n)).sendKeys(Long.toString(v)));
        browser.findElement(By.id("save-entry")).click();
    }

    /** Posts the supervisor's resolution form and returns the page it leads back to, with its notice. */
    private static String resolve(WebSession session, String entryPage, Map<String, String> fields) {
        String csrf = WebSession.csrf(session.get(entryPage).body());
        var posted = session.post(entryPage + "/resolution", csrf, fields);
        assertThat(posted.status()).isEqualTo(302);
        return session.get(entryPage).body();
    }

    /** The {@code <input>} tag with this id in a page. */
    private static String input(String page, String id) {
        Matcher m = Pattern.compile("<input[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(page);
        assertThat(m.find()).as("an input " + id).isTrue();
        return m.group();
    }

    /** Keys a protocol through the entry form over HTTP, as {@link #key} does in the browser. */
    private static void keyOverHttp(WebSession session, String entryPage, ProtocolBuilder p) {
        Map<String, String> fields = new java.util.HashMap<>();
        p.lines().forEach((n, v) -> fields.put("line-" + n, Long.toString(v)));
        p.votesByBallotOrder().forEach((n, v) -> fields.put("vote-" + n, Long.toString(v)));
        assertThat(session.post(entryPage, WebSession.csrf(session.get(entryPage).body()), fields).status()).isEqualTo(302);
    }

    @Test
    void aSupervisorWhoKeyedOneOfTheEntriesIsToldSoNotThatThereIsNothingToResolve() {
        ElectionFixture.Counting e = fixture.counting();
        PollingStation s = e.domestic().get(8);
        String run = UUID.randomUUID().toString().substring(0, 6);
        Api admin = Api.admin(port);
        admin.createStaff("sup-a-" + run, "CONSTITUENCY_OPERATOR", "CONSTITUENCY", s.constituencyId().value(), PASSWORD);
        admin.createStaff("op-b2-" + run, "PRECINCT_OPERATOR", "STATION", s.id().value(), PASSWORD);
        String page = "/entry/" + e.contest().id().value() + "/" + s.id().value();
        WebSession keyer = WebSession.signIn(port, "sup-a-" + run, PASSWORD);
        keyOverHttp(keyer, page, aProtocol().withVotes(420, 310, 95));
        keyOverHttp(WebSession.signIn(port, "op-b2-" + run, PASSWORD), page, aProtocol().withVotes(420, 310, 95).withLine(6, 91));

        assertThat(resolve(keyer, page, Map.of("pick-line-6", "a"))).contains("RES-021", "another supervisor must resolve");
        assertThat(protocols.protocol(e.contest().id().value(), s.id().value())).isEmpty();
    }

    /** What is not a number is refused line by line in words, and the form comes back with everything typed. */
    @Test
    void anEntryThatIsNotANumberIsRefusedAndTheFormKeepsWhatWasTyped() {
        ElectionFixture.Counting e = fixture.counting();
        PollingStation s = e.domestic().get(9);
        String run = UUID.randomUUID().toString().substring(0, 6);
        Api.admin(port).createStaff("op-n-" + run, "PRECINCT_OPERATOR", "STATION", s.id().value(), PASSWORD);
        String page = "/entry/" + e.contest().id().value() + "/" + s.id().value();
        WebSession operator = WebSession.signIn(port, "op-n-" + run, PASSWORD);
        Map<String, String> fields = new java.util.HashMap<>();
        aProtocol().lines().forEach((n, v) -> fields.put("line-" + n, Long.toString(v)));
        aProtocol().votesByBallotOrder().forEach((n, v) -> fields.put("vote-" + n, Long.toString(v)));
        fields.put("line-3", "12a");
        fields.put("vote-2", "3OO");
        assertThat(operator.post(page, WebSession.csrf(operator.get(page).body()), fields).status()).isEqualTo(302);
        String refused = operator.get(page).body();
        assertThat(refused).contains("RES-016", "Line 3: \"12a\" is not a whole number",
                "Votes for candidate 2: \"3OO\" is not a whole number");
        assertThat(input(refused, "line-3")).contains("value=\"12a\"");
        assertThat(input(refused, "vote-2")).contains("value=\"3OO\"");
        assertThat(input(refused, "line-1")).contains("value=\"" + aProtocol().lines().get(1) + "\"");
        assertThat(refused).contains("id=\"open-entries\">0");
        // The next visit shows an empty form: what was kept is shown once, after the refusal.
        assertThat(input(operator.get(page).body(), "line-3")).doesNotContain("value=");
    }

    @Test
    void twoOperatorsKeyAProtocolAndTheSupervisorResolvesTheDifferingLine() throws Exception {
        ElectionFixture.Counting e = fixture.counting();
        PollingStation s = e.domestic().get(7);
        String run = UUID.randomUUID().toString().substring(0, 6);
        Api admin = Api.admin(port);
        admin.createStaff("op-a-" + run, "PRECINCT_OPERATOR", "STATION", s.id().value(), PASSWORD);
        admin.createStaff("op-b-" + run, "PRECINCT_OPERATOR", "STATION", s.id().value(), PASSWORD);
        admin.createStaff("sup-" + run, "CONSTITUENCY_OPERATOR", "CONSTITUENCY", s.constituencyId().value(), PASSWORD);
        String page = "/entry/" + e.contest().id().value() + "/" + s.id().value();

        Browser.signIn(browser, url(""), "op-a-" + run, PASSWORD);
        browser.get(url("/entry?election=" + e.election().id().value()));
        browser.findElement(By.linkText(s.code())).click();
        assertThat(browser.findElement(By.id("line-1")).getAttribute("inputmode")).isEqualTo("numeric");
        key(page, aProtocol().withVotes(420, 310, 95));
        Browser.awaitText(browser, "entry-notice", "second operator");
        assertThat(browser.findElements(By.id("entry-form"))).isEmpty();
        Browser.signOut(browser);

        Browser.signIn(browser, url(""), "op-b-" + run, PASSWORD);
        browser.get(url(page));
        assertThat(browser.findElement(By.id("second-entry")).getText()).contains("independently");
        // Nothing of the first entry shows: not in the form's fields, not in the page's text (the page source would
        // also hold the random user name and CSRF token, which may contain "420" by chance).
        assertThat(browser.findElement(By.id("main")).getText()).doesNotContain("420");
        assertThat(browser.findElements(By.cssSelector("#entry-form input[id^='line-'], #entry-form input[id^='vote-']")))
                .isNotEmpty().allSatisfy(input -> assertThat(input.getAttribute("value")).isEmpty());
        // A slip of the hand (a count over 999,999,999) is refused, and the form comes back as B keyed it: B corrects
        // the one line instead of keying the whole paper again.
        long line2 = aProtocol().lines().get(2);
        key(page, aProtocol().withVotes(420, 310, 95).withLine(6, 91).withLine(2, 1_000_000_000L));
        Browser.awaitText(browser, "entry-notice", "PRT-004");
        assertThat(protocols.protocol(e.contest().id().value(), s.id().value())).isEmpty();
        assertThat(browser.findElement(By.id("open-entries")).getText()).startsWith("1");
        assertThat(browser.findElement(By.id("line-2")).getDomProperty("value")).isEqualTo("1000000000");
        assertThat(browser.findElement(By.id("line-6")).getDomProperty("value")).isEqualTo("91");
        assertThat(browser.findElement(By.id("vote-1")).getDomProperty("value")).isEqualTo("420");
        browser.findElement(By.id("line-2")).clear();
        browser.findElement(By.id("line-2")).sendKeys(Long.toString(line2));
        browser.findElement(By.id("save-entry")).click();
        Browser.awaitText(browser, "entry-notice", "differ");
        assertThat(browser.findElements(By.id("mismatch"))).isEmpty();
        Browser.signOut(browser);

        Browser.signIn(browser, url(""), "sup-" + run, PASSWORD);
        browser.get(url(page));
        var row = browser.findElement(By.id("row-line-6"));
        assertThat(row.getAttribute("class")).contains("mismatch");
        assertThat(row.getText()).contains("100", "91");
        assertThat(browser.findElement(By.id("row-line-7")).getAttribute("class")).doesNotContain("mismatch");
        Files.createDirectories(Path.of("target/screenshots"));
        Files.write(Path.of("target/screenshots/double-entry-mismatch.png"), browser.getScreenshotAs(OutputType.BYTES));

        // A resolution that leaves the line undecided, or types what is not a number, is refused and changes nothing
        // (the browser's own pattern check would not let "abc" through, so these two go over HTTP).
        WebSession supervisor = WebSession.signIn(port, "sup-" + run, PASSWORD);
        assertThat(resolve(supervisor, page, Map.of())).contains("RES-024", "choose entry A or B");
        String refused = resolve(supervisor, page, Map.of("typed-line-6", "abc", "pick-line-6", "b"));
        assertThat(refused).contains("RES-016", "is not a whole number");
        // The refused form comes back as it was sent.
        assertThat(input(refused, "typed-line-6")).contains("value=\"abc\"");
        assertThat(input(refused, "pick-b-line-6")).contains(" checked");
        assertThat(input(refused, "pick-a-line-6")).doesNotContain(" checked");
        assertThat(input(resolve(supervisor, page, Map.of()), "typed-line-6")).doesNotContain("value=");
        assertThat(protocols.protocol(e.contest().id().value(), s.id().value())).isEmpty();

        browser.navigate().refresh();
        browser.findElement(By.id("pick-a-line-6")).click();
        browser.findElement(By.id("resolve")).click();
        Browser.awaitText(browser, "entry-notice", "verified");
        // Entry A's 100 is what the protocol records, not B's 91; the lines both keyed alike stay as keyed.
        ProtocolView verified = protocols.protocol(e.contest().id().value(), s.id().value()).orElseThrow();
        var version = protocols.versions(verified.id()).getFirst();
        assertThat(version.lines()).containsEntry(6, 100L).isEqualTo(aProtocol().withVotes(420, 310, 95).lines());
        assertThat(version.votes()).isEqualTo(aProtocol().withVotes(420, 310, 95).votesByBallotOrder());
        browser.findElement(By.id("accept")).click();
        Browser.awaitText(browser, "entry-notice", "accepted");
        assertThat(browser.findElement(By.id("protocol-status")).getText()).contains("accepted");
        Files.write(Path.of("target/screenshots/double-entry-accepted.png"), browser.getScreenshotAs(OutputType.BYTES));
    }
}
