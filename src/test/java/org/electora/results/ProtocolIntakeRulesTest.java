package org.electora.results;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;

import org.electora.election.ElectionAction;
import org.electora.geography.PollingStation;
import org.electora.support.Api;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.WebSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.electora.support.ProtocolBuilder.aProtocol;

/** Over HTTP: no protocol before polls close, and scans refused by size and by what their bytes are. */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtocolIntakeRulesTest {

    @LocalServerPort int port;
    @Autowired ElectionFixture fixture;
    @Autowired JdbcTemplate jdbc;

    private Api admin;
    private ElectionFixture.Counting counting;

    @BeforeAll
    void setUp() {
        admin = Api.admin(port);
        counting = fixture.counting();
    }

    @Test
    void aProtocolBeforePollsCloseIsRefusedWithRes005AndNothingIsWritten() {
        ElectionFixture.Counting polling = fixture.election(LocalDate.now().plusDays(30),
                ElectionAction.START_CAMPAIGN, ElectionAction.OPEN_POLLS);
        long contest = polling.contest().id().value();
        for (PollingStation s : new PollingStation[] {polling.domestic().getFirst(), polling.abroad().getFirst()}) {
            var r = admin.post("/api/v1/protocols", aProtocol().body(contest, s.id().value()));
            assertThat(r.status()).as(r.body()).isEqualTo(409);
            assertThat(r.json().get("ruleCode").asString()).isEqualTo("RES-005");
            assertThat(r.json().get("detail").asString()).contains(s.timeZone().getId());
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM protocol WHERE contest_id = ?", Long.class, contest)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM protocol_version v JOIN protocol p ON p.id = v.protocol_id "
                + "WHERE p.contest_id = ?", Long.class, contest)).isZero();
    }

    @Test
    void noProtocolIsReceivedBeforeTheElectionIsPollingWithRes007() {
        ElectionFixture.Counting campaigning = fixture.election(LocalDate.now().plusDays(30), ElectionAction.START_CAMPAIGN);
        long contest = campaigning.contest().id().value();
        var r = admin.post("/api/v1/protocols", aProtocol().body(contest, campaigning.domestic().getFirst().id().value()));
        assertThat(r.status()).as(r.body()).isEqualTo(409);
        assertThat(r.json().get("ruleCode").asString()).isEqualTo("RES-007");
        assertThat(r.json().get("detail").asString()).startsWith("The election's status is campaign;");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM protocol WHERE contest_id = ?", Long.class, contest)).isZero();
    }

    /**
     * Polls close at the same local time everywhere, each station by its own clock: chosen here so that the capital
     * (Asia/Baku, UTC+4 all year) closed about an hour ago while the mission in Washington (America/New_York, UTC-5,
     * UTC-4 in summer) still has 7 or 8 hours to go. The same local time on the same date is always 8-9 hours later
     * in New York than in Baku, so the choice holds at any hour of the day: the polling day is Baku's date an hour ago
     * (yesterday's, shortly after midnight Baku time), and New York's closing is that date and time in New York,
     * whatever the date there now. The only wrap to avoid is a closing at 00:00, which leaves no earlier time on the
     * same day for the polls to open: then close a minute earlier (23:59 of the day before).
     */
    @Test
    void theCapitalClosedButAStationInTheAmericasStillPollingRefusesOnlyThatStationAndKeepsTheEmbargo() {
        ZoneId baku = ZoneId.of("Asia/Baku");
        ZonedDateTime capitalClose = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES).atZone(baku);
        if (capitalClose.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            capitalClose = capitalClose.minusMinutes(1);
        }
        LocalTime close = capitalClose.toLocalTime();
        LocalTime open = close.isBefore(LocalTime.of(11, 0)) ? LocalTime.MIDNIGHT : close.minusHours(11);
        ElectionFixture.Counting polling = fixture.election(capitalClose.toLocalDate(), open, close,
                ElectionAction.START_CAMPAIGN, ElectionAction.OPEN_POLLS);
        long contest = polling.contest().id().value();
        PollingStation domestic = polling.domestic().getFirst();
        PollingStation washington = polling.abroad().stream()
                .filter(s -> s.timeZone().getId().equals("America/New_York")).findFirst().orElseThrow();
        // The premises, in the stations' own zones.
        Instant now = Instant.now();
        assertThat(domestic.timeZone()).isEqualTo(baku);
        assertThat(polling.election().closesAt(domestic.timeZone()).toInstant()).as("the capital has closed").isBefore(now);
        assertThat(polling.election().closesAt(washington.timeZone()).toInstant()).as("Washington is still polling")
                .isAfter(now.plus(Duration.ofHours(6)));

        var capital = admin.post("/api/v1/protocols", aProtocol().body(contest, domestic.id().value()));
        assertThat(capital.status()).as(capital.body()).isEqualTo(201);
        assertThat(capital.json().get("status").asString()).isEqualTo("ACCEPTED");

        var abroad = admin.post("/api/v1/protocols", aProtocol().body(contest, washington.id().value()));
        assertThat(abroad.status()).as(abroad.body()).isEqualTo(409);
        assertThat(abroad.json().get("ruleCode").asString()).isEqualTo("RES-005");
        assertThat(abroad.json().get("detail").asString()).contains("America/New_York")
                .contains(capitalClose.toLocalDate().toString());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM protocol WHERE contest_id = ? AND station_id = ?", Long.class,
                contest, washington.id().value())).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM protocol_version v JOIN protocol p ON p.id = v.protocol_id "
                + "WHERE p.contest_id = ? AND p.station_id = ?", Long.class, contest, washington.id().value())).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM station_result WHERE contest_id = ? AND station_id = ?",
                Long.class, contest, washington.id().value())).isZero();

        // Nothing is public while any station still polls (docs/open-data.md): the embargo waits for Washington.
        long electionId = polling.election().id().value();
        var latest = Api.anonymous(port).get("/api/v1/public/elections/" + electionId + "/snapshots/latest");
        assertThat(latest.status()).as(latest.body()).isEqualTo(404);
        assertThat(latest.json().get("ruleCode").asString()).isEqualTo("PUB-001");
        var publish = admin.post("/api/v1/elections/" + electionId + "/snapshots", Map.of());
        assertThat(publish.status()).as(publish.body()).isEqualTo(409);
        assertThat(publish.json().get("ruleCode").asString()).isEqualTo("PUB-001");

        // The entry pages say so, each station by its own clock and the capital's.
        WebSession cec = WebSession.signIn(port, "admin", Api.ADMIN_PASSWORD);
        String localClose = close.toString();
        String entryPage = cec.get("/entry/" + contest + "/" + washington.id().value() + "?lang=en").body();
        assertThat(entryPage).contains("id=\"polls-close\">still polling: closes at " + localClose + " local time (",
                "in the capital) (America/New_York)");
        assertThat(cec.get("/entry/" + contest + "/" + domestic.id().value()).body())
                .contains("id=\"polls-close\">polls closed at " + localClose + " local time (" + localClose + " in the capital)");
        assertThat(cec.get("/entry?election=" + electionId + "&constituency=" + washington.constituencyId().value()).body())
                .contains("America/New_York · still polling: closes at " + localClose);
        assertThat(cec.get("/entry?election=" + electionId + "&constituency=" + domestic.constituencyId().value()).body())
                .contains("Asia/Baku · polls closed at " + localClose);

        // Nor may the CEC close the polls for the election while a station still polls (ELE-012): counting would
        // begin, and constituencies sign, before the Americas have voted. The refusal names the last station's zone.
        var closing = admin.post("/api/v1/elections/" + electionId + "/transitions",
                Map.of("action", "CLOSE_POLLS", "version", polling.election().version()));
        assertThat(closing.status()).as(closing.body()).isEqualTo(409);
        assertThat(closing.json().get("ruleCode").asString()).isEqualTo("ELE-012");
        assertThat(closing.json().get("detail").asString()).contains("America/");
        assertThat(jdbc.queryForObject("SELECT status FROM election WHERE id = ?", String.class, electionId)).isEqualTo("POLLING");
    }

    private long protocolAt(int station) {
        var r = admin.post("/api/v1/protocols", aProtocol().body(counting.contest().id().value(),
                counting.domestic().get(station).id().value()));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("protocol").asLong();
    }

    @Test
    void anOversizedScanIsRefusedWithRes013() {
        long protocol = protocolAt(0);
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        big[0] = '%';
        big[1] = 'P';
        big[2] = 'D';
        big[3] = 'F';
        big[4] = '-';
        var r = admin.putBytes("/api/v1/protocols/" + protocol + "/versions/1/scan", "application/pdf", big);
        assertThat(r.status()).as(r.body()).isIn(413, 422);
        assertThat(r.json().get("ruleCode").asString()).isEqualTo("RES-013");
        assertThat(admin.getBytes("/api/v1/protocols/" + protocol + "/versions/1/scan").status()).isEqualTo(404);
    }

    @Test
    void aScanThatIsNotAPdfOrImageIsRefusedWithRes014EvenWhenItClaimsToBeOne() {
        long protocol = protocolAt(1);
        byte[] html = "<html><script>alert(1)</script></html>".getBytes();
        var r = admin.putBytes("/api/v1/protocols/" + protocol + "/versions/1/scan", "image/png", html);
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().get("ruleCode").asString()).isEqualTo("RES-014");
        assertThat(admin.getBytes("/api/v1/protocols/" + protocol + "/versions/1/scan").status()).isEqualTo(404);
    }

    @Test
    void anAttachedScanIsServedWithItsDetectedTypeAndDigest() {
        long protocol = protocolAt(2);
        byte[] jpeg = Arrays.copyOf(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}, 64);
        var put = admin.putBytes("/api/v1/protocols/" + protocol + "/versions/1/scan", "image/jpeg", jpeg);
        assertThat(put.status()).as(put.body()).isEqualTo(201);
        String sha = put.json().get("sha256").asString();
        var got = admin.getBytes("/api/v1/protocols/" + protocol + "/versions/1/scan");
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(got.headers().firstValue("Digest")).hasValue("sha-256=" + sha);
        assertThat(got.body()).isEqualTo(jpeg);
        assertThat(admin.get("/api/v1/protocols/" + protocol).json().get("versions").get(0).get("scanSha256").asString())
                .isEqualTo(sha);
    }
}
