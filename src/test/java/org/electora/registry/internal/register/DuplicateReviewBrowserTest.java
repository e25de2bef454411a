package org.electora.registry.internal.register;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.electora.geography.PollingStation;
import org.electora.registry.internal.SyntheticPeople;
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
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** A consular officer opens its duplicate review queue in a real browser, compares a case side by side and merges it. */
@ElectoraIntegrationTest
class DuplicateReviewBrowserTest {

    private static final String PASSWORD = "browser password 1";
    private static final long SEED = 2_7_11L;

    @LocalServerPort int port;
    @Autowired ElectionFixture fixture;
    @Autowired RegisterReference reference;
    @Autowired JdbcClient jdbc;
    @OpenBrowser
    private ChromeDriver browser;

    @Test
    void anOfficerComparesACaseSideBySideAndMergesItKeepingTheVoterItChose() throws Exception {
        System.out.println("DuplicateReviewBrowserTest seed " + SEED);
        var random = new SplittableRandom(SEED);
        ElectionFixture.Counting election = fixture.election(LocalDate.now(ZoneOffset.UTC).plusDays(33));
        PollingStation station = election.abroad().getLast();
        SeededSettlement place = SeededSettlement.first(reference, jdbc, election.map().id().value());
        Api admin = Api.admin(port);
        String first = nationalId(random);
        String second = nationalId(random);
        String line = ",Rzayeva,%s,Ilham gizi,1988-03-14,F," + place.region() + "," + place.name() + ",Nizami street,12,,,,ACTIVE,,\n";
        var imported = admin.postRaw("/api/v1/register/imports", "text/csv", RegisterCsv.HEADER + "\n"
                + first + line.formatted("Leyla") + second + line.formatted("Лейла"));
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        long a = voter(first);
        long b = voter(second);
        for (long v : new long[]{a, b}) {
            jdbc.sql("INSERT INTO registration (election_id, voter_id, station_id, reason) VALUES (?, ?, ?, 'ABROAD_CONSULAR')")
                    .params(election.election().id().value(), v, station.id().value()).update();
        }
        long run = jdbc.sql("INSERT INTO duplicate_run (started_by, status, finished_at, phase) VALUES ('test', 'DONE', now(), 'done') RETURNING id")
                .query(Long.class).single();
        // The highest weight of the queue, so that the case is on its first page whatever else the database holds.
        long caseId = jdbc.sql("""
                        INSERT INTO duplicate_case (voter_a, voter_b, weight, probability, comparisons, run_id)
                        VALUES (?, ?, 10000, 0.999, '[{"field":"GIVEN_NAME","level":"AGREE"},{"field":"NATIONAL_ID","level":"DISAGREE"}]', ?)
                        RETURNING id""")
                .params(Math.min(a, b), Math.max(a, b), run).query(Long.class).single();
        String officer = "dup-" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> staff = new HashMap<>(Map.of("username", officer, "displayName", "Consul " + officer,
                "role", "CONSULAR_OFFICER", "scopeKind", "MISSION", "scopeId", station.abroad().missionId().value(),
                "password", PASSWORD));
        assertThat(admin.post("/api/v1/staff", staff).status()).isEqualTo(201);

        browser.get(url("/login?lang=en"));
        browser.findElement(By.id("username")).sendKeys(officer);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        Browser.clickToLoad(browser, browser.findElement(By.id("sign-in")));
        browser.get(url("/register/duplicates"));
        assertThat(browser.findElement(By.id("case-" + caseId)).getText()).contains("Given name: agree", "National id: disagree");
        Browser.clickToLoad(browser, browser.findElement(By.id("open-" + caseId)));

        String sideBySide = browser.findElement(By.id("side-by-side")).getText();
        assertThat(sideBySide).contains(first, second, "Leyla", "Лейла", "Rzayeva");
        Files.createDirectories(Path.of("target/screenshots"));
        Files.write(Path.of("target/screenshots/duplicate-review-case.png"), browser.getScreenshotAs(OutputType.BYTES));
        browser.findElement(By.id("survivor-b")).click();
        browser.findElement(By.id("note")).sendKeys("same person, Cyrillic spelling");
        browser.findElement(By.id("merge")).click();

        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("review-notice")).getText().contains("Merged"));
        assertThat(browser.findElements(By.id("case-" + caseId))).isEmpty();
        assertThat(jdbc.sql("SELECT status || '|' || survivor_id || '|' || decided_by || '|' || note FROM duplicate_case WHERE id = ?")
                .param(caseId).query(String.class).single()).isEqualTo("MERGED|" + b + "|" + officer + "|same person, Cyrillic spelling");
        assertThat(jdbc.sql("SELECT status FROM voter WHERE id = ?").param(a).query(String.class).single()).isEqualTo("REMOVED");
        assertThat(jdbc.sql("SELECT count(*) FROM personal_data_access WHERE actor = ? AND voter_id IN (?, ?)")
                .params(officer, a, b).query(Long.class).single()).isEqualTo(2);

        browser.get(url("/register/duplicates/" + caseId + "?lang=ru"));
        assertThat(browser.findElement(By.id("case-status")).getText()).isEqualTo("объединено");
        assertThat(browser.findElements(By.id("merge"))).isEmpty();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private long voter(String nationalId) {
        return jdbc.sql("SELECT id FROM voter WHERE national_id = ?").param(nationalId).query(Long.class).single();
    }

    private static String nationalId(SplittableRandom random) {
        String digits = String.format("%08d", random.nextInt(100_000_000));
        return digits + SyntheticPeople.luhn(digits);
    }
}
