package org.electora.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.electora.geography.Constituency;
import org.electora.geography.ElectoralMap;
import org.electora.geography.PollingStation;
import org.electora.geography.Region;
import org.electora.platform.Conflict;
import org.electora.platform.CurrentStaff;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.ProtocolBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.electora.support.ProtocolBuilder.aProtocol;

/**
 * Property: whatever mix of first protocols, corrections, amendments, double entries, releases and annulments arrives,
 * every station row equals the numbers of the version the test expects to count there, every constituency row equals
 * the sum of its stations, every region the sum of its constituencies, the nation the sum of its regions, countries
 * abroad the sum of their stations — candidate by candidate — and all of them equal the sums recomputed here from what
 * the test submitted and decided.
 *
 * <p>Each station walks a random path through the protocol lifecycle, modelled here independently of the code: a
 * clean electronic version is accepted at once, a clean double-entered first version or correction waits VERIFIED for
 * the supervisor, a version breaking a hard relation is quarantined (not counted), a release counts the quarantined
 * version as it stands, an annulment removes the station and refuses any further version (RES-010). A few stations
 * per run are given fixed paths so that every kind of step occurs in every run; the test asserts that it did.
 *
 * <p>Seeds: two fixed ones and a fresh one per run, printed and named in every assertion message. Replay a failing run
 * with {@code -Dtally.seed=<seed>} (only that seed is then run).
 */
@ElectoraIntegrationTest
class TallySumsPropertyTest {

    private static final long[] FIXED_SEEDS = {20_240_207L, 20_240_208L};
    private static final int CANDIDATES = 3;

    @Autowired ElectionFixture fixture;
    @Autowired Protocols protocols;
    @Autowired Tallies tallies;
    @Autowired ElectoralMap map;

    /** What one counted station contributes, from the lines the test submitted (CIS template). */
    private record Expected(long voters, long issued, long valid, long invalid, long shareBase, long[] votes) {

        static final Expected ZERO = new Expected(0, 0, 0, 0, 0, new long[CANDIDATES]);

        Expected plus(Expected o) {
            long[] v = new long[CANDIDATES];
            for (int i = 0; i < CANDIDATES; i++) {
                v[i] = votes[i] + o.votes[i];
            }
            return new Expected(voters + o.voters, issued + o.issued, valid + o.valid, invalid + o.invalid,
                    shareBase + o.shareBase, v);
        }
    }

    /** The operations a station's path is made of. */
    private enum Op {
        FIRST_CLEAN, FIRST_BROKEN, FIRST_DOUBLE_ENTRY, NEW_CLEAN, NEW_BROKEN, NEW_DOUBLE_ENTRY, ACCEPT, RELEASE, ANNUL,
        AFTER_ANNULMENT
    }

    /** The kinds of step the run must have taken at least once each (derived from the model before the step). */
    enum Kind {
        NO_PROTOCOL, FIRST_ACCEPTED, FIRST_QUARANTINED, FIRST_DOUBLE_ENTRY_VERIFIED, SUPERVISOR_ACCEPTED,
        QUARANTINED_THEN_CORRECTED, CORRECTION_STILL_BROKEN, VERIFIED_THEN_CORRECTED, RELEASED, AMENDED,
        AMENDED_AGAIN, AMENDMENT_QUARANTINED, ANNULLED_WHILE_QUARANTINED, ANNULLED_WHILE_WAITING,
        ANNULLED_AFTER_AMENDMENT, ANNULLED, REFUSED_AFTER_ANNULMENT, LEFT_WAITING, LEFT_QUARANTINED
    }

