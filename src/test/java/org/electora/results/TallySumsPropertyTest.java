package org.electora.results;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.electora.geography.Constituency;
import org.electora.geography.ElectoralMap;
import org.electora.geography.PollingStation;
import org.electora.platform.CurrentStaff;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.ProtocolBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.electora.support.ProtocolBuilder.aProtocol;

/**
 * Property: whatever mix of accepted, amended, quarantined and annulled protocols arrives, station rows sum to
 * constituency rows, constituencies to regions, regions to the nation, and all of them equal the sums recomputed here
 * from what was submitted and counts. Seeded; the seed is in every assertion message.
 */
@ElectoraIntegrationTest
class TallySumsPropertyTest {

    private static final long SEED = 20_240_207L;
    private static final int ROUNDS = 2;

    @Autowired ElectionFixture fixture;
    @Autowired Protocols protocols;
    @Autowired Tallies tallies;
    @Autowired ElectoralMap map;

    /** What the test expects a station to contribute: null when it does not count. */
    private record Expected(long voters, long issued, long valid, long invalid, long[] votes) {
    }

    @Test
    void stationConstituencyRegionAndNationalTotalsAgreeWithWhatCounts() {
        for (int round = 0; round < ROUNDS; round++) {
            long seed = SEED + round;
            CurrentStaff.runAsSystem(() -> {
                check(seed);
                return null;
            });
        }
    }

    private void check(long seed) {
        String at = "seed " + seed + ": ";
        var random = new SplittableRandom(seed);
        ElectionFixture.Counting e = fixture.counting();
        long contest = e.contest().id().value();
        List<PollingStation> stations = new ArrayList<>(e.domestic());
        stations.addAll(e.abroad());
        Map<Long, Expected> counted = new HashMap<>();
        for (PollingStation s : stations) {
            if (random.nextInt(10) == 0) {
                continue; // no protocol yet
            }
            ProtocolBuilder p = randomProtocol(random);
            boolean broken = random.nextInt(6) == 0;
            if (broken) {
                p.withLine(10, p.valid() + 1 + random.nextInt(50)); // breaks CIS-02 and CIS-03: quarantined
            }
            SubmissionOutcome first = submit(contest, s, p, null, null);
            counted.put(s.id().value(), broken ? null : expected(p));
            assertThat(first.status()).as(at + s.code()).isEqualTo(broken ? ProtocolStatus.QUARANTINED : ProtocolStatus.ACCEPTED);
            int action = random.nextInt(5);
            if (action == 0 && !broken) {
                ProtocolBuilder amended = randomProtocol(random);
                submit(contest, s, amended, 1, "recount");
                counted.put(s.id().value(), expected(amended));
            } else if (action == 1) {
                protocols.annul(first.protocol(), 1, "seal broken", "CEC " + seed);
                counted.put(s.id().value(), null);
            } else if (action == 2 && broken) {
                protocols.release(first.protocol(), 1, "recount confirmed", "ConEC " + seed);
                counted.put(s.id().value(), expected(p));
            }
        }

        Tally nation = tallies.national(contest);
        List<Tally> constituencies = tallies.byConstituency(contest);
        List<Tally> regions = tallies.byRegion(contest);
        assertSameTotals(at + "regions vs nation", sum(regions), nation);
        assertSameTotals(at + "constituencies vs nation", sum(constituencies), nation);
        for (Constituency c : map.constituencies(e.map().id())) {
            Tally row = constituencies.stream().filter(t -> t.key().equals(c.code())).findFirst().orElseThrow();
            List<Tally> stationRows = tallies.byStation(contest, c.id().value());
            assertSameTotals(at + "stations of " + c.code(), sum(stationRows), row);
            List<Expected> mine = stations.stream().filter(s -> s.constituencyId().equals(c.id()))
                    .map(s -> counted.get(s.id().value())).filter(x -> x != null).toList();
            assertThat(row.stationsCounted()).as(at + c.code() + " stations counted").isEqualTo(mine.size());
            assertThat(row.valid()).as(at + c.code() + " valid").isEqualTo(mine.stream().mapToLong(Expected::valid).sum());
        }
        List<Expected> all = counted.values().stream().filter(x -> x != null).toList();
        assertThat(nation.stationsCounted()).as(at + "stations counted").isEqualTo(all.size());
        assertThat(nation.votersOnList()).as(at + "voters").isEqualTo(all.stream().mapToLong(Expected::voters).sum());
        assertThat(nation.ballotsIssued()).as(at + "issued").isEqualTo(all.stream().mapToLong(Expected::issued).sum());
        assertThat(nation.valid()).as(at + "valid").isEqualTo(all.stream().mapToLong(Expected::valid).sum());
        assertThat(nation.invalid()).as(at + "invalid").isEqualTo(all.stream().mapToLong(Expected::invalid).sum());
        for (int c = 0; c < 3; c++) {
            int candidate = c;
            assertThat(nation.votes().get(c)).as(at + "votes of candidate " + (c + 1))
                    .isEqualTo(all.stream().mapToLong(x -> x.votes()[candidate]).sum());
        }
        long abroadValid = e.abroad().stream().map(s -> counted.get(s.id().value())).filter(x -> x != null)
                .mapToLong(Expected::valid).sum();
        assertThat(tallies.byHostCountry(contest).stream().mapToLong(Tally::valid).sum()).as(at + "abroad").isEqualTo(abroadValid);
    }

