package org.electora.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.electora.demo.DemoShape;
import org.electora.demo.internal.DemoCandidates.DemoCandidate;
import org.junit.jupiter.api.Test;

class DemoMapGeneratorTest {

    /** Election day of the reference election, used to compare UTC offsets. */
    private static final Instant ELECTION_DAY = Instant.parse("2024-02-07T08:00:00Z");

    private static final Set<String> KINDS = Set.of("regular", "hospital", "military", "detention", "special");

    @Test
    void fullRepublicHasTheShapeOfTheReferenceElection() {
        MapCsv csv = parse(DemoShape.FULL);

        assertThat(csv.level("region")).hasSize(14);
        assertThat(csv.level("constituency")).hasSize(125);
        assertThat(csv.level("station")).hasSize(6_537);
        assertThat(csv.abroad()).hasSize(49);
        assertThat(hostCountries(csv)).hasSize(37);
        assertThat(csv.resettled()).hasSize(26);
        assertThat(constituencyNumbers(csv)).isEqualTo(rangeSet(125));
    }

    @Test
    void smallRepublicHasTheSameFeaturesAtSmallSize() {
        MapCsv csv = parse(DemoShape.SMALL);

        assertThat(csv.level("region")).hasSize(3);
        assertThat(csv.level("constituency")).hasSize(6);
        assertThat(csv.level("station")).hasSize(60);
        assertThat(csv.abroad()).hasSize(5);
        assertThat(hostCountries(csv)).hasSize(4);
        assertThat(csv.resettled()).hasSize(2);
        assertThat(constituencyNumbers(csv)).isEqualTo(rangeSet(6));
        assertThat(csv.level("station")).extracting(r -> r.get("kind")).containsAll(KINDS);
    }

    @Test
    void fullRepublicHasAFewStationsOfEachSpecialKind() {
        List<CSVRecord> domestic = parse(DemoShape.FULL).domestic();
        Map<String, Long> byKind = domestic.stream()
                .collect(Collectors.groupingBy(r -> r.get("kind"), Collectors.counting()));

        assertThat(byKind.keySet()).isEqualTo(KINDS);
        assertThat(byKind.get("regular")).isGreaterThan(domestic.size() * 95L / 100);
        assertThat(byKind.get("hospital")).isBetween(domestic.size() / 100L, domestic.size() * 2L / 100);
        assertThat(byKind.get("military")).isBetween(domestic.size() / 200L, domestic.size() * 15L / 1000);
        assertThat(byKind.get("detention")).isBetween(5L, domestic.size() * 5L / 1000);
        assertThat(byKind.get("special")).isBetween(1L, 10L);
    }

    @Test
    void headerIsTheMapImportFormat() {
        for (DemoShape shape : DemoShape.values()) {
            String csv = DemoMapGenerator.mapCsv(shape);

            assertThat(csv).startsWith("level,code,parent,number,name,address,latitude,longitude,capacity,kind,"
                    + "resettled_area,host_country,mission,time_zone\n");
            assertThat(csv).doesNotContain("\r").endsWith("\n");
        }
    }

    @Test
    void rowsComeAsRegionsThenConstituenciesThenDomesticThenAbroadStations() {
        for (DemoShape shape : DemoShape.values()) {
            List<String> order = parse(shape).records().stream()
                    .map(r -> r.get("level") + (r.get("host_country").isEmpty() ? "" : "-abroad"))
                    .distinct()
                    .toList();

            assertThat(order).containsExactly("region", "constituency", "station", "station-abroad");
        }
    }

    @Test
    void outputIsIdenticalOnEveryCall() {
        for (DemoShape shape : DemoShape.values()) {
            assertThat(DemoMapGenerator.mapCsv(shape)).isEqualTo(DemoMapGenerator.mapCsv(shape));
        }
    }

    @Test
    void codesAreGloballyUnique() {
        for (DemoShape shape : DemoShape.values()) {
            List<String> codes = parse(shape).records().stream().map(r -> r.get("code")).toList();

            assertThat(codes).doesNotHaveDuplicates().allMatch(c -> !c.isBlank());
        }
    }