    /** Fixed paths, one per station at the start of each run's shuffled station order. */
    private static final List<List<Op>> FIXED_PATHS = List.of(
            List.of(),
            List.of(Op.FIRST_CLEAN, Op.NEW_CLEAN, Op.NEW_CLEAN, Op.ANNUL, Op.AFTER_ANNULMENT),
            List.of(Op.FIRST_BROKEN, Op.NEW_CLEAN, Op.NEW_BROKEN, Op.RELEASE),
            List.of(Op.FIRST_BROKEN, Op.NEW_BROKEN, Op.ANNUL),
            List.of(Op.FIRST_CLEAN, Op.NEW_BROKEN),
            List.of(Op.FIRST_DOUBLE_ENTRY, Op.ACCEPT, Op.NEW_CLEAN),
            List.of(Op.FIRST_DOUBLE_ENTRY, Op.NEW_DOUBLE_ENTRY),
            List.of(Op.FIRST_DOUBLE_ENTRY, Op.ANNUL),
            List.of(Op.FIRST_BROKEN, Op.NEW_DOUBLE_ENTRY, Op.ACCEPT, Op.NEW_BROKEN, Op.NEW_CLEAN, Op.ANNUL));

    /** The test's own idea of a station's protocol. */
    private static final class Model {
        final PollingStation station;
        ProtocolId id;
        ProtocolStatus status;          // null: no protocol
        int version;
        Expected current;               // the numbers of the latest version
        Expected counted;               // null: the station does not count
        int amendments;

        Model(PollingStation station) {
            this.station = station;
        }
    }

    @Test
    void everyStationConstituencyRegionCountryAndTheNationEqualWhatCounts() {
        String replay = System.getProperty("tally.seed");
        List<Long> seeds = new ArrayList<>();
        if (replay != null && !replay.isBlank()) {
            seeds.add(Long.parseLong(replay.trim()));
        } else {
            Arrays.stream(FIXED_SEEDS).forEach(seeds::add);
            seeds.add(ThreadLocalRandom.current().nextLong());
        }
        System.out.println("TallySumsPropertyTest seeds " + seeds + " (replay one with -Dtally.seed=<seed>)");
        Map<Kind, Integer> happened = new EnumMap<>(Kind.class);
        for (long seed : seeds) {
            CurrentStaff.runAsSystem(() -> {
                check(seed, happened);
                return null;
            });
        }
        for (Kind kind : Kind.values()) {
            assertThat(happened.getOrDefault(kind, 0)).as("seeds " + seeds + ": steps of kind " + kind + " (all: " + happened + ")")
                    .isPositive();
        }
    }

    private void check(long seed, Map<Kind, Integer> happened) {
        String at = "seed " + seed + ": ";
        var random = new SplittableRandom(seed);
        ElectionFixture.Counting e = fixture.counting();
        long contest = e.contest().id().value();
        List<PollingStation> stations = new ArrayList<>(e.domestic());
        stations.addAll(e.abroad());
        Collections.shuffle(stations, new Random(seed));
        Map<Long, Model> models = new LinkedHashMap<>();
        for (int i = 0; i < stations.size(); i++) {
            PollingStation s = stations.get(i);
            Model m = new Model(s);
            models.put(s.id().value(), m);
            String where = at + s.code() + ": ";
            if (i < FIXED_PATHS.size()) {
                for (Op op : FIXED_PATHS.get(i)) {
                    step(where, contest, m, op, random, happened);
                }
            } else {
                walk(where, contest, m, random, happened);
            }
            if (m.status == null) {
                happened.merge(Kind.NO_PROTOCOL, 1, Integer::sum);
            } else if (m.status == ProtocolStatus.VERIFIED) {
                happened.merge(Kind.LEFT_WAITING, 1, Integer::sum);
            } else if (m.status == ProtocolStatus.QUARANTINED) {
                happened.merge(Kind.LEFT_QUARANTINED, 1, Integer::sum);
            }
        }
        assertAgainstModel(at, e, contest, models);
    }

