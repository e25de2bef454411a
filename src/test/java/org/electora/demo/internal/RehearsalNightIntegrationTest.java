package org.electora.demo.internal;

import java.time.Duration;
import java.util.List;

import org.electora.election.Candidate;
import org.electora.election.Contest;
import org.electora.election.Election;
import org.electora.election.ElectionStatus;
import org.electora.election.Elections;
import org.electora.geography.ElectoralMap;
import org.electora.geography.MapVersion;
import org.electora.geography.PollingStation;
import org.electora.platform.CurrentStaff;
import org.electora.results.Tallies;
import org.electora.results.Tally;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole rehearsal night on the small demo map, with every station closed: each station's protocol arrives through
 * the results service, the planted ones are quarantined and left out of the totals, the silent stations send none,
 * the election then moves to counting, and the national totals are the sums of the protocols sent. Run again, it
 * sends nothing: a restart resumes, it does not send twice.
 */
@ElectoraIntegrationTest
class RehearsalNightIntegrationTest {

    @Autowired RehearsalNight rehearsal;
    @Autowired ElectionFixture fixture;
    @Autowired ElectoralMap map;
    @Autowired Elections elections;
    @Autowired Tallies tallies;
    @Autowired JdbcTemplate jdbc;

    @Test
    void everyStationReportsOnceThePlantedErrorsWaitInQuarantineAndTheTotalsAreTheirSums() {
        MapVersion demo = fixture.demoMap();
        Election election = CurrentStaff.runAsSystem(() -> rehearsal.call(demo, Duration.ofMinutes(-30)));
        assertThat(election.status()).isEqualTo(ElectionStatus.POLLING);
        assertThat(election.name()).startsWith(RehearsalNight.NAME);
        Contest contest = elections.contests(election.id()).getFirst();
        List<Integer> ballotOrders = elections.candidates(contest.id()).stream().map(Candidate::ballotOrder).sorted().toList();
        assertThat(ballotOrders).hasSize(DemoCandidates.all().size());

        RehearsalNight.Night night = CurrentStaff.runAsSystem(() -> rehearsal.night(election));

        List<PollingStation> stations = map.stations(demo.id());
        long valid = 0;
        long issued = 0;
        int counted = 0;
        int planted = 0;
        int silent = 0;
        for (PollingStation s : stations) {
            RehearsalNight.Generated p = RehearsalNight.protocol(s.id().value(), s.isAbroad(), ballotOrders);
            if (p.silent()) {
                silent++;
            } else if (p.broken()) {
                planted++;
            } else {
                counted++;
                valid += p.lines().get(10);
                issued += p.lines().get(4) + p.lines().get(5);
            }
        }
        assertThat(night).isEqualTo(new RehearsalNight.Night(stations.size() - silent, planted, silent));
        assertThat(elections.byId(election.id()).orElseThrow().status()).isEqualTo(ElectionStatus.COUNTING);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM protocol WHERE contest_id = ? AND status = 'QUARANTINED'",
                Integer.class, contest.id().value())).isEqualTo(planted);
        Tally national = tallies.national(contest.id().value());
        assertThat(national.stationsCounted()).isEqualTo(counted);
        assertThat(national.valid()).isEqualTo(valid);
        assertThat(national.ballotsIssued()).isEqualTo(issued);

        RehearsalNight.Night again = CurrentStaff.runAsSystem(() -> rehearsal.night(election));
        assertThat(again).isEqualTo(new RehearsalNight.Night(0, 0, silent));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM protocol WHERE contest_id = ?", Integer.class,
                contest.id().value())).isEqualTo(stations.size() - silent);
    }
}
