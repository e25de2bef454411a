package org.electora.demo.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.electora.election.Candidate;
import org.electora.election.Contest;
import org.electora.election.Election;
import org.electora.election.ElectionStatus;
import org.electora.election.Elections;
import org.electora.geography.ElectoralMap;
import org.electora.geography.MapVersion;
import org.electora.geography.PollingStation;
import org.electora.platform.CurrentStaff;
import org.electora.results.ProtocolAction;
import org.electora.results.ProtocolDecision;
import org.electora.results.ProtocolSource;
import org.electora.results.ProtocolStatus;
import org.electora.results.ProtocolSubmission;
import org.electora.results.ProtocolSummary;
import org.electora.results.ProtocolView;
import org.electora.results.Protocols;
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
    @Autowired RehearsalMorning morning;
    @Autowired Protocols protocols;
    @Autowired ElectionFixture fixture;
    @Autowired ElectoralMap map;
    @Autowired Elections elections;
    @Autowired Tallies tallies;
    @Autowired JdbcTemplate jdbc;

    /**
     * Missions and commissions train on the rehearsal: a station whose protocol staff keyed meanwhile keeps it, and the
     * night goes on (one refusal used to end it, leaving every later station overdue and the election polling).
     */
    @Test
    void aStationStaffKeyedDuringTheNightKeepsItsProtocolAndTheNightGoesOn() {
        MapVersion demo = fixture.demoMap();
        Election election = CurrentStaff.runAsSystem(() -> rehearsal.call(demo, Duration.ofMinutes(-30)));
        long contest = elections.contests(election.id()).getFirst().id().value();
        List<Integer> ballotOrders = elections.candidates(elections.contests(election.id()).getFirst().id()).stream()
                .map(Candidate::ballotOrder).sorted().toList();
        PollingStation keyed = map.stationsAbroad(demo.id()).getFirst();
        RehearsalNight.Generated staffs = RehearsalNight.protocol(keyed.id().value() + 1, true, ballotOrders);
        CurrentStaff.runAsSystem(() -> protocols.submit(new ProtocolSubmission(UUID.randomUUID(), contest, keyed.id().value(),
                staffs.lines(), staffs.votes(), null, null), ProtocolSource.DOUBLE_ENTRY));

        var sent = CurrentStaff.runAsSystem(() -> rehearsal.send(contest, keyed,
                RehearsalNight.protocol(keyed.id().value(), true, ballotOrders)));

        assertThat(sent).isEmpty();
        var versions = protocols.versions(protocols.protocol(contest, keyed.id().value()).orElseThrow().id());
        assertThat(versions).singleElement().satisfies(v -> {
            assertThat(v.source()).isEqualTo(ProtocolSource.DOUBLE_ENTRY);
            assertThat(v.lines()).isEqualTo(staffs.lines());
        });
        PollingStation next = map.stationsAbroad(demo.id()).get(1);
        assertThat(CurrentStaff.runAsSystem(() -> rehearsal.send(contest, next,
                RehearsalNight.protocol(next.id().value(), true, ballotOrders)))).isPresent();
    }

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

    /**
     * The morning after: of the quarantined stations by code, the first two of every four are corrected by their
     * precinct (a second version, accepted), the third released by decision (its version counted, with the reason and
     * reference), the fourth left for the desk; accepted stations are amended or annulled by rank. The totals are the
     * sums of the counted versions throughout, and a second morning takes no step.
     */
    @Test
    void theMorningCorrectsReleasesAmendsAndAnnulsAndLeavesSomeForTheDesk() {
        MapVersion demo = fixture.demoMap();
        Election election = CurrentStaff.runAsSystem(() -> rehearsal.call(demo, Duration.ofMinutes(-30)));
        Contest contest = elections.contests(election.id()).getFirst();
        long contestId = contest.id().value();
        List<Integer> ballotOrders = elections.candidates(contest.id()).stream().map(Candidate::ballotOrder).sorted().toList();
        CurrentStaff.runAsSystem(() -> rehearsal.night(election));

        // The small map plants few broken protocols, perhaps none: five accepted stations are amended with a broken
        // line 8, so that every fate has a station.
        List<ProtocolSummary> accepted = protocols.ofContest(contestId).stream()
                .filter(p -> p.status() == ProtocolStatus.ACCEPTED).toList();
        for (ProtocolSummary p : accepted.subList(accepted.size() - 5, accepted.size())) {
            Map<Integer, Long> lines = new LinkedHashMap<>(p.lines());
            lines.merge(8, 7L, Long::sum);
            var outcome = CurrentStaff.runAsSystem(() -> protocols.submit(new ProtocolSubmission(UUID.randomUUID(), contestId,
                    p.stationId(), lines, p.votes(), p.version(), "a broken amendment"), ProtocolSource.ELECTRONIC));
            assertThat(outcome.status()).isEqualTo(ProtocolStatus.QUARANTINED);
        }
        Map<String, ProtocolView> before = new HashMap<>();
        protocols.ofContest(contestId).forEach(p -> before.put(p.stationCode(),
                protocols.protocol(contestId, p.stationId()).orElseThrow()));
        List<String> quarantined = before.values().stream().filter(v -> v.status() == ProtocolStatus.QUARANTINED)
                .map(ProtocolView::stationCode).sorted().toList();
        assertThat(quarantined).hasSizeGreaterThanOrEqualTo(5);
        List<String> all = before.keySet().stream().sorted().toList();

        RehearsalMorning.Morning done = CurrentStaff.runAsSystem(() -> morning.morning(election, Duration.ZERO));

        int corrected = 0;
        int released = 0;
        int desk = 0;
        for (int rank = 0; rank < quarantined.size(); rank++) {
            ProtocolView was = before.get(quarantined.get(rank));
            ProtocolView now = protocols.protocol(was.id()).orElseThrow();
            List<ProtocolDecision> steps = protocols.decisions(was.id());
            switch (RehearsalMorning.Fate.of(rank)) {
                case CORRECTED -> {
                    corrected++;
                    assertThat(now.status()).isEqualTo(ProtocolStatus.ACCEPTED);
                    assertThat(now.version()).isEqualTo(was.version() + 1);
                    assertThat(now.countedVersion()).isEqualTo(was.version() + 1);
                    assertThat(protocols.versions(was.id())).hasSize(was.version() + 1);
                    assertThat(steps).anySatisfy(d -> {
                        assertThat(d.action()).isEqualTo(ProtocolAction.CORRECT);
                        assertThat(d.reason()).startsWith("Recount by the precinct commission");
                    });
                }
                case RELEASED -> {
                    released++;
                    assertThat(now.status()).isEqualTo(ProtocolStatus.ACCEPTED);
                    assertThat(now.version()).isEqualTo(was.version());
                    assertThat(now.countedVersion()).isEqualTo(was.version());
                    assertThat(steps.getLast().action()).isEqualTo(ProtocolAction.RELEASE);
                    assertThat(steps.getLast().reference()).isEqualTo("Constituency commission decision R-" + (rank + 1));
                }
                case LEFT_FOR_DESK -> {
                    desk++;
                    assertThat(now).isEqualTo(was);
                }
            }
        }
        int amended = 0;
        int annulled = 0;
        for (int rank = 0; rank < all.size(); rank++) {
            ProtocolView was = before.get(all.get(rank));
            ProtocolView now = protocols.protocol(was.id()).orElseThrow();
            if (was.status() == ProtocolStatus.ACCEPTED && rank % RehearsalMorning.AMEND_ONE_IN == 0 && was.version() == 1) {
                amended++;
                assertThat(now.status()).isEqualTo(ProtocolStatus.ACCEPTED);
                assertThat(now.version()).isEqualTo(2);
                assertThat(protocols.decisions(was.id())).anySatisfy(d -> assertThat(d.action()).isEqualTo(ProtocolAction.AMEND));
            } else if (was.status() == ProtocolStatus.ACCEPTED && rank % RehearsalMorning.ANNUL_ONE_IN == 1) {
                annulled++;
                assertThat(now.status()).isEqualTo(ProtocolStatus.ANNULLED);
                assertThat(now.countedVersion()).isNull();
                assertThat(protocols.decisions(was.id()).getLast().reference()).startsWith("CEC decision A-1 of ");
            } else if (!quarantined.contains(was.stationCode())) {
                assertThat(now).as(was.stationCode()).isEqualTo(was);
            }
        }
        assertThat(corrected).isPositive();
        assertThat(released).isPositive();
        assertThat(desk).isPositive();
        assertThat(amended).isPositive();
        assertThat(annulled).isPositive();
        assertThat(done).isEqualTo(new RehearsalMorning.Morning(corrected, released, amended, annulled, desk));

        // The totals are the counted versions' sums: annulled, quarantined stations out, corrections and amendments in.
        List<ProtocolSummary> counted = protocols.ofContest(contestId).stream().filter(p -> p.countedVersion() != null).toList();
        Tally national = tallies.national(contestId);
        assertThat(national.stationsCounted()).isEqualTo(counted.size());
        assertThat(national.valid()).isEqualTo(counted.stream().mapToLong(p -> p.lines().get(10)).sum());
        assertThat(national.invalid()).isEqualTo(counted.stream().mapToLong(p -> p.lines().get(9)).sum());
        for (int i = 0; i < ballotOrders.size(); i++) {
            int order = ballotOrders.get(i);
            assertThat(national.votes().get(i)).as("candidate " + order)
                    .isEqualTo(counted.stream().mapToLong(p -> p.votes().get(order)).sum());
        }

        RehearsalMorning.Morning again = CurrentStaff.runAsSystem(() -> morning.morning(election, Duration.ZERO));
        assertThat(again).isEqualTo(new RehearsalMorning.Morning(0, 0, 0, 0, desk));
    }
}
