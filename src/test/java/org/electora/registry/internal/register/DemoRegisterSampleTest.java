package org.electora.registry.internal.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.electora.election.Elections;
import org.electora.registry.RegisterSample;
import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The demo's synthetic register sample (SMALL shape: 2,000 voters) is loaded, assigned and answers the public lookup. */
@ElectoraIntegrationTest
class DemoRegisterSampleTest {

    @LocalServerPort int port;
    @Autowired RegisterSample sample;
    @Autowired Elections elections;
    @Autowired LookupRateLimiter limiter;
    @Autowired JdbcClient jdbc;

    @Test
    void everySampleVoterIsOnOneListAndTheLoggedIdsFindTheirStation() {
        long demoElection = jdbc.sql("""
                SELECT e.id FROM election e JOIN map_version m ON m.id = e.map_version_id
                WHERE m.name LIKE '%demo%' ORDER BY e.id LIMIT 1""").query(Long.class).single();
        String sampleStreet = "% " + DemoRegisterSample.STREET_KIND;
        long domestic = jdbc.sql("SELECT count(*) FROM voter WHERE street LIKE ? AND status = 'ACTIVE'").param(sampleStreet)
                .query(Long.class).single();
        long withoutList = jdbc.sql("""
                        SELECT count(*) FROM voter v WHERE v.street LIKE ? AND v.status = 'ACTIVE'
                          AND NOT EXISTS (SELECT 1 FROM registration r WHERE r.voter_id = v.id AND r.election_id = ?
                                          AND r.active AND r.reason = 'RESIDENCE')""")
                .params(sampleStreet, demoElection).query(Long.class).single();
        long abroad = jdbc.sql("SELECT count(*) FROM registration WHERE election_id = ? AND active AND reason = 'ABROAD_CONSULAR'")
                .param(demoElection).query(Long.class).single();
        long twoLists = jdbc.sql("SELECT count(*) FROM (SELECT 1 FROM registration WHERE active GROUP BY election_id, voter_id HAVING count(*) > 1) d")
                .query(Long.class).single();

        assertThat(domestic).as("sample voters at home (2,000 less a few abroad or deceased)").isBetween(1_950L, 2_000L);
        assertThat(withoutList).isZero();
        assertThat(abroad).as("the sample's voters abroad are on lists abroad").isPositive();
        assertThat(twoLists).isZero();

        // What the loader logs; while another test's election is the current one, the sample's voters are on no list of
        // it, so then they are looked up in the demo election by hand and the public answer only says "found".
        boolean demoIsCurrent = elections.current().map(e -> e.id().value() == demoElection).orElse(false);
        List<RegisterSample.SampleVoter> voters = demoIsCurrent ? sample.tryThese(5) : jdbc.sql("""
                        SELECT v.national_id, v.date_of_birth, ps.code, false FROM registration r
                        JOIN voter v ON v.id = r.voter_id JOIN polling_station ps ON ps.id = r.station_id
                        WHERE r.election_id = ? AND r.active AND v.street LIKE ? ORDER BY v.national_id LIMIT 4""")
                .params(demoElection, sampleStreet).query((rs, i) -> new RegisterSample.SampleVoter(rs.getString(1),
                        rs.getObject(2, java.time.LocalDate.class), rs.getString(3), rs.getBoolean(4))).list();
        assertThat(voters).hasSizeBetween(4, 5);
        if (demoIsCurrent) {
            assertThat(voters).anyMatch(RegisterSample.SampleVoter::abroad);
        }
        limiter.reset();
        Api anonymous = Api.anonymous(port);
        for (RegisterSample.SampleVoter v : voters) {
            var answer = anonymous.get("/api/v1/public/where-do-i-vote?nationalId=" + v.nationalId() + "&dateOfBirth=" + v.dateOfBirth());
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            if (demoIsCurrent) {
                assertThat(answer.json().get("station").get("code").asString()).isEqualTo(v.stationCode());
                assertThat(answer.json().get("station").get("abroad").asBoolean()).isEqualTo(v.abroad());
            }
        }
        limiter.reset();
    }
}
