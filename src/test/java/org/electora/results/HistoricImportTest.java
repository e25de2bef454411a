package org.electora.results;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.electora.geography.Constituency;
import org.electora.geography.ElectoralMap;
import org.electora.geography.PollingStation;
import org.electora.platform.CurrentStaff;
import org.electora.platform.Problem;
import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The historic import on a real sample of the Russian 2018 file (fixtures/PROVENANCE.md): every total Electora shows
 * equals the sum computed here straight from the CSV, at every level.
 */
@ElectoraIntegrationTest
class HistoricImportTest {

    private static final String SAMPLE = Fixtures.resource("/fixtures/russia-2018-sample.csv");
    /** 693 rows of the 2024 file, 252 of them (Kherson region) with every count empty (fixtures/PROVENANCE.md). */
    private static final String SAMPLE_2024 = Fixtures.resource("/fixtures/russia-2024-sample.csv");

    @Autowired HistoricImport historicImport;
    @Autowired Tallies tallies;
    @Autowired ElectoralMap map;
    @Autowired JdbcTemplate jdbc;
    @Autowired org.electora.election.Elections elections;
    @Autowired org.electora.support.ElectionFixture fixture;

    private static HistoricMapping mapping() {
        return named(HistoricMapping.russia2018());
    }

    private static HistoricMapping named(HistoricMapping m) {
        String suffix = " (test " + UUID.randomUUID() + ")";
        return m.withNames(m.mapName() + suffix, m.electionName() + suffix);
    }

    private HistoricImport.Outcome importing(HistoricMapping mapping, String csv) {
        return CurrentStaff.runAsSystem(() -> historicImport.importCsv(mapping, new StringReader(csv),
                HistoricImport.Part.EVERYTHING, HistoricImport.Progress.none()));
    }

    /** Sums straight from the CSV: stations, L1, L3+L4+L5, L10, L9, L9+L10, then the candidates (8 in 2018, 4 in 2024). */
    private static final class Sums {
        final Map<String, long[]> byKey = new HashMap<>();
        final int candidates;

        Sums() {
            this(8);
        }

        Sums(int candidates) {
            this.candidates = candidates;
        }

        void add(String key, CSVRecord r) {
            long[] s = byKey.computeIfAbsent(key, k -> new long[6 + candidates]);
            long l1 = n(r, 1), l3 = n(r, 3), l4 = n(r, 4), l5 = n(r, 5), l9 = n(r, 9), l10 = n(r, 10);
            long[] add = {1, l1, l3 + l4 + l5, l10, l9, l9 + l10};
            for (int i = 0; i < add.length; i++) {
                s[i] += add[i];
            }
            for (int c = 0; c < candidates; c++) {
                s[6 + c] += Long.parseLong(r.get(15 + c));
            }
        }

        private static long n(CSVRecord r, int line) {
            return Long.parseLong(r.get(2 + line));
        }
    }

    private static List<CSVRecord> records(String csv) {
        try {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv)).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long[] actual(Tally t) {
        return actual(t, 8);
    }

    private static long[] actual(Tally t, int candidates) {
        long[] a = new long[6 + candidates];
        long[] head = {t.stationsCounted(), t.votersOnList(), t.ballotsIssued(), t.valid(), t.invalid(), t.shareBase()};
        System.arraycopy(head, 0, a, 0, head.length);
        for (int i = 0; i < t.votes().size(); i++) {
            a[6 + i] = t.votes().get(i);
        }
        return a;
    }