    @Test
    void everyParentExistsAndIsOfTheLevelAbove() {
        for (DemoShape shape : DemoShape.values()) {
            MapCsv csv = parse(shape);
            Map<String, String> levelByCode = new HashMap<>();
            csv.records().forEach(r -> levelByCode.put(r.get("code"), r.get("level")));

            assertThat(csv.level("region")).allMatch(r -> r.get("parent").isEmpty());
            assertThat(csv.level("constituency")).allMatch(r -> "region".equals(levelByCode.get(r.get("parent"))));
            assertThat(csv.level("station")).allMatch(r -> "constituency".equals(levelByCode.get(r.get("parent"))));
        }
    }

    @Test
    void stationNumbersRunFromOneWithinEachConstituency() {
        for (DemoShape shape : DemoShape.values()) {
            Map<String, List<Integer>> numbers = parse(shape).level("station").stream()
                    .collect(Collectors.groupingBy(r -> r.get("parent"),
                            Collectors.mapping(r -> Integer.parseInt(r.get("number")), Collectors.toList())));

            assertThat(numbers.values()).allSatisfy(list -> {
                assertThat(list).doesNotHaveDuplicates();
                assertThat(new HashSet<>(list)).isEqualTo(rangeSet(list.size()));
            });
        }
    }

    @Test
    void domesticStationsLieInsideTheRepublicAndAbroadOnesOnTheGlobe() {
        for (DemoShape shape : DemoShape.values()) {
            MapCsv csv = parse(shape);

            assertThat(csv.domestic()).allSatisfy(r -> {
                assertThat(decimal(r, "latitude")).isBetween(38.4, 41.9);
                assertThat(decimal(r, "longitude")).isBetween(44.8, 50.6);
            });
            assertThat(csv.abroad()).allSatisfy(r -> {
                assertThat(decimal(r, "latitude")).isBetween(-90.0, 90.0);
                assertThat(decimal(r, "longitude")).isBetween(-180.0, 180.0);
            });
            assertThat(csv.level("station")).allSatisfy(r -> {
                assertThat(r.get("latitude")).matches("-?\\d{1,3}\\.\\d{1,6}");
                assertThat(r.get("longitude")).matches("-?\\d{1,3}\\.\\d{1,6}");
            });
        }
    }

    @Test
    void stationFieldsAreWellFormed() {
        for (DemoShape shape : DemoShape.values()) {
            MapCsv csv = parse(shape);

            assertThat(csv.level("station")).allSatisfy(r -> {
                assertThat(r.get("name")).isNotBlank();
                assertThat(r.get("address")).isNotBlank();
                assertThat(r.get("kind")).isIn(KINDS);
                assertThat(r.get("resettled_area")).isIn("true", "false");
            });
            assertThat(csv.domestic()).allSatisfy(r -> {
                assertThat(Integer.parseInt(r.get("capacity"))).isBetween(300, 3000);
                assertThat(r.get("mission")).isEmpty();
                assertThat(r.get("time_zone")).isEmpty();
            });
            assertThat(csv.abroad()).allSatisfy(r -> {
                assertThat(Integer.parseInt(r.get("capacity"))).isBetween(200, 2000);
                assertThat(r.get("kind")).isEqualTo("regular");
                assertThat(r.get("resettled_area")).isEqualTo("false");
                assertThat(r.get("mission")).isNotBlank();
                assertThat(r.get("name")).isEqualTo("Polling station at the " + r.get("mission"));
            });
            assertThat(csv.level("region")).allSatisfy(r -> assertThat(List.of(r.values()).subList(5, r.size())).containsOnly(""));
            assertThat(csv.level("constituency")).allSatisfy(r -> assertThat(List.of(r.values()).subList(5, r.size())).containsOnly(""));
        }
    }

    @Test
    void abroadStationsHaveRealCountriesAndTimeZones() {
        for (DemoShape shape : DemoShape.values()) {
            Set<String> isoCountries = Set.of(java.util.Locale.getISOCountries());

            assertThat(parse(shape).abroad()).allSatisfy(r -> {
                assertThat(r.get("host_country")).isIn(isoCountries);
                assertThat(ZoneId.of(r.get("time_zone"))).isNotNull();
            });
        }
    }

