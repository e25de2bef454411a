package org.electora.registry.internal.register;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The register's public pages in a real browser (headless Chromium): "Where do I vote?" in three languages, and
 * the application to vote abroad through to the consul's approval and the voter's new station.
 */
@ElectoraIntegrationTest
class PublicRegisterBrowserTest {

    private static final String PASSWORD = "register browser password 1";
    private static final long SEED = 20_261_127L;

    @LocalServerPort int port;
    @Autowired ElectionFixture fixture;
    @Autowired RegisterReference reference;
    @Autowired LookupRateLimiter limiter;
    @Autowired JdbcClient jdbc;

    private final SplittableRandom random = new SplittableRandom(SEED);
    @OpenBrowser
    private ChromeDriver browser;
    private ElectionFixture.Counting election;
    private Api admin;
    private String region;
    private String settlement;

    @BeforeEach
    void setUp() {
        limiter.reset();
        // the newest called election is the current one, which the public pages show
        election = fixture.election(LocalDate.now().plusDays(35));
        admin = Api.admin(port);
        SeededSettlement first = SeededSettlement.first(reference, jdbc, election.map().id().value());
        region = first.region();
        settlement = first.name();
    }

    @Test
    void aVoterFindsStationAddressMapAndLocalHoursAndAWrongBirthDateOrUnknownIdGetsTheSameNeutralMessageInEachLanguage() {
        PollingStation home = election.domestic().stream().filter(s -> s.coordinates() != null).skip(3).findFirst().orElseThrow();
        String id = voterOnList("1979-04-21", home);

        browser.get(url("/where-do-i-vote?lang=en"));
        lookUp(id, "1979-04-21");

        assertThat(text(By.cssSelector("#answer h2"))).isEqualTo(home.name());
        assertThat(text(By.id("station-address"))).isEqualTo(home.address());
        assertThat(browser.findElement(By.id("station-map")).getAttribute("href"))
                .startsWith("https://www.openstreetmap.org/?mlat=" + String.format(java.util.Locale.ROOT, "%.6f", home.coordinates().latitude()));
        assertThat(text(By.id("station-hours"))).isEqualTo("08:00–19:00 (" + home.timeZone().getId() + ", UTC"
                + election.election().opensAt(home.timeZone()).getOffset().getId().replace("Z", "+00:00") + ")");
        assertThat(browser.getPageSource()).doesNotContain(id);

        lookUp(id, "1979-04-22");
        String wrongDate = browser.findElement(By.id("answer")).getAttribute("innerHTML");
        String wrongDateText = text(By.id("answer"));
        lookUp(nationalId(), "1979-04-21");
        String unknown = browser.findElement(By.id("answer")).getAttribute("innerHTML");

        assertThat(wrongDateText).startsWith("No voter with this national id and date of birth is on a list");
        assertThat(unknown).isEqualTo(wrongDate);
        assertThat(browser.findElements(By.id("station-address"))).isEmpty();

        Browser.clickToLoad(browser, browser.findElement(By.id("lang-az")));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("az");
        assertThat(text(By.tagName("h1"))).isEqualTo("Harada səs verirəm?");
        lookUp(id, "1979-04-21");
        assertThat(text(By.cssSelector("#answer h2"))).isEqualTo(home.name());
        assertThat(browser.findElement(By.id("answer")).getText()).contains("Ünvan", "İş saatları (yerli vaxt)");
        lookUp(nationalId(), "1979-04-21");
        assertThat(text(By.id("answer"))).startsWith("Bu şəxsiyyət nömrəsi və doğum tarixi ilə siyahıda seçici yoxdur");

        Browser.clickToLoad(browser, browser.findElement(By.id("lang-ru")));
        assertThat(text(By.tagName("h1"))).isEqualTo("Где я голосую?");
        lookUp(id, "1979-04-22");
        assertThat(text(By.id("answer"))).startsWith("Избирателя с таким личным номером и датой рождения в списках нет");

        Browser.clickToLoad(browser, browser.findElement(By.id("lang-en")));
        assertThat(text(By.tagName("h1"))).isEqualTo("Where do I vote?");
    }