    @Test
    void importsTheSampleAndEveryTotalEqualsTheFileSumAtNationRegionConstituencyAndStation() {
        var outcome = importing(mapping(), SAMPLE);

        assertThat(outcome).isInstanceOf(HistoricImport.Outcome.Imported.class);
        var imported = (HistoricImport.Outcome.Imported) outcome;
        assertThat(imported.stations()).isEqualTo(906);
        assertThat(imported.regions()).isEqualTo(4);
        assertThat(imported.accepted()).isEqualTo(906);
        assertThat(imported.quarantined()).isEmpty();
        long contest = imported.contest().value();

        Sums nation = new Sums();
        Sums regions = new Sums();
        Sums constituencies = new Sums();
        Sums stations = new Sums();
        for (CSVRecord r : records(SAMPLE)) {
            nation.add("", r);
            regions.add(r.get(0), r);
            constituencies.add(r.get(0) + "|" + r.get(1), r);
            stations.add(r.get(0) + "|" + r.get(1) + "|" + r.get(2), r);
        }

        assertThat(actual(tallies.national(contest))).containsExactly(nation.byKey.get(""));
        List<Tally> byRegion = tallies.byRegion(contest);
        assertThat(byRegion).hasSize(4);
        byRegion.forEach(t -> assertThat(actual(t)).as(t.name()).containsExactly(regions.byKey.get(t.name())));

        Map<String, Constituency> constituencyByCode = new HashMap<>();
        map.constituencies(imported.mapVersion()).forEach(c -> constituencyByCode.put(c.code(), c));
        List<Tally> byConstituency = tallies.byConstituency(contest);
        assertThat(byConstituency).hasSize(constituencies.byKey.size());
        int stationsCompared = 0;
        for (Tally t : byConstituency) {
            Constituency c = constituencyByCode.get(t.key());
            String key = c.regionName() + "|" + c.name();
            assertThat(actual(t)).as(key).containsExactly(constituencies.byKey.get(key));
            Map<String, PollingStation> stationByCode = new HashMap<>();
            map.stations(c.id()).forEach(s -> stationByCode.put(s.code(), s));
            for (Tally s : tallies.byStation(contest, c.id().value())) {
                String stationKey = key + "|" + stationByCode.get(s.key()).number();
                assertThat(actual(s)).as(stationKey).containsExactly(stations.byKey.get(stationKey));
                stationsCompared++;
            }
        }
        assertThat(stationsCompared).isEqualTo(906);
    }

    @Test
    void aFileWithSeveralKindsOfErrorsIsRejectedWithEveryProblemAndWritesNothing() {
        List<String> lines = SAMPLE.lines().limit(3).toList();
        String header = lines.get(0);
        String good = lines.get(1);
        String other = lines.get(2);
        String csv = String.join("\n", header,
                good,                                                   // line 2: fine
                other.substring(0, other.lastIndexOf(',')),             // line 3: a field short
                other.replaceFirst(",2700,", ",27x0,").replaceFirst("^(.*?,.*?,)2,", "$1901,"),  // line 4: not a number
                good.replaceFirst("^(.*?,.*?,)1,", "$1902,").replaceFirst(",2107,62,", ",-2107,62,"), // line 5: negative
                good) + "\n";                                           // line 6: duplicate of line 2
        HistoricMapping m = mapping();
        List<String> candidates = new ArrayList<>(m.candidateColumns());
        candidates.set(7, "Nobody Who Ran");                          // header line 1: unknown column
        HistoricMapping broken = m.withColumns(m.regionColumn(), m.constituencyColumn(), m.stationColumn(), m.lineColumns(), candidates);
        long maps = count("map_version");
        long protocols = count("protocol");
        long elections = count("election");

        var outcome = importing(broken, csv);

        assertThat(outcome).isInstanceOf(HistoricImport.Outcome.Rejected.class);
        List<Problem> problems = ((HistoricImport.Outcome.Rejected) outcome).problems();
        assertThat(problems).extracting(Problem::ruleCode, Problem::line).contains(
                tuple("HIS-001", 1), tuple("HIS-002", 3), tuple("HIS-003", 4), tuple("HIS-004", 5), tuple("HIS-005", 6));
        assertThat(problems).extracting(Problem::line).doesNotContain(2);
        assertThat(count("map_version")).isEqualTo(maps);
        assertThat(count("protocol")).isEqualTo(protocols);
        assertThat(count("election")).isEqualTo(elections);
    }