    @Test
    void abroadTimeZonesSpanFromWestOfUtcToEastOfTheCapital() {
        for (DemoShape shape : DemoShape.values()) {
            ZoneOffset capital = ZoneId.of("Asia/Baku").getRules().getOffset(ELECTION_DAY);
            List<ZoneOffset> offsets = parse(shape).abroad().stream()
                    .map(r -> ZoneId.of(r.get("time_zone")).getRules().getOffset(ELECTION_DAY))
                    .toList();

            assertThat(offsets).anyMatch(o -> o.getTotalSeconds() < 0);
            assertThat(offsets).anyMatch(o -> o.getTotalSeconds() > capital.getTotalSeconds());
        }
    }

    @Test
    void resettledStationsAreConcentratedInAFewConstituencies() {
        for (DemoShape shape : DemoShape.values()) {
            MapCsv csv = parse(shape);
            Set<String> constituencies = csv.resettled().stream().map(r -> r.get("parent")).collect(Collectors.toSet());
            Set<String> regions = csv.level("constituency").stream()
                    .filter(r -> constituencies.contains(r.get("code")))
                    .map(r -> r.get("parent"))
                    .collect(Collectors.toSet());

            assertThat(csv.resettled()).allMatch(r -> r.get("host_country").isEmpty());
            assertThat(constituencies).hasSizeBetween(1, 3);
            assertThat(regions).hasSizeBetween(1, 2);
        }
    }

    @Test
    void thereAreSevenCandidatesWithDistinctNamesAndOneSelfNominated() {
        List<DemoCandidate> candidates = DemoCandidates.all();

        assertThat(candidates).hasSize(7);
        assertThat(candidates)
                .extracting(c -> c.familyName() + " " + c.givenName() + " " + c.patronymic())
                .doesNotHaveDuplicates();
        assertThat(candidates).allSatisfy(c -> {
            assertThat(c.familyName()).isNotBlank();
            assertThat(c.givenName()).isNotBlank();
            assertThat(c.patronymic()).isNotBlank();
            assertThat(c.nominatedBy()).isNotBlank();
        });
        assertThat(candidates).filteredOn(c -> DemoCandidates.SELF_NOMINATED.equals(c.nominatedBy())).hasSize(1);
    }

    @Test
    void missionsCoverThirtySevenCountriesWithValidZones() {
        assertThat(Missions.all()).hasSize(49);
        assertThat(Missions.all()).extracting(Missions.Mission::name).doesNotHaveDuplicates();
        assertThat(Missions.all().stream().map(Missions.Mission::countryCode).distinct()).hasSize(37);
        assertThat(Missions.all()).allSatisfy(m -> assertThat(ZoneId.of(m.timeZone())).isNotNull());
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** Parsed CSV with a few views. */
    private record MapCsv(List<CSVRecord> records) {

        List<CSVRecord> level(String level) {
            return filter(r -> r.get("level").equals(level));
        }

        List<CSVRecord> abroad() {
            return filter(r -> r.get("level").equals("station") && !r.get("host_country").isEmpty());
        }

        List<CSVRecord> domestic() {
            return filter(r -> r.get("level").equals("station") && r.get("host_country").isEmpty());
        }

        List<CSVRecord> resettled() {
            return filter(r -> r.get("level").equals("station") && r.get("resettled_area").equals("true"));
        }

        private List<CSVRecord> filter(Predicate<CSVRecord> predicate) {
            return records.stream().filter(predicate).toList();
        }
    }

    private static MapCsv parse(DemoShape shape) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(DemoMapGenerator.mapCsv(shape)), format)) {
            assertThat(parser.getHeaderNames()).isEqualTo(DemoMapGenerator.HEADER);
            List<CSVRecord> records = parser.getRecords();
            assertThat(records).allMatch(r -> r.size() == DemoMapGenerator.HEADER.size());
            return new MapCsv(records);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> hostCountries(MapCsv csv) {
        return csv.abroad().stream().map(r -> r.get("host_country")).collect(Collectors.toSet());
    }

    private static Set<Integer> constituencyNumbers(MapCsv csv) {
        return csv.level("constituency").stream().map(r -> Integer.parseInt(r.get("number")))
                .collect(Collectors.toSet());
    }

    private static Set<Integer> rangeSet(int n) {
        Set<Integer> set = new HashSet<>();
        for (int i = 1; i <= n; i++) {
            set.add(i);
        }
        return set;
    }

    private static double decimal(CSVRecord record, String column) {
        return Double.parseDouble(record.get(column));
    }
}
