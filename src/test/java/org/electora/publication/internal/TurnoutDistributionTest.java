package org.electora.publication.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import org.electora.publication.SnapshotContent;
import org.electora.publication.SnapshotContent.Area;
import org.electora.publication.SnapshotContent.CandidatePart;
import org.electora.publication.SnapshotContent.Station;
import org.electora.publication.SnapshotStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TurnoutDistributionTest {

    private static final List<CandidatePart> CANDIDATES = List.of(
            new CandidatePart(1, "Aliyeva", "Test", null, "Aliyeva Test", "party A"),
            new CandidatePart(2, "Babayev", "Test", null, "Babayev Test", "party B"));

    @Test
    void aTurnoutFallsIntoTheBinItReaches() {
        var d = TurnoutDistribution.of(content(List.of(
                station("R1", 1000, 700, 400, 300),   // exactly 70 %
                station("R1", 10000, 6999, 5000, 1999), // 69.99 %
                station("R1", 500, 500, 250, 250),    // 100 %
                station("R1", 800, 0, 0, 0),          // 0 %
                station("R1", 200, 210, 100, 110))), null); // 105 %: over the list

        assertThat(d.binWidth()).isEqualTo(1.0);
        assertThat(d.stations()).hasSize(100);
        assertThat(d.stations()[70]).isEqualTo(1);
        assertThat(d.stations()[69]).isEqualTo(1);
        assertThat(d.stations()[99]).isEqualTo(1);
        assertThat(d.stations()[0]).isEqualTo(1);
        assertThat(Arrays.stream(d.stations()).sum()).isEqualTo(4);
        assertThat(d.counted()).isEqualTo(4);
        assertThat(d.overFull()).isEqualTo(1);
        assertThat(d.votes().get(0)[70]).isEqualTo(400);
        assertThat(d.votes().get(1)[69]).isEqualTo(1999);
        assertThat(d.votes().get(1)[99]).isEqualTo(250);
    }

    @Test
    void stationsNotCountedOrWithAnEmptyListOrOfAnotherRegionAreLeftOut() {
        List<Station> stations = new ArrayList<>(List.of(
                station("R1", 1000, 600, 300, 300),
                station("R1", 0, 0, 0, 0),
                station("R2", 1000, 900, 800, 100)));
        stations.add(new Station("S-none", "no protocol", "C1", "R1", null, SnapshotBuilder.NO_PROTOCOL, null, null, Map.of(),
                List.of(0L, 0L), 0, 0, 0, 0, 0, null));
        stations.add(new Station("S-quarantined", "not counted", "C1", "R1", null, "QUARANTINED", 1, null, Map.of(),
                List.of(0L, 0L), 1000, 0, 0, 0, 0, null));

        var nation = TurnoutDistribution.of(content(stations), null);
        assertThat(nation.counted()).isEqualTo(2);
        assertThat(nation.emptyList()).isEqualTo(1);
        assertThat(nation.stations()[60]).isEqualTo(1);
        assertThat(nation.stations()[90]).isEqualTo(1);

        var region = TurnoutDistribution.of(content(stations), "R2");
        assertThat(region.counted()).isEqualTo(1);
        assertThat(region.emptyList()).isZero();
        assertThat(region.stations()[90]).isEqualTo(1);
        assertThat(region.stations()[60]).isZero();
    }

    @Test
    void binsNarrowAsStationsGrow() {
        assertThat(TurnoutDistribution.of(content(many(999, 1000, 700)), null).binWidth()).isEqualTo(1.0);
        var half = TurnoutDistribution.of(content(many(1000, 1000, 705)), null);
        assertThat(half.binWidth()).isEqualTo(0.5);
        assertThat(half.stations()).hasSize(200);
        assertThat(half.stations()[141]).isEqualTo(1000); // 70.5 % starts the 142nd half-per-cent bin
        var tenth = TurnoutDistribution.of(content(many(10_000, 2000, 1401)), null);
        assertThat(tenth.binWidth()).isEqualTo(0.1);
        assertThat(tenth.stations()).hasSize(1000);
        assertThat(tenth.stations()[700]).isEqualTo(10_000); // 70.05 % is in [70.0, 70.1)
        assertThat(tenth.binWidthText(Locale.ENGLISH)).isEqualTo("0.1 %");
        assertThat(tenth.binWidthText(Locale.forLanguageTag("ru"))).isEqualTo("0,1 %");
    }

    @Test
    void theBinsAndTheBandsAddUpToTheStationsOfTheScope() {
        Random random = new Random(2018);
        for (int round = 0; round < 50; round++) {
            List<Station> stations = new ArrayList<>();
            int n = 1 + random.nextInt(3000);
            for (int i = 0; i < n; i++) {
                long voters = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(3000);
                long issued = voters == 0 ? 0 : (long) (voters * random.nextDouble() * 1.05);
                long first = issued == 0 ? 0 : random.nextLong(issued + 1);
                stations.add(station(random.nextBoolean() ? "R1" : "R2", voters, issued, first, issued - first));
            }
            for (String region : Arrays.asList(null, "R1")) {
                List<Station> scope = stations.stream().filter(s -> region == null || region.equals(s.regionCode())).toList();
                var d = TurnoutDistribution.of(content(stations), region);

                long withVoters = scope.stream().filter(s -> s.votersOnList() > 0).count();
                assertThat(d.counted() + d.overFull()).isEqualTo(withVoters);
                assertThat(d.emptyList()).isEqualTo(scope.size() - withVoters);
                assertThat(Arrays.stream(d.stations()).sum()).isEqualTo(d.counted());
                assertThat(d.bands().stream().mapToInt(TurnoutDistribution.Band::stations).sum()).isEqualTo(withVoters);
                assertThat(d.bands().getLast().stations()).isEqualTo(d.overFull());
                for (int c = 0; c < 2; c++) {
                    int candidate = c;
                    long inScope = scope.stream().filter(s -> s.votersOnList() > 0).mapToLong(s -> s.votes().get(candidate)).sum();
                    long overFull = scope.stream().filter(s -> s.votersOnList() > 0 && s.ballotsIssued() > s.votersOnList())
                            .mapToLong(s -> s.votes().get(candidate)).sum();
                    assertThat(Arrays.stream(d.votes().get(c)).sum()).isEqualTo(inScope - overFull);
                    assertThat(d.bands().stream().mapToLong(b -> b.votes().get(candidate)).sum()).isEqualTo(inScope);
                }
                assertThat(d.bands().stream().mapToLong(TurnoutDistribution.Band::ballotsIssued).sum())
                        .isEqualTo(scope.stream().mapToLong(Station::ballotsIssued).sum());
            }
        }
    }

    @Test
    void theChartNamesEachCandidateWithItsColourAndEveryBinStart() {
        var d = TurnoutDistribution.of(content(List.of(station("R1", 1000, 700, 400, 300))), null);
        Map<String, Object> chart = d.chart(CANDIDATES, order -> order == 1 ? "#111111" : "#222222");
        @SuppressWarnings("unchecked") List<String> from = (List<String>) chart.get("from");
        assertThat(from).hasSize(100).startsWith("0", "1").endsWith("99");
        List<?> series = (List<?>) chart.get("candidates");
        assertThat(series).hasSize(2);
        assertThat(((Map<?, ?>) series.get(1)).get("name")).isEqualTo("Babayev Test");
        assertThat(((Map<?, ?>) series.get(1)).get("colour")).isEqualTo("#222222");
        assertThat(((long[]) ((Map<?, ?>) series.get(1)).get("votes"))[70]).isEqualTo(300);
    }

    private static List<Station> many(int n, long voters, long issued) {
        return IntStream.range(0, n).mapToObj(i -> station("R1", voters, issued, issued, 0)).toList();
    }

    private static int sequence;

    private static Station station(String region, long voters, long issued, long first, long second) {
        String code = "S" + (++sequence);
        return new Station(code, code, "C-" + region, region, null, "ACCEPTED", 1, 1, Map.of(), List.of(first, second),
                voters, issued, first + second, 0, first + second, null);
    }

    private static SnapshotContent content(List<Station> stations) {
        Area none = new Area("nation", "XX", "Nation", null, stations.size(), 0, 0, 0, 0, 0, 0, 0, List.of(0L, 0L));
        return new SnapshotContent(SnapshotContent.FORMAT,
                new SnapshotContent.ElectionPart(1, "Test election", "presidential", false, LocalDate.of(2026, 2, 1),
                        "COUNTING", "AZ", "Asia/Baku", "2026-02-01T15:00:00Z", "CEC", "CEC"),
                new SnapshotContent.ContestPart(1, "President", "CIS", "CIS template", List.of()), CANDIDATES,
                "valid ballots", "ballots issued ÷ voters", SnapshotStatus.UNOFFICIAL_PARTIAL, none, List.of(), List.of(),
                List.of(), stations, List.of());
    }
}
