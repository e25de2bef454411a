package org.electora.accreditation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.electora.accreditation.internal.TestPhotos;
import org.electora.support.Api;
import org.electora.support.Browser;
import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.OpenBrowser;
import org.electora.support.QrCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The door keeper's check, end to end: an application approved and its badge issued, the badge PDF downloaded and
 * its QR code read from the rendered page, then the verification page in Chromium answering with the network cut
 * (VALID, tampered, unknown key, expired) and, online again, a revocation.
 */
@ElectoraIntegrationTest
class BadgeCheckBrowserTest {

    private static final String PASSWORD = "door check password";

    @LocalServerPort int port;
    @OpenBrowser
    private ChromeDriver browser;
    private CuttableProxy network;
    private Api officer;
    private final String run = UUID.randomUUID().toString().substring(0, 6);

    @BeforeEach
    void start() throws Exception {
        network = new CuttableProxy(port);
        Api admin = Api.admin(port);
        Map<String, Object> body = new HashMap<>(Map.of("username", "door-" + run, "displayName", "Officer",
                "role", "ACCREDITATION_OFFICER", "scopeKind", "NATIONAL", "password", PASSWORD));
        assertThat(admin.post("/api/v1/staff", body).status()).isEqualTo(201);
        officer = Api.as(port, "door-" + run, PASSWORD);
    }

    @AfterEach
    void stop() throws Exception {
        if (network != null) {
            network.close();
        }
    }

    /** The browser reaches the application only through the cuttable relay. */
    private String url(String path) {
        return "http://127.0.0.1:" + network.port() + path;
    }

    private long organisation() {
        Api.Response r = officer.post("/api/v1/accreditation/organisations", Map.of("name", "Door mission " + run,
                "kind", "INTERNATIONAL_ORGANISATION", "country", "SE", "arrivalDate", LocalDate.now().minusDays(2).toString(),
                "departureDate", LocalDate.now().plusDays(12).toString()));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long id = r.json().get("id").asLong();
        AccreditationData.acceptedInvitation(officer, id);
        return id;
    }

    /** Applying as the observer does: the public form in the browser, with a photo file; its answer is the number. */
    private long applyThroughTheForm(long organisationId, String document) throws Exception {
        Path photo = Files.write(Files.createTempDirectory("electora-door").resolve("astrid.jpg"), TestPhotos.jpeg(600, 800));
        browser.get(url("/accreditation/apply?lang=en"));
        new Select(browser.findElement(By.id("organisationId"))).selectByValue(Long.toString(organisationId));
        browser.findElement(By.id("category-OBSERVER")).click();
        browser.findElement(By.id("givenNames")).sendKeys("Astrid");
        browser.findElement(By.id("familyName")).sendKeys("Lindqvist");
        browser.findElement(By.id("documentNumber")).sendKeys(document);
        new Select(browser.findElement(By.id("nationality"))).selectByValue("SE");
        browser.executeScript("arguments[0].value = '1979-06-02'", browser.findElement(By.id("dateOfBirth")));
        browser.findElement(By.id("languages")).sendKeys("sv, en");
        browser.findElement(By.id("photo")).sendKeys(photo.toString());
        Browser.clickToLoad(browser, browser.findElement(By.id("submit-application")));
        return Long.parseLong(browser.findElement(By.id("application-number")).getText().strip());
    }