    @Test
    void aResidentAbroadAndABusinessTravellerApplyOnTheFormBadInputIsShownOnTheFormAndTheConsulsApprovalPutsThemOnTheMissionsList() {
        PollingStation home = election.domestic().get(4);
        PollingStation mission = election.abroad().getFirst();
        LocalDate day = election.election().pollingDay();
        String resident = voterOnList("1968-02-03", home);
        String traveller = voterOnList("1985-11-30", home);

        browser.get(url("/vote-abroad?lang=en"));
        apply(resident, "1968-02-03", mission, false, null, null);
        assertThat(text(By.id("answer"))).startsWith("Thank you");

        // bad input: a business trip without dates, one that ends before polling day, trip dates for a resident
        apply(traveller, "1985-11-30", mission, true, null, null);
        assertThat(problems()).containsExactly("REG-053");
        assertThat(text(By.id("problems"))).contains("must include polling day " + day);
        assertThat(browser.findElements(By.id("answer"))).isEmpty();
        assertThat(browser.findElement(By.id("nationalId")).getAttribute("value")).isEqualTo(traveller);
        assertThat(browser.findElement(By.id("reason-trip")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("tripFrom")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(new Select(browser.findElement(By.id("stationId"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo(Long.toString(mission.id().value()));

        apply(traveller, "1985-11-30", mission, true, day.minusDays(9), day.minusDays(2));
        assertThat(problems()).containsExactly("REG-053");
        apply(traveller, "1985-11-30", mission, false, day.minusDays(2), day.plusDays(2));
        assertThat(problems()).containsExactly("REG-053");
        assertThat(text(By.id("problems"))).contains("trip dates are for business trips only");

        apply(traveller, "1985-11-30", mission, true, day.minusDays(2), day.plusDays(3));
        assertThat(text(By.id("answer"))).startsWith("Thank you");
        assertThat(browser.findElement(By.id("nationalId")).getAttribute("value")).isEmpty();

        Api consul = consul(mission);
        var pending = consul.get("/api/v1/abroad-applications?status=PENDING&reason=deciding+applications");
        assertThat(pending.status()).as(pending.body()).isEqualTo(200);
        Map<String, Long> applications = new HashMap<>();
        Map<String, String> reasons = new HashMap<>();
        pending.json().forEach(a -> {
            applications.put(a.get("nationalId").asString(), a.get("application").get("id").asLong());
            reasons.put(a.get("nationalId").asString(), a.get("application").get("reason").asString());
        });
        assertThat(reasons).containsEntry(resident, "ABROAD_CONSULAR").containsEntry(traveller, "BUSINESS_TRIP");
        for (String voter : List.of(resident, traveller)) {
            var approved = consul.post("/api/v1/abroad-applications/" + applications.get(voter) + "/approval", Map.of());
            assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        }

        for (String voter : List.of(resident, traveller)) {
            assertThat(jdbc.sql("""
                            SELECT r.station_id FROM registration r JOIN voter v ON v.id = r.voter_id
                            WHERE v.national_id = ? AND r.election_id = ? AND r.active""")
                    .params(voter, election.election().id().value()).query(Long.class).list())
                    .containsExactly(mission.id().value());
        }
        assertThat(jdbc.sql("""
                        SELECT r.trip_from FROM registration r JOIN voter v ON v.id = r.voter_id
                        WHERE v.national_id = ? AND r.election_id = ? AND r.active""")
                .params(traveller, election.election().id().value()).query(LocalDate.class).single()).isEqualTo(day.minusDays(2));
        // the home list no longer counts them
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM registration r JOIN voter v ON v.id = r.voter_id
                        WHERE v.national_id IN (?, ?) AND r.election_id = ? AND r.station_id = ? AND r.active""")
                .params(resident, traveller, election.election().id().value(), home.id().value()).query(Long.class).single())
                .isZero();

        // and "Where do I vote?" now names the mission's station, open by its own clock
        browser.get(url("/where-do-i-vote?lang=en"));
        lookUp(traveller, "1985-11-30");
        assertThat(text(By.cssSelector("#answer h2"))).isEqualTo(mission.name());
        assertThat(text(By.id("station-hours"))).startsWith("08:00–19:00 (" + mission.timeZone().getId() + ", UTC");
    }

    private void lookUp(String nationalId, String dateOfBirth) {
        browser.findElement(By.id("nationalId")).sendKeys(nationalId);
        setDate("dateOfBirth", dateOfBirth);
        Browser.clickToLoad(browser, browser.findElement(By.id("look-up")));
    }

    private void apply(String nationalId, String dateOfBirth, PollingStation station, boolean businessTrip,
                       LocalDate tripFrom, LocalDate tripTo) {
        WebElement id = browser.findElement(By.id("nationalId"));
        id.clear();
        id.sendKeys(nationalId);
        setDate("dateOfBirth", dateOfBirth);
        new Select(browser.findElement(By.id("stationId"))).selectByValue(Long.toString(station.id().value()));
        browser.findElement(By.id(businessTrip ? "reason-trip" : "reason-resident")).click();
        setDate("tripFrom", tripFrom == null ? "" : tripFrom.toString());
        setDate("tripTo", tripTo == null ? "" : tripTo.toString());
        Browser.clickToLoad(browser, browser.findElement(By.id("apply")));
    }

    /** Date inputs take keystrokes in the browser's locale format; the value itself is always yyyy-mm-dd. */
    private void setDate(String field, String value) {
        browser.executeScript("arguments[0].value = arguments[1]", browser.findElement(By.id(field)), value);
    }

    private List<String> problems() {
        return browser.findElements(By.cssSelector("#problems li")).stream().map(li -> li.getAttribute("data-rule")).toList();
    }

    private String text(By by) {
        return browser.findElement(by).getText().strip();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private String nationalId() {
        String digits = String.format("%08d", random.nextInt(100_000_000));
        return digits + SyntheticPeople.luhn(digits);
    }

    /** A new voter, imported and put on {@code station}'s list of the test's election; returns the national id. */
    private String voterOnList(String dateOfBirth, PollingStation station) {
        String id = nationalId();
        var r = admin.postRaw("/api/v1/register/imports", "text/csv", RegisterCsv.HEADER + "\n" + id
                + ",Həsənova,Leyla,Vüqar qızı," + dateOfBirth + ",F," + region + "," + settlement + ",Nizami street,8,,,,ACTIVE,,\n");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long voter = jdbc.sql("SELECT id FROM voter WHERE national_id = ?").param(id).query(Long.class).single();
        jdbc.sql("INSERT INTO registration (election_id, voter_id, station_id, reason) VALUES (?, ?, ?, 'RESIDENCE')")
                .params(election.election().id().value(), voter, station.id().value()).update();
        return id;
    }

    private Api consul(PollingStation mission) {
        String username = "reg-browser-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new HashMap<>(Map.of("username", username, "displayName", "Consul", "role", "CONSULAR_OFFICER",
                "scopeKind", "MISSION", "scopeId", mission.abroad().missionId().value(), "password", PASSWORD));
        var r = admin.post("/api/v1/staff", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return Api.as(port, username, PASSWORD);
    }
}