    /** A random path: most stations send a protocol; after each step another follows with probability one half. */
    private void walk(String where, long contest, Model m, SplittableRandom random, Map<Kind, Integer> happened) {
        if (random.nextInt(10) == 0) {
            return; // no protocol yet
        }
        int pick = random.nextInt(12);
        step(where, contest, m, pick < 2 ? Op.FIRST_BROKEN : pick < 4 ? Op.FIRST_DOUBLE_ENTRY : Op.FIRST_CLEAN, random, happened);
        for (int n = 0; n < 5 && random.nextBoolean(); n++) {
            List<Op> allowed = switch (m.status) {
                case ACCEPTED -> List.of(Op.NEW_CLEAN, Op.NEW_CLEAN, Op.NEW_BROKEN, Op.ANNUL);
                case QUARANTINED -> List.of(Op.NEW_CLEAN, Op.NEW_BROKEN, Op.NEW_DOUBLE_ENTRY, Op.RELEASE, Op.ANNUL);
                case VERIFIED -> List.of(Op.ACCEPT, Op.ACCEPT, Op.NEW_CLEAN, Op.NEW_BROKEN, Op.NEW_DOUBLE_ENTRY, Op.ANNUL);
                case ANNULLED -> List.of(Op.AFTER_ANNULMENT);
                default -> throw new AssertionError(where + "the model never rests in " + m.status);
            };
            step(where, contest, m, allowed.get(random.nextInt(allowed.size())), random, happened);
            if (m.status == ProtocolStatus.ANNULLED && random.nextBoolean()) {
                break;
            }
        }
    }