    /** Applying through the officer's API (for the second badge, which only needs to exist). */
    private long apply(long organisationId, String document) {
        Api.Response r = officer.post("/api/v1/accreditation/applications", Map.of("organisationId", organisationId,
                "category", "OBSERVER", "givenNames", "Astrid", "familyName", "Lindqvist", "documentNumber", document,
                "nationality", "SE", "languages", List.of("sv", "en")));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    /** Review and badge: through the API (there are no staff pages for it yet). */
    private JsonNode decide(long id, String action, Map<String, Object> extra) {
        int version = officer.get("/api/v1/accreditation/applications/" + id).json().get("version").asInt();
        Map<String, Object> body = new LinkedHashMap<>(extra);
        body.put("action", action);
        body.put("version", version);
        Api.Response r = officer.post("/api/v1/accreditation/applications/" + id + "/decisions", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private JsonNode issue(long id, Map<String, Object> validity) {
        decide(id, "START_REVIEW", Map.of());
        decide(id, "APPROVE", Map.of());
        return decide(id, "ISSUE_BADGE", validity);
    }

    private String qrOfBadgePdf(String badgeNumber) throws Exception {
        Api.Bytes pdf = officer.getBytes("/api/v1/accreditation/badges/" + badgeNumber + ".pdf");
        assertThat(pdf.status()).isEqualTo(200);
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            return QrCodes.read(doc, 0);
        }
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    private WebElement app() {
        return browser.findElement(By.id("verify-app"));
    }

    private void openCheckPage() {
        browser.get(url("/accreditation/verify?lang=en"));
        waiting().until(b -> "true".equals(app().getDomAttribute("data-ready")));
    }

    /** Pastes the QR content and returns "VALID" or "NOT_VALID:<reason>" as the page shows it. */
    private String check(String qrContent) {
        WebElement field = browser.findElement(By.id("credential"));
        browser.executeScript("document.getElementById('verdict').hidden = true; arguments[0].value = arguments[1];", field, qrContent);
        browser.findElement(By.id("check")).click();
        WebElement verdict = browser.findElement(By.id("verdict"));
        waiting().until(b -> verdict.isDisplayed());
        String result = verdict.getDomAttribute("data-result");
        return "VALID".equals(result) ? result : result + ":" + verdict.getDomAttribute("data-reason");
    }

    private Object fetchFromPage(String path) {
        return browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {cache: 'no-store'}).then(r => done('status ' + r.status), e => done('failed: ' + e));""", path);
    }

    @Test
    void theDoorCheckAnswersFromTheBadgesQrCodeWithTheNetworkCutAndSeesARevocationOnceOnline() throws Exception {
        long organisation = organisation();
        JsonNode badge = issue(applyThroughTheForm(organisation, "SE" + run.toUpperCase().replaceAll("[^A-Z0-9]", "") + "01"), Map.of());
        JsonNode expired = issue(apply(organisation, "SE" + run.toUpperCase().replaceAll("[^A-Z0-9]", "") + "02"),
                Map.of("validFrom", LocalDate.now().minusDays(20).toString(), "validUntil", LocalDate.now().minusDays(5).toString()));
        String qr = qrOfBadgePdf(badge.get("badgeNumber").asString());
        assertThat(qr).isEqualTo(badge.get("credential").asString());

        openCheckPage();
        waiting().until(b -> "controlling".equals(app().getDomAttribute("data-sw")));
        Object cached = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                caches.keys().then(names => Promise.all(names.map(n => caches.open(n).then(c => c.keys()))))
                    .then(lists => done(lists.flat().map(r => new URL(r.url).pathname)), e => done(String(e)));""");
        assertThat(((List<?>) cached).stream().map(String::valueOf).toList()).contains("/accreditation/verify", "/assets/badge-verify.js",
                "/api/v1/public/accreditation/keys", "/api/v1/public/accreditation/revocations");
        assertThat(browser.findElement(By.id("network-status")).getText()).startsWith("Online");

        network.cut();
        assertThat(String.valueOf(fetchFromPage("/actuator/health"))).as("the network is really cut").startsWith("failed");
        browser.navigate().refresh();
        waiting().until(b -> "true".equals(app().getDomAttribute("data-ready")));

        assertThat(browser.findElement(By.id("network-status")).getText()).startsWith("Offline: revocation list as of");
        assertThat(check(qr)).isEqualTo("VALID");
        assertThat(browser.findElement(By.id("verdict-title")).getText()).isEqualTo("VALID");
        assertThat(browser.findElement(By.id("holder-name")).getText()).isEqualTo("LINDQVIST Astrid");
        assertThat(browser.findElement(By.id("holder-organisation")).getText()).isEqualTo("Door mission " + run);
        assertThat(browser.findElement(By.id("holder-category")).getText()).isEqualTo("Observer");
        assertThat(browser.findElement(By.id("badge-number")).getText()).isEqualTo(badge.get("badgeNumber").asString());
        assertThat(browser.findElement(By.id("validity")).getText())
                .isEqualTo(LocalDate.now().minusDays(2) + " – " + LocalDate.now().plusDays(12));

        assertThat(check(oneCharacterChanged(qr))).isEqualTo("NOT_VALID:BAD_SIGNATURE");
        assertThat(browser.findElement(By.id("verdict-title")).getText()).startsWith("NOT VALID — bad signature");
        assertThat(check(signedByAnUnknownKey(qr))).isEqualTo("NOT_VALID:UNKNOWN_KEY");
        assertThat(browser.findElement(By.id("verdict-title")).getText()).isEqualTo("NOT VALID — signed by an unknown key");
        assertThat(check(expired.get("credential").asString())).isEqualTo("NOT_VALID:EXPIRED");
        assertThat(check("this is not a badge")).isEqualTo("NOT_VALID:MALFORMED");

        network.restore();
        decide(badge.get("id").asLong(), "REVOKE", Map.of("reason", "left the mission"));
        browser.navigate().refresh();
        waiting().until(b -> "true".equals(app().getDomAttribute("data-ready")));

        assertThat(check(qr)).isEqualTo("NOT_VALID:REVOKED");
        assertThat(browser.findElement(By.id("verdict-title")).getText()).isEqualTo("NOT VALID — revoked by the commission");
        assertThat(browser.findElement(By.id("network-status")).getText()).startsWith("Online");
    }

    private static String oneCharacterChanged(String token) {
        String[] parts = token.split("\\.");
        int middle = parts[1].length() / 2;
        char changed = parts[1].charAt(middle) == 'A' ? 'B' : 'A';
        return parts[0] + "." + parts[1].substring(0, middle) + changed + parts[1].substring(middle + 1) + "." + parts[2];
    }

    private static String signedByAnUnknownKey(String genuine) throws Exception {
        OctetKeyPair forger = new OctetKeyPairGenerator(Curve.Ed25519).keyIDFromThumbprint(true).generate();
        JWSObject forged = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.EdDSA).type(new JOSEObjectType("electora-badge+jws"))
                .keyID(forger.getKeyID()).build(), new Payload(JWSObject.parse(genuine).getPayload().toJSONObject()));
        forged.sign(new Ed25519Signer(forger));
        return forged.serialize();
    }
}