    @Test
    void aRowBreakingAHardRelationIsImportedQuarantinedReportedAndNotCounted() {
        // No row of the real file breaks a hard relation (all 97,699 checked); this takes the sample's first real row
        // and adds one valid ballot, which breaks RU-02 (boxes = valid + invalid) and RU-03 (valid = candidates).
        List<String> sample = new ArrayList<>(SAMPLE.lines().toList());
        CSVRecord first = records(SAMPLE).getFirst();
        long valid = Long.parseLong(first.get(12));
        String altered = sample.get(1).replaceFirst(",(" + first.get(11) + ")," + valid + ",", ",$1," + (valid + 1) + ",");
        assertThat(altered).isNotEqualTo(sample.get(1));
        sample.set(1, altered);

        var outcome = (HistoricImport.Outcome.Imported) importing(mapping(), String.join("\n", sample) + "\n");

        assertThat(outcome.quarantined()).singleElement().satisfies(q -> {
            assertThat(q.line()).isEqualTo(2);
            assertThat(q.stationCode()).isEqualTo("R01/1/1");
            assertThat(q.ruleCodes()).containsExactly("RU-02", "RU-03");
        });
        assertThat(outcome.accepted()).isEqualTo(905);
        assertThat(jdbc.queryForObject("""
                SELECT p.status FROM protocol p JOIN polling_station s ON s.id = p.station_id
                WHERE p.contest_id = ? AND s.code = 'R01/1/1'""", String.class, outcome.contest().value()))
                .isEqualTo("QUARANTINED");
        Tally nation = tallies.national(outcome.contest().value());
        assertThat(nation.stationsCounted()).isEqualTo(905);
        assertThat(nation.stationsExpected()).isEqualTo(906);
        long fileValid = records(SAMPLE).stream().mapToLong(r -> Long.parseLong(r.get(12))).sum();
        assertThat(nation.valid()).isEqualTo(fileValid - valid);
    }

