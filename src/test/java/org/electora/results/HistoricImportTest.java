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

    @Autowired HistoricImport historicImport;
    @Autowired Tallies tallies;
    @Autowired ElectoralMap map;
    @Autowired JdbcTemplate jdbc;

    private static HistoricMapping mapping() {
        String suffix = " (test " + UUID.randomUUID() + ")";
        HistoricMapping m = HistoricMapping.russia2018();
        return m.withNames(m.mapName() + suffix, m.electionName() + suffix);
    }

    private HistoricImport.Outcome importing(HistoricMapping mapping, String csv) {
        return CurrentStaff.runAsSystem(() -> historicImport.importCsv(mapping, new StringReader(csv),
                HistoricImport.Part.EVERYTHING, HistoricImport.Progress.none()));
    }

    /** Sums straight from the CSV: stations, L1, L3+L4+L5, L10, L9, L9+L10, then the 8 candidates. */
    private static final class Sums {
        final Map<String, long[]> byKey = new HashMap<>();

        void add(String key, CSVRecord r) {
            long[] s = byKey.computeIfAbsent(key, k -> new long[6 + 8]);
            long l1 = n(r, 1), l3 = n(r, 3), l4 = n(r, 4), l5 = n(r, 5), l9 = n(r, 9), l10 = n(r, 10);
            long[] add = {1, l1, l3 + l4 + l5, l10, l9, l9 + l10};
            for (int i = 0; i < add.length; i++) {
                s[i] += add[i];
            }
            for (int c = 0; c < 8; c++) {
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
        long[] a = new long[6 + 8];
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

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }
}
