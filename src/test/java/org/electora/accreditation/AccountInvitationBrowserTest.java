package org.electora.accreditation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.electora.support.Api;
import org.electora.support.Browser;
import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.OpenBrowser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The invited journalist opens the link, is told why a weak password is refused, sets a good one and signs in. */
@ElectoraIntegrationTest
class AccountInvitationBrowserTest {

    private static final String OFFICER_PASSWORD = "invite officer pass";

    @LocalServerPort int port;
    @OpenBrowser
    private ChromeDriver browser;

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Test
    void theInvitedJournalistSetsTheirOwnPasswordOnceAndSignsIn() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> staff = new HashMap<>(Map.of("username", "inviter-" + run, "displayName", "Officer",
                "role", "ACCREDITATION_OFFICER", "scopeKind", "NATIONAL", "password", OFFICER_PASSWORD));
        assertThat(Api.admin(port).post("/api/v1/staff", staff).status()).isEqualTo(201);
        Api officer = Api.as(port, "inviter-" + run, OFFICER_PASSWORD);
        long org = officer.post("/api/v1/accreditation/organisations", Map.of("name", "Nordic Broadcast " + run,
                "kind", "FOREIGN_MEDIA_OUTLET", "country", "FI", "arrivalDate", LocalDate.now().toString(),
                "departureDate", LocalDate.now().plusDays(9).toString())).json().get("id").asLong();
        JsonNode a = officer.post("/api/v1/accreditation/applications", Map.of("organisationId", org, "category", "JOURNALIST",
                "givenNames", "Aino", "familyName", "Virtanen", "documentNumber", "FI" + run.toUpperCase().replaceAll("[^A-Z0-9]", "") + "7",
                "nationality", "FI", "languages", List.of("fi"))).json();
        for (String action : List.of("START_REVIEW", "APPROVE")) {
            Map<String, Object> body = new LinkedHashMap<>(Map.of("action", action, "version", a.get("version").asInt()));
            a = officer.post("/api/v1/accreditation/applications/" + a.get("id").asLong() + "/decisions", body).json();
        }
        String link = officer.post("/api/v1/accreditation/applications/" + a.get("id").asLong() + "/account-invitations", Map.of())
                .json().get("link").asString();
        String username = "aino.v." + run;

        browser.get(url(link + "?lang=en"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("VIRTANEN Aino", "Nordic Broadcast " + run, "journalist");
        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys("virtanen-2026-press");
        browser.findElement(By.id("passwordAgain")).sendKeys("virtanen-2026-press");
        Browser.clickToLoad(browser, browser.findElement(By.id("create-login")));
        assertThat(browser.findElement(By.id("invitation-errors")).getText()).contains("ACC-144");

        browser.findElement(By.id("password")).sendKeys("lantern-orbit-93-meadow");
        browser.findElement(By.id("passwordAgain")).sendKeys("lantern-orbit-93-meadow");
        Browser.clickToLoad(browser, browser.findElement(By.id("create-login")));
        assertThat(browser.findElement(By.id("invitation-done")).getText()).contains(username);

        browser.get(url(link + "?lang=en"));
        assertThat(browser.findElement(By.id("invitation-problem")).getText()).contains("already used");

        browser.get(url("/login?lang=en"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys("lantern-orbit-93-meadow");
        Browser.clickToLoad(browser, browser.findElement(By.id("sign-in")));
        assertThat(browser.findElement(By.id("signed-in-as")).getText()).contains("Aino Virtanen", "JOURNALIST");
    }
}
