package org.electora.registry.internal.register;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.electora.election.ElectionAction;
import org.electora.geography.PollingStation;
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
 * Polling-day additions to a station's supplementary list without a transfer certificate, over real HTTP: the voter
 * in the list's supplementary section and in its change log, every refusal with its rule code and nothing changed,
 * who may add where, and the precinct's form. The polling elections are held today by the station's own clock, with
 * polls open all day, so that the tests do not depend on the hour they run at (PollingDayWindowTest covers the hours).
 */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PollingDayAdditionsTest {

    private static final String PASSWORD = "polling day password 1";
    private static final long SEED = 19_2026L;
    private static final LocalTime OPEN = LocalTime.of(0, 0);
    private static final LocalTime CLOSE = LocalTime.of(23, 59, 59);

    @LocalServerPort int port;
    @Autowired ElectionFixture fixture;
    @Autowired RegisterReference reference;
    @Autowired JdbcClient jdbc;

    private final SplittableRandom random = new SplittableRandom(SEED);
    private String run;
    private ElectionFixture.Counting polling;       // POLLING, polling day today at home
    private ElectionFixture.Counting pollingAbroad; // POLLING, polling day today at station abroad A
    private PollingStation home;
    private PollingStation other;
    private PollingStation abroadA;
    private PollingStation abroadB;                 // another mission's
    private String region;
    private String settlement;
    private Api admin;
    private Api pecHome;
    private Api pecOther;
    private Api consularA;
    private Api consularB;
    private Api constituency;
    private Api auditor;

    @BeforeAll
    void setUp() {
        admin = Api.admin(port);
        ElectionFixture.Counting any = fixture.election(LocalDate.now().plusDays(60));
        home = any.domestic().get(0);
        other = any.domestic().stream().filter(s -> !s.constituencyId().equals(home.constituencyId())).findFirst().orElseThrow();
        abroadA = any.abroad().getFirst();
        abroadB = any.abroad().stream().filter(s -> !s.abroad().missionId().equals(abroadA.abroad().missionId()))
                .findFirst().orElseThrow();
        polling = polling(LocalDate.now(home.timeZone()));
        pollingAbroad = polling(LocalDate.now(abroadA.timeZone()));
        SeededSettlement first = SeededSettlement.first(reference, jdbc, any.map().id().value());
        region = first.region();
        settlement = first.name();
        run = UUID.randomUUID().toString().substring(0, 8);
        pecHome = staff("pec-home", "PRECINCT_OPERATOR", "STATION", home.id().value());
        pecOther = staff("pec-other", "PRECINCT_OPERATOR", "STATION", other.id().value());
        consularA = staff("csl-a", "CONSULAR_OFFICER", "MISSION", abroadA.abroad().missionId().value());
        consularB = staff("csl-b", "CONSULAR_OFFICER", "MISSION", abroadB.abroad().missionId().value());
        constituency = staff("con", "CONSTITUENCY_OPERATOR", "CONSTITUENCY", home.constituencyId().value());
        auditor = staff("aud", "AUDITOR", "NATIONAL", null);
    }

    private ElectionFixture.Counting polling(LocalDate day) {
        return fixture.election(day, OPEN, CLOSE, ElectionAction.START_CAMPAIGN, ElectionAction.OPEN_POLLS);
    }

    @Test
    void aPrecinctOperatorAddsAMissingVoterWhoIsThenInTheSupplementarySectionAndInTheChangeLogAfterPrinting() throws IOException {
        Voter v = voter("Zeynalova");
        long election = polling.election().id().value();
        var print = pecHome.postForBytes("/api/v1/stations/" + home.id().value() + "/voter-list/prints?election=" + election,
                Map.of("reason", "printing for polling day"));
        assertThat(print.status()).isEqualTo(201);

        var added = pecHome.post(additions(home), body(v, "resides at Nizami 12, missing from the list", election));

        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.json().get("reason").asString()).isEqualTo("resides at Nizami 12, missing from the list");
        assertThat(added.json().get("addedBy").asString()).isEqualTo(username("pec-home"));
        assertThat(registrations(v, election)).containsExactly(home.id().value() + " SUPPLEMENTARY ACTIVE");
        var csv = pecHome.get("/api/v1/stations/" + home.id().value() + "/voter-list.csv?election=" + election
                + "&reason=checking+the+supplementary+list");
        assertThat(csv.status()).isEqualTo(200);
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.body())).getRecords();
        assertThat(rows).filteredOn(r -> r.get("family_name").equals("Zeynalova")).singleElement().satisfies(r -> {
            assertThat(r.get("section")).isEqualTo("SUPPLEMENTARY");
            assertThat(r.get("remark")).isEqualTo("polling day: resides at Nizami 12, missing from the list");
        });
        var changes = pecHome.get("/api/v1/stations/" + home.id().value() + "/voter-list/changes?election=" + election).json();
        var change = java.util.stream.StreamSupport.stream(changes.spliterator(), false)
                .filter(c -> c.get("voterId").asLong() == v.id).toList();
        assertThat(change).singleElement().satisfies(c -> {
            assertThat(c.get("kind").asString()).isEqualTo("SUPPLEMENTARY_ADDED");
            assertThat(c.get("by").asString()).isEqualTo(username("pec-home"));
            assertThat(c.get("why").asString()).isEqualTo("SUPPLEMENTARY: polling day, resides at Nizami 12, missing from the list");
        });
        assertThat(audits(v)).containsExactly("register.supplementary-added");
        assertThat(jdbc.sql("SELECT payload FROM audit_event WHERE subject = ? AND type = 'register.supplementary-added'")
                .param("voter:" + v.id).query(String.class).single()).contains("resides at Nizami 12");

        // A second addition of the same voter is refused and changes nothing.
        var again = admin.post(additions(home), body(v, "added again by mistake", election));
        assertRefused(again, 409, "REG-145");
        assertThat(registrations(v, election)).containsExactly(home.id().value() + " SUPPLEMENTARY ACTIVE");
        assertThat(audits(v)).containsExactly("register.supplementary-added");
    }

    @Test
    void aConsularOfficerAddsAtItsMissionsStationByThatStationsClockAndNowhereElse() {
        Voter v = voter("Hasanli");
        long election = pollingAbroad.election().id().value();

        assertRefused(consularA.post(additions(home), body(v, "lives in the station's area", election)), 403, null);
        assertRefused(consularB.post(additions(abroadA), body(v, "registered with the consulate", election)), 403, null);
        var added = consularA.post(additions(abroadA), body(v, "registered with the consulate, missing from the list", election));

        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(registrations(v, election)).containsExactly(abroadA.id().value() + " SUPPLEMENTARY ACTIVE");
    }

    @Test
    void everyRefusalHasItsRuleCodeAndChangesNothing() {
        long election = polling.election().id().value();
        Voter v = voter("Aliyev");
        long notPolling = fixture.election(LocalDate.now(home.timeZone()), OPEN, CLOSE).election().id().value();
        long tomorrow = polling(LocalDate.now(home.timeZone()).plusDays(1)).election().id().value();
        long yesterday = polling(LocalDate.now(home.timeZone()).minusDays(1)).election().id().value();

        assertRefused(pecHome.post(additions(home), body(new Voter(v.id, "12345"), "", election)), 422, "REG-140");
        assertRefused(pecHome.post(additions(home), body(v, " ", election)), 422, "REG-140");
        assertRefused(pecHome.post(additions(home), body(v, "lives here", notPolling)), 409, "REG-141");
        assertRefused(pecHome.post(additions(home), body(v, "lives here", tomorrow)), 409, "REG-142");
        assertRefused(pecHome.post(additions(home), body(v, "lives here", yesterday)), 409, "REG-143");
        assertRefused(pecHome.post(additions(home), body(new Voter(0, nationalId()), "lives here", election)), 404, "REG-144");
        assertRefused(pecHome.post("/api/v1/stations/999999999/supplementary-additions", body(v, "lives here", election)), 404, "REG-130");
        for (long e : List.of(election, notPolling, tomorrow, yesterday)) {
            assertThat(registrations(v, e)).isEmpty();
        }
        assertThat(audits(v)).isEmpty();

        Voter dead = voter("Mammadov");
        var died = admin.post("/api/v1/voters/" + dead.id + "/status-changes", Map.of("action", "DECLARE_DECEASED",
                "reason", "death certificate 90210", "effectiveDate", LocalDate.now().minusDays(1).toString()));
        assertThat(died.status()).as(died.body()).isEqualTo(201);
        var inactive = pecHome.post(additions(home), body(dead, "lives here", election));
        assertRefused(inactive, 409, "REG-109");
        assertThat(inactive.body()).doesNotContain("DECEASED");
        assertThat(registrations(dead, election)).isEmpty();
        // The refusal told the precinct that this id is not active: logged as a read of personal data.
        assertThat(refusalReads(dead)).containsExactly(username("pec-home") + " REG-109");
    }

    @Test
    void aVoterOnAnotherStationsListIsRefusedAndOnlyWhoMaySeeThatStationLearnsWhichItIs() {
        long election = polling.election().id().value();
        Voter v = voter("Guliyeva");
        jdbc.sql("INSERT INTO registration (election_id, voter_id, station_id, reason) VALUES (?, ?, ?, 'RESIDENCE')")
                .params(election, v.id, other.id().value()).update();

        var byPrecinct = pecHome.post(additions(home), body(v, "says she lives here", election));
        var byCec = admin.post(additions(home), body(v, "says she lives here", election));

        assertRefused(byPrecinct, 409, "REG-146");
        assertThat(byPrecinct.body()).doesNotContain(other.code());
        assertRefused(byCec, 409, "REG-146");
        assertThat(byCec.body()).contains(other.code());
        assertThat(registrations(v, election)).containsExactly(other.id().value() + " RESIDENCE ACTIVE");
        assertThat(audits(v)).isEmpty();
        assertThat(refusalReads(v)).containsExactly(username("pec-home") + " REG-146", "admin REG-146");

        // With a transfer certificate taken at the other station, the certificate is the way onto this list.
        var certificate = admin.post("/api/v1/transfer-certificates", Map.of("voterId", v.id, "electionId", election));
        assertThat(certificate.status()).as(certificate.body()).isEqualTo(201);
        assertRefused(pecHome.post(additions(home), body(v, "says she lives here", election)), 409, "REG-147");
        assertThat(registrations(v, election)).containsExactly(other.id().value() + " RESIDENCE TRANSFERRED");
    }

    @Test
    void onlyThePrecinctOfTheStationItsMissionOrTheCecMayAdd() {
        long election = polling.election().id().value();
        Voter v = voter("Rzayev");
        Map<String, Object> request = body(v, "lives in the station's area", election);

        Map<String, Integer> statuses = new LinkedHashMap<>();
        statuses.put("anonymous", Api.anonymous(port).post(additions(home), request).status());
        statuses.put("auditor", auditor.post(additions(home), request).status());
        statuses.put("constituency operator", constituency.post(additions(home), request).status());
        statuses.put("precinct of another station", pecOther.post(additions(home), request).status());
        statuses.put("consular officer", consularA.post(additions(home), request).status());

        assertThat(statuses).isEqualTo(Map.of("anonymous", 401, "auditor", 403, "constituency operator", 403,
                "precinct of another station", 403, "consular officer", 403));
        assertThat(registrations(v, election)).isEmpty();
        assertThat(admin.post(additions(home), request).status()).isEqualTo(201);
        assertThat(registrations(v, election)).containsExactly(home.id().value() + " SUPPLEMENTARY ACTIVE");
    }

    @Test
    void thePrecinctAddsThroughTheFormOnItsListPage() {
        long election = polling.election().id().value();
        Voter v = voter("Nasibova");
        var driver = Browser.start();
        try {
            driver.get("http://127.0.0.1:" + port + "/login?lang=en");
            driver.findElement(By.id("username")).sendKeys(username("pec-home"));
            driver.findElement(By.id("password")).sendKeys(PASSWORD);
            Browser.clickToLoad(driver, driver.findElement(By.id("sign-in")));
            driver.get("http://127.0.0.1:" + port + "/register/lists/" + home.id().value() + "?election=" + election);
            driver.findElement(By.id("add-national-id")).sendKeys(v.nationalId);
            driver.findElement(By.id("add-reason")).sendKeys("court decision 2-123/2026");
            Browser.clickToLoad(driver, driver.findElement(By.id("add-submit")));
            assertThat(driver.findElement(By.id("added")).getText()).startsWith("Added to the supplementary list");
            assertThat(registrations(v, election)).containsExactly(home.id().value() + " SUPPLEMENTARY ACTIVE");

            // The same voter again: the refusal page with the rule code.
            driver.findElement(By.id("add-national-id")).sendKeys(v.nationalId);
            driver.findElement(By.id("add-reason")).sendKeys("court decision 2-123/2026");
            Browser.clickToLoad(driver, driver.findElement(By.id("add-submit")));
            assertThat(driver.findElement(By.id("refused")).getText()).contains("409").contains("REG-145");

            // No form where additions are closed.
            long later = fixture.election(LocalDate.now().plusDays(20)).election().id().value();
            driver.get("http://127.0.0.1:" + port + "/register/lists/" + home.id().value() + "?election=" + later);
            assertThat(driver.findElements(By.id("add-supplementary"))).isEmpty();
        } finally {
            driver.quit();
        }
    }

    // --- helpers

    record Voter(long id, String nationalId) {
    }

    private Voter voter(String family) {
        String id = nationalId();
        var r = admin.postRaw("/api/v1/register/imports", "text/csv", RegisterCsv.HEADER + "\n" + id + "," + family
                + ",Leyla,Vuqar qizi,1985-05-05,F," + region + "," + settlement + ",Nizami street,12,,,,ACTIVE,,\n");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new Voter(jdbc.sql("SELECT id FROM voter WHERE national_id = ?").param(id).query(Long.class).single(), id);
    }

    private static String additions(PollingStation station) {
        return "/api/v1/stations/" + station.id().value() + "/supplementary-additions";
    }

    private static Map<String, Object> body(Voter v, String reason, long election) {
        return Map.of("nationalId", v.nationalId, "reason", reason, "electionId", election);
    }

    private static void assertRefused(Api.Response response, int status, String ruleCode) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        if (ruleCode != null) {
            assertThat(response.json().get("ruleCode").asString()).as(response.body()).isEqualTo(ruleCode);
        }
    }

    private List<String> registrations(Voter v, long election) {
        return jdbc.sql("SELECT station_id || ' ' || reason || ' ' || status FROM registration WHERE voter_id = ? AND election_id = ? ORDER BY id")
                .params(v.id, election).query(String.class).list();
    }

    /** Who learnt something from a refused addition (personal_data_access: actor and the refusal's rule code). */
    private List<String> refusalReads(Voter v) {
        return jdbc.sql("""
                        SELECT actor || ' ' || substring(purpose FROM '\\((REG-[0-9]+)\\)') FROM personal_data_access
                        WHERE voter_id = ? AND purpose LIKE 'polling-day addition refused%' ORDER BY id""")
                .param(v.id).query(String.class).list();
    }

    private List<String> audits(Voter v) {
        return jdbc.sql("SELECT type FROM audit_event WHERE subject = ? AND type LIKE 'register.supplementary%' ORDER BY intake_id")
                .param("voter:" + v.id).query(String.class).list();
    }

    private String nationalId() {
        String digits = String.format("%08d", random.nextInt(100_000_000));
        return digits + SyntheticPeople.luhn(digits);
    }

    private String username(String name) {
        return "pd-" + run + "-" + name;
    }

    private Api staff(String name, String role, String scopeKind, Long scopeId) {
        Map<String, Object> body = new HashMap<>(Map.of("username", username(name), "displayName", name,
                "role", role, "scopeKind", scopeKind, "password", PASSWORD));
        body.put("scopeId", scopeId);
        var r = admin.post("/api/v1/staff", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return Api.as(port, username(name), PASSWORD);
    }
}