    @Test
    void the2024FileImportsWithItsOwnMappingAndItsStationsWithoutPublishedResultsAreExpectedButNeverCounted() {
        fixture.counting(); // an election run on this installation, counting like the import
        var outcome = importing(named(HistoricMapping.russia2024()), SAMPLE_2024);

        assertThat(outcome).isInstanceOf(HistoricImport.Outcome.Imported.class);
        var imported = (HistoricImport.Outcome.Imported) outcome;
        assertThat(imported.stations()).isEqualTo(693);
        assertThat(imported.regions()).isEqualTo(5);
        assertThat(imported.accepted()).isEqualTo(441);
        assertThat(imported.withoutNumbers()).isEqualTo(252);
        assertThat(imported.quarantined()).isEmpty();
        long contest = imported.contest().value();
        // Imported for comparison on an installation that runs other elections: never the default one of its pages,
        // neither the public ones (current) nor the desk's and the entry's (choose), though they offer it.
        assertThat(elections.current()).get().extracting(org.electora.election.Election::id).isNotEqualTo(imported.election());
        var counting = elections.choose(java.util.Set.of(org.electora.election.ElectionStatus.COUNTING), null);
        assertThat(counting.offered()).extracting(org.electora.election.Election::id).contains(imported.election());
        assertThat(counting.chosen()).get().satisfies(e -> {
            assertThat(e.id()).isNotEqualTo(imported.election());
            assertThat(e.historic()).isFalse();
        });
        assertThat(elections.byId(imported.election())).get().extracting(org.electora.election.Election::historic).isEqualTo(true);
        assertThat(jdbc.queryForObject("SELECT historic FROM election WHERE id = ?", Boolean.class, imported.election().value()))
                .isTrue();

        Sums nation = new Sums(4);
        Sums regions = new Sums(4);
        for (CSVRecord r : records(SAMPLE_2024)) {
            if (!r.get(3).isEmpty()) {
                nation.add("", r);
                regions.add(r.get(0), r);
            }
        }
        Tally national = tallies.national(contest);
        assertThat(actual(national, 4)).containsExactly(nation.byKey.get(""));
        assertThat(national.stationsExpected()).isEqualTo(693);
        assertThat(national.stationsCounted()).isEqualTo(441);
        Map<String, Tally> byRegion = new HashMap<>();
        tallies.byRegion(contest).forEach(t -> byRegion.put(t.name(), t));
        assertThat(byRegion).hasSize(5);
        assertThat(byRegion.get("Магаданская область")).satisfies(t -> {
            assertThat(actual(t, 4)).containsExactly(regions.byKey.get("Магаданская область"));
            assertThat(t.stationsExpected()).isEqualTo(98);
        });
        // The region whose results were never published: on the map, expected, nothing counted.
        assertThat(byRegion.get("Херсонская область")).satisfies(t -> {
            assertThat(t.stationsExpected()).isEqualTo(252);
            assertThat(t.stationsCounted()).isZero();
            assertThat(t.votersOnList()).isZero();
        });
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM protocol p JOIN polling_station s ON s.id = p.station_id
                JOIN constituency c ON c.id = s.constituency_id JOIN region r ON r.id = c.region_id
                WHERE p.contest_id = ? AND r.name = 'Херсонская область'""", Long.class, contest)).isZero();
        // The station field "УИК №2384" gives the number 2384 and the name; zero voters on the list is a valid protocol.
        assertThat(jdbc.queryForObject("""
                SELECT s.name || '|' || s.number || '|' || p.status FROM polling_station s JOIN protocol p ON p.station_id = s.id
                JOIN constituency c ON c.id = s.constituency_id
                WHERE p.contest_id = ? AND c.name = 'Нижний Новгород, Канавинская'""", String.class, contest))
                .isEqualTo("УИК №2384|2384|ACCEPTED");
    }

    @Test
    void rowsWithEveryCountEmptyAreRefusedLineByLineUnlessTheMappingSkipsThemAndNothingIsWritten() {
        HistoricMapping strict = named(HistoricMapping.russia2024()).withRowsWithoutNumbers(HistoricMapping.RowsWithoutNumbers.REJECT);
        List<Integer> emptyLines = new ArrayList<>();
        for (CSVRecord r : records(SAMPLE_2024)) {
            if (r.get(3).isEmpty()) {
                emptyLines.add((int) r.getRecordNumber() + 1);
            }
        }
        assertThat(emptyLines).hasSize(252);
        long maps = count("map_version");
        long elections = count("election");

        var outcome = importing(strict, SAMPLE_2024);

        assertThat(outcome).isInstanceOf(HistoricImport.Outcome.Rejected.class);
        List<Problem> problems = ((HistoricImport.Outcome.Rejected) outcome).problems();
        // One problem per such row (not one per empty field), each on its own line.
        assertThat(problems).extracting(Problem::ruleCode).containsOnly("HIS-011");
        assertThat(problems).extracting(Problem::line).containsExactlyElementsOf(emptyLines);
        assertThat(problems.getFirst().message()).contains("УИК №").contains("rows.without-numbers=skip");
        assertThat(count("map_version")).isEqualTo(maps);
        assertThat(count("election")).isEqualTo(elections);
    }

    @Test
    void aRowWithSomeCountsEmptyIsNotAStationWithoutNumbersButAMissingCount() {
        List<String> sample = new ArrayList<>(SAMPLE_2024.lines().toList());
        String magadan = sample.get(1);
        assertThat(magadan).startsWith("Магаданская область,");
        // Empty the first count only: HIS-003 on that line, even though the mapping skips rows without any numbers.
        String partly = magadan.replaceFirst("^([^,]*,[^,]*,[^,]*,)\\d+,", "$1,");
        assertThat(partly).isNotEqualTo(magadan);
        sample.set(1, partly);
        // A station field the pattern does not read: HIS-006 with the pattern.
        sample.set(2, sample.get(2).replaceFirst(",УИК №(\\d+),", ",Участок $1,"));

        var outcome = importing(named(HistoricMapping.russia2024()), String.join("\n", sample) + "\n");

        assertThat(outcome).isInstanceOf(HistoricImport.Outcome.Rejected.class);
        List<Problem> problems = ((HistoricImport.Outcome.Rejected) outcome).problems();
        assertThat(problems).extracting(Problem::ruleCode, Problem::line)
                .containsExactlyInAnyOrder(tuple("HIS-003", 2), tuple("HIS-006", 3));
        assertThat(problems).filteredOn(p -> p.ruleCode().equals("HIS-006")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("Участок").contains("УИК №(\\d+)"));
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }
}