    /** Takes one step through the service, asserts the outcome the model predicts, and moves the model. */
    private void step(String where, long contest, Model m, Op op, SplittableRandom random, Map<Kind, Integer> happened) {
        String what = where + op + " from " + m.status + " v" + m.version + ": ";
        switch (op) {
            case FIRST_CLEAN, FIRST_BROKEN, FIRST_DOUBLE_ENTRY, NEW_CLEAN, NEW_BROKEN, NEW_DOUBLE_ENTRY -> {
                boolean first = op == Op.FIRST_CLEAN || op == Op.FIRST_BROKEN || op == Op.FIRST_DOUBLE_ENTRY;
                assertThat(m.status == null).as(what + "first version only without a protocol").isEqualTo(first);
                boolean broken = op == Op.FIRST_BROKEN || op == Op.NEW_BROKEN;
                ProtocolSource source = op == Op.FIRST_DOUBLE_ENTRY || op == Op.NEW_DOUBLE_ENTRY
                        ? ProtocolSource.DOUBLE_ENTRY : ProtocolSource.ELECTRONIC;
                ProtocolBuilder p = randomProtocol(random);
                if (broken) {
                    p.withLine(10, p.valid() + 1 + random.nextInt(50)); // breaks CIS-02 and CIS-03: quarantined
                }
                ProtocolStatus before = m.status;
                ProtocolStatus expected = broken ? ProtocolStatus.QUARANTINED
                        : source == ProtocolSource.ELECTRONIC ? ProtocolStatus.ACCEPTED : ProtocolStatus.VERIFIED;
                SubmissionOutcome outcome = protocols.submit(new ProtocolSubmission(UUID.randomUUID(), contest,
                        m.station.id().value(), p.lines(), p.votesByBallotOrder(), first ? null : m.version,
                        first ? null : "recount " + m.version), source);
                assertThat(outcome.status()).as(what + "status").isEqualTo(expected);
                assertThat(outcome.version()).as(what + "version").isEqualTo(m.version + 1);
                assertThat(outcome.replay()).as(what + "replay").isFalse();
                m.id = outcome.protocol();
                m.version++;
                m.current = expected(p);
                m.status = expected;
                m.counted = expected == ProtocolStatus.ACCEPTED ? m.current : null;
                Kind kind;
                if (before == null) {
                    kind = broken ? Kind.FIRST_QUARANTINED
                            : source == ProtocolSource.DOUBLE_ENTRY ? Kind.FIRST_DOUBLE_ENTRY_VERIFIED : Kind.FIRST_ACCEPTED;
                } else if (before == ProtocolStatus.ACCEPTED) {
                    kind = broken ? Kind.AMENDMENT_QUARANTINED : m.amendments > 0 ? Kind.AMENDED_AGAIN : Kind.AMENDED;
                    m.amendments++;
                } else if (before == ProtocolStatus.QUARANTINED) {
                    kind = broken ? Kind.CORRECTION_STILL_BROKEN : Kind.QUARANTINED_THEN_CORRECTED;
                } else {
                    kind = Kind.VERIFIED_THEN_CORRECTED;
                }
                happened.merge(kind, 1, Integer::sum);
            }
            case ACCEPT -> {
                assertThat(m.status).as(what).isEqualTo(ProtocolStatus.VERIFIED);
                ProtocolView v = protocols.accept(m.id, m.version);
                assertThat(v.status()).as(what + "status").isEqualTo(ProtocolStatus.ACCEPTED);
                m.status = ProtocolStatus.ACCEPTED;
                m.counted = m.current;
                happened.merge(Kind.SUPERVISOR_ACCEPTED, 1, Integer::sum);
            }
            case RELEASE -> {
                assertThat(m.status).as(what).isEqualTo(ProtocolStatus.QUARANTINED);
                ProtocolView v = protocols.release(m.id, m.version, "recount confirmed", "ConEC " + m.station.code());
                assertThat(v.status()).as(what + "status").isEqualTo(ProtocolStatus.ACCEPTED);
                m.status = ProtocolStatus.ACCEPTED;
                m.counted = m.current; // counted as it stands, broken relation and all
                happened.merge(Kind.RELEASED, 1, Integer::sum);
            }
            case ANNUL -> {
                ProtocolStatus before = m.status;
                ProtocolView v = protocols.annul(m.id, m.version, "seal broken", "CEC " + m.station.code());
                assertThat(v.status()).as(what + "status").isEqualTo(ProtocolStatus.ANNULLED);
                m.status = ProtocolStatus.ANNULLED;
                m.counted = null;
                happened.merge(m.amendments > 0 ? Kind.ANNULLED_AFTER_AMENDMENT
                        : before == ProtocolStatus.QUARANTINED ? Kind.ANNULLED_WHILE_QUARANTINED
                        : before == ProtocolStatus.VERIFIED ? Kind.ANNULLED_WHILE_WAITING : Kind.ANNULLED, 1, Integer::sum);
            }
            case AFTER_ANNULMENT -> {
                assertThat(m.status).as(what).isEqualTo(ProtocolStatus.ANNULLED);
                ProtocolBuilder p = randomProtocol(random);
                assertThatThrownBy(() -> protocols.submit(new ProtocolSubmission(UUID.randomUUID(), contest,
                        m.station.id().value(), p.lines(), p.votesByBallotOrder(), m.version, "again"), ProtocolSource.ELECTRONIC))
                        .as(what).isInstanceOfSatisfying(Conflict.class, c -> assertThat(c.ruleCode()).isEqualTo("RES-010"));
                happened.merge(Kind.REFUSED_AFTER_ANNULMENT, 1, Integer::sum);
            }
        }
    }