    private static ProtocolBuilder randomProtocol(SplittableRandom random) {
        return aProtocol().withVotes(random.nextLong(0, 800), random.nextLong(0, 500), random.nextLong(0, 300))
                .withInvalid(random.nextLong(0, 40)).withVotersOnList(2_000 + random.nextLong(0, 1_000));
    }

    private static Expected expected(ProtocolBuilder p) {
        Map<Integer, Long> l = p.lines();
        return new Expected(l.get(1), l.get(4) + l.get(5), l.get(10), l.get(9),
                p.votesByBallotOrder().values().stream().mapToLong(Long::longValue).toArray());
    }

    private SubmissionOutcome submit(long contest, PollingStation s, ProtocolBuilder p, Integer version, String reason) {
        return protocols.submit(new ProtocolSubmission(UUID.randomUUID(), contest, s.id().value(), p.lines(),
                p.votesByBallotOrder(), version, reason), ProtocolSource.ELECTRONIC);
    }

    private static Tally sum(List<Tally> parts) {
        long voters = 0, issued = 0, valid = 0, invalid = 0, base = 0;
        int counted = 0;
        long[] votes = new long[3];
        for (Tally t : parts) {
            counted += t.stationsCounted();
            voters += t.votersOnList();
            issued += t.ballotsIssued();
            valid += t.valid();
            invalid += t.invalid();
            base += t.shareBase();
            for (int i = 0; i < t.votes().size(); i++) {
                votes[i] += t.votes().get(i);
            }
        }
        return new Tally("sum", "sum", "", 0, counted, voters, issued, valid, invalid, base,
                java.util.Arrays.stream(votes).boxed().toList());
    }

    private static void assertSameTotals(String what, Tally parts, Tally whole) {
        assertThat(parts.stationsCounted()).as(what + " stations counted").isEqualTo(whole.stationsCounted());
        assertThat(parts.votersOnList()).as(what + " voters").isEqualTo(whole.votersOnList());
        assertThat(parts.ballotsIssued()).as(what + " issued").isEqualTo(whole.ballotsIssued());
        assertThat(parts.valid()).as(what + " valid").isEqualTo(whole.valid());
        assertThat(parts.invalid()).as(what + " invalid").isEqualTo(whole.invalid());
        assertThat(parts.shareBase()).as(what + " share base").isEqualTo(whole.shareBase());
        for (int i = 0; i < 3; i++) {
            long w = i < whole.votes().size() ? whole.votes().get(i) : 0;
            assertThat(parts.votes().get(i)).as(what + " votes of candidate " + (i + 1)).isEqualTo(w);
        }
    }
}
