package org.electora.accreditation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.electora.support.Api;
import org.electora.support.Browser;
import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.OpenBrowser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A person applies through the public form in a real browser, uploading a photo file. */
@ElectoraIntegrationTest
class ApplyFormBrowserTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @OpenBrowser
    private ChromeDriver browser;
    private Path folder;

    @BeforeEach
    void photoFolder() throws Exception {
        folder = Files.createTempDirectory("electora-photos");
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private long organisation(String kind) {
        Api admin = Api.admin(port);
        Api.Response r = admin.post("/api/v1/accreditation/organisations", Map.of("name", "Form mission " + UUID.randomUUID(),
                "kind", kind, "country", "FI"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    /** Everything but the photo, as a person would type it. */
    private void fillIn(long organisation, String document) {
        new Select(browser.findElement(By.id("organisationId"))).selectByValue(Long.toString(organisation));
        browser.findElement(By.id("category-JOURNALIST")).click();
        browser.findElement(By.id("givenNames")).sendKeys("Aino");
        browser.findElement(By.id("familyName")).sendKeys("Virtanen");
        new Select(browser.findElement(By.id("documentKind"))).selectByValue("NATIONAL_ID");
        browser.findElement(By.id("documentNumber")).sendKeys(document);
        new Select(browser.findElement(By.id("nationality"))).selectByValue("FI");
        // a date input's typed format follows the browser's locale; its value is always ISO
        browser.executeScript("arguments[0].value = '1985-03-14'", browser.findElement(By.id("dateOfBirth")));
        browser.findElement(By.id("languages")).sendKeys("fi, en");
    }

    @Test
    void aJournalistAppliesWithAPhotoAndGetsAnApplicationNumber() throws Exception {
        long organisation = organisation("FOREIGN_MEDIA_OUTLET");
        Path photo = Files.write(folder.resolve("aino.jpg"), TestPhotos.jpeg(600, 800));
        String document = "FI" + (System.nanoTime() % 100_000_000L);
        browser.get(url("/accreditation/apply?lang=en"));

        fillIn(organisation, document);
        browser.findElement(By.id("photo")).sendKeys(photo.toString());
        Browser.clickToLoad(browser, browser.findElement(By.id("submit-application")));

        String number = browser.findElement(By.id("application-number")).getText();
        Map<String, Object> row = jdbc.sql("""
                        SELECT a.organisation_id, a.category, a.family_name, a.document_kind, a.date_of_birth::text AS born,
                               a.channel, p.media_type
                        FROM accreditation_application a JOIN accreditation_photo p ON p.application_id = a.id WHERE a.id = ?""")
                .param(Long.parseLong(number)).query().singleRow();
        assertThat(row).containsEntry("organisation_id", organisation).containsEntry("category", "JOURNALIST")
                .containsEntry("family_name", "Virtanen").containsEntry("document_kind", "NATIONAL_ID")
                .containsEntry("born", "1985-03-14").containsEntry("channel", "WEB_FORM").containsEntry("media_type", "image/jpeg");

        // the same person again: refused, without telling a stranger which application holds that document
        browser.get(url("/accreditation/apply?lang=en"));
        fillIn(organisation, document);
        browser.findElement(By.id("photo")).sendKeys(photo.toString());
        Browser.clickToLoad(browser, browser.findElement(By.id("submit-application")));
        var refusal = browser.findElement(By.cssSelector("#problems li"));
        assertThat(refusal.getAttribute("data-rule")).isEqualTo("ACC-012");
        assertThat(refusal.getText()).isEqualTo("ACC-012: This person has already applied through this organisation.");
    }

    @Test
    void aLandscapePhotoIsRefusedNextToThePhotoFieldAndTheFormKeepsWhatWasTyped() throws Exception {
        long organisation = organisation("DOMESTIC_NGO");
        Path photo = Files.write(folder.resolve("holiday.png"), TestPhotos.png(800, 600));
        browser.get(url("/accreditation/apply?lang=ru"));

        fillIn(organisation, "FI" + (System.nanoTime() % 100_000_000L));
        browser.findElement(By.id("photo")).sendKeys(photo.toString());
        Browser.clickToLoad(browser, browser.findElement(By.id("submit-application")));

        var error = browser.findElement(By.cssSelector("#error-photo li"));
        assertThat(error.getAttribute("data-rule")).isEqualTo("ACC-105");
        assertThat(error.getText()).contains("ACC-105", "портретной");
        assertThat(browser.findElements(By.id("application-number"))).isEmpty();
        assertThat(browser.findElement(By.id("familyName")).getAttribute("value")).isEqualTo("Virtanen");
        assertThat(jdbc.sql("SELECT count(*) FROM accreditation_application WHERE organisation_id = ?").param(organisation)
                .query(Long.class).single()).isZero();
    }

    @Test
    void anOrganisationWithoutAnAcceptedInvitationIsNotOffered() {
        long uninvited = organisation("INTERNATIONAL_ORGANISATION");
        long ngo = organisation("DOMESTIC_NGO");

        browser.get(url("/accreditation/apply"));

        var options = new Select(browser.findElement(By.id("organisationId"))).getOptions().stream()
                .map(o -> o.getAttribute("value")).toList();
        assertThat(options).contains(Long.toString(ngo)).doesNotContain(Long.toString(uninvited));
    }
}