    private void assertAgainstModel(String at, ElectionFixture.Counting e, long contest, Map<Long, Model> models) {
        // Every protocol stands where the model left it.
        Map<Long, ProtocolSummary> summaries = protocols.ofContest(contest).stream()
                .collect(Collectors.toMap(ProtocolSummary::stationId, Function.identity()));
        for (Model m : models.values()) {
            ProtocolSummary s = summaries.get(m.station.id().value());
            if (m.status == null) {
                assertThat(s).as(at + m.station.code() + " has no protocol").isNull();
            } else {
                assertThat(s).as(at + m.station.code() + " protocol").isNotNull();
                assertThat(s.status()).as(at + m.station.code() + " status").isEqualTo(m.status);
                assertThat(s.version()).as(at + m.station.code() + " version").isEqualTo(m.version);
                assertThat(s.countedVersion()).as(at + m.station.code() + " counted version")
                        .isEqualTo(m.counted == null ? null : m.version);
            }
        }

        // Station rows, one by one, against the test's own numbers: exactly the counted stations have one.
        Map<String, Model> counted = models.values().stream().filter(m -> m.counted != null)
                .collect(Collectors.toMap(m -> m.station.code(), m -> m));
        List<Tally> stationRows = tallies.byStation(contest);
        assertThat(stationRows).extracting(Tally::key).as(at + "stations with a row")
                .containsExactlyInAnyOrderElementsOf(counted.keySet());
        for (Tally row : stationRows) {
            assertTotals(at + "station " + row.key(), row, 1, counted.get(row.key()).counted);
        }

        // Constituencies: their own station rows, the sum of those rows, and the sum of the test's numbers.
        List<Constituency> constituencies = map.constituencies(e.map().id());
        Map<String, Tally> constituencyRows = byKey(tallies.byConstituency(contest));
        assertThat(constituencyRows.keySet()).as(at + "constituency rows")
                .containsExactlyInAnyOrderElementsOf(constituencies.stream().map(Constituency::code).toList());
        for (Constituency c : constituencies) {
            String what = at + "constituency " + c.code();
            Tally row = constituencyRows.get(c.code());
            List<Model> mine = counted.values().stream().filter(m -> m.station.constituencyId().equals(c.id())).toList();
            List<Tally> ownStations = tallies.byStation(contest, c.id().value());
            assertThat(ownStations).extracting(Tally::key).as(what + " station rows")
                    .containsExactlyInAnyOrderElementsOf(mine.stream().map(m -> m.station.code()).toList());
            assertSameTotals(what + " vs its station rows", sum(ownStations), row);
            assertTotals(what, row, mine.size(), total(mine));
            assertThat(row.stationsExpected()).as(what + " stations expected").isEqualTo(map.stations(c.id()).size());
        }

        // Regions: the sum of their constituencies (by region id) and of the test's numbers.
        Map<String, Tally> regionRows = byKey(tallies.byRegion(contest));
        List<Region> regions = map.regions(e.map().id());
        assertThat(regionRows.keySet()).as(at + "region rows")
                .containsExactlyInAnyOrderElementsOf(regions.stream().map(Region::code).toList());
        for (Region r : regions) {
            String what = at + "region " + r.code();
            Tally row = regionRows.get(r.code());
            List<Tally> itsConstituencies = constituencies.stream().filter(c -> c.regionId().equals(r.id()))
                    .map(c -> constituencyRows.get(c.code())).toList();
            assertThat(itsConstituencies).as(what + " constituencies").isNotEmpty();
            assertSameTotals(what + " vs its constituencies", sum(itsConstituencies), row);
            List<Model> mine = counted.values().stream().filter(m -> constituencies.stream()
                    .anyMatch(c -> c.id().equals(m.station.constituencyId()) && c.regionId().equals(r.id()))).toList();
            assertTotals(what, row, mine.size(), total(mine));
        }

        // The nation: the sum of its regions, of its constituencies, and of the test's numbers.
        Tally nation = tallies.national(contest);
        assertSameTotals(at + "nation vs regions", sum(List.copyOf(regionRows.values())), nation);
        assertSameTotals(at + "nation vs constituencies", sum(List.copyOf(constituencyRows.values())), nation);
        assertTotals(at + "nation", nation, counted.size(), total(List.copyOf(counted.values())));

        // Countries abroad: each the sum of its counted stations.
        Map<String, List<Model>> abroad = new HashMap<>();
        e.abroad().forEach(s -> abroad.computeIfAbsent(s.abroad().hostCountry(), k -> new ArrayList<>()));
        counted.values().stream().filter(m -> m.station.isAbroad())
                .forEach(m -> abroad.get(m.station.abroad().hostCountry()).add(m));
        Map<String, Tally> countryRows = byKey(tallies.byHostCountry(contest));
        assertThat(countryRows.keySet()).as(at + "host countries").containsExactlyInAnyOrderElementsOf(abroad.keySet());
        abroad.forEach((country, mine) -> assertTotals(at + "country " + country, countryRows.get(country), mine.size(), total(mine)));
    }

