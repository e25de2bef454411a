package org.electora.results;

import java.time.LocalDate;
import java.util.Arrays;

import org.electora.election.ElectionAction;
import org.electora.geography.PollingStation;
import org.electora.support.Api;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
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