    private static Map<String, Tally> byKey(List<Tally> rows) {
        Map<String, Tally> m = new LinkedHashMap<>();
        rows.forEach(t -> assertThat(m.put(t.key(), t)).as("one row per key " + t.key()).isNull());
        return m;
    }

    private static Expected total(List<Model> models) {
        return models.stream().map(m -> m.counted).reduce(Expected.ZERO, Expected::plus);
    }

    private static ProtocolBuilder randomProtocol(SplittableRandom random) {
        return aProtocol().withVotes(random.nextLong(0, 800), random.nextLong(0, 500), random.nextLong(0, 300))
                .withInvalid(random.nextLong(0, 40)).withVotersOnList(2_000 + random.nextLong(0, 1_000));
    }

    /** The CIS template's numbers: voters line 1, issued lines 4 + 5, valid line 10 (also the share base), invalid line 9. */
    private static Expected expected(ProtocolBuilder p) {
        Map<Integer, Long> l = p.lines();
        long[] votes = p.votesByBallotOrder().values().stream().mapToLong(Long::longValue).toArray();
        assertThat(votes).hasSize(CANDIDATES);
        return new Expected(l.get(1), l.get(4) + l.get(5), l.get(10), l.get(9), l.get(10), votes);
    }

    private static Tally sum(List<Tally> parts) {
        long voters = 0, issued = 0, valid = 0, invalid = 0, base = 0;
        int counted = 0;
        long[] votes = new long[CANDIDATES];
        for (Tally t : parts) {
            counted += t.stationsCounted();
            voters += t.votersOnList();
            issued += t.ballotsIssued();
            valid += t.valid();
            invalid += t.invalid();
            base += t.shareBase();
            for (int i = 0; i < CANDIDATES; i++) {
                votes[i] += t.votes(i + 1);
            }
        }
        return new Tally("sum", "sum", "", 0, counted, voters, issued, valid, invalid, base,
                Arrays.stream(votes).boxed().toList());
    }

    private static void assertSameTotals(String what, Tally parts, Tally whole) {
        assertThat(whole).as(what + ": row").isNotNull();
        assertTotals(what, whole, parts.stationsCounted(), new Expected(parts.votersOnList(), parts.ballotsIssued(),
                parts.valid(), parts.invalid(), parts.shareBase(),
                new long[] {parts.votes(1), parts.votes(2), parts.votes(3)}));
    }

    private static void assertTotals(String what, Tally row, int stationsCounted, Expected expected) {
        assertThat(row).as(what + ": row").isNotNull();
        Objects.requireNonNull(expected);
        assertThat(row.stationsCounted()).as(what + " stations counted").isEqualTo(stationsCounted);
        assertThat(row.votersOnList()).as(what + " voters").isEqualTo(expected.voters());
        assertThat(row.ballotsIssued()).as(what + " issued").isEqualTo(expected.issued());
        assertThat(row.valid()).as(what + " valid").isEqualTo(expected.valid());
        assertThat(row.invalid()).as(what + " invalid").isEqualTo(expected.invalid());
        assertThat(row.shareBase()).as(what + " share base").isEqualTo(expected.shareBase());
        for (int c = 1; c <= CANDIDATES; c++) {
            assertThat(row.votes(c)).as(what + " votes of candidate " + c).isEqualTo(expected.votes()[c - 1]);
        }
        assertThat(row.votes().size()).as(what + " candidates with votes").isLessThanOrEqualTo(CANDIDATES);
    }
}
