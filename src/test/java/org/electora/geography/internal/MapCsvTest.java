package org.electora.geography.internal;

import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;

import org.electora.demo.DemoShape;
import org.electora.demo.internal.DemoMapGenerator;
import org.electora.platform.Problem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class MapCsvTest {

    private static final ZoneId BAKU = ZoneId.of("Asia/Baku");

    private static List<Problem> problemsOf(String csv) {
        return switch (MapCsv.parse(new StringReader(csv), BAKU)) {
            case MapCsv.Parsed.Invalid invalid -> invalid.problems();
            case MapCsv.Parsed.Valid valid -> List.of();
        };
    }

    @Test
    void reportsEveryProblemOfAFileWithItsLineAndRuleCode() throws Exception {
        String csv;
        try (var in = getClass().getResourceAsStream("/fixtures/map-with-errors.csv")) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(problemsOf(csv)).extracting(Problem::line, Problem::ruleCode, Problem::field).containsExactlyInAnyOrder(
                tuple(4, "GEO-003", "parent"),          // constituency under an unknown region
                tuple(6, "GEO-004", "code"),            // duplicate station code
                tuple(7, "GEO-006", "mission"),         // abroad without a mission
                tuple(8, "GEO-005", "time_zone"),       // misspelt IANA zone
                tuple(9, "GEO-007", "latitude"),        // latitude 95
                tuple(10, "GEO-008", "capacity"),       // negative capacity
                tuple(10, "GEO-009", "kind"),           // unknown kind
                tuple(10, "GEO-013", "resettled_area"), // not a boolean
                tuple(11, "GEO-003", "parent"));        // station under an unknown constituency
    }

    @Test
    void rejectsAFileWithoutTheRequiredColumns() {
        assertThat(problemsOf("level,code,name\nregion,R1,North\n"))
                .singleElement().satisfies(p -> {
                    assertThat(p.ruleCode()).isEqualTo("GEO-001");
                    assertThat(p.line()).isEqualTo(1);
                    assertThat(p.message()).contains("parent", "time_zone");
                });
    }

    @Test
    void rejectsAStationWhoseParentIsARegion() {
        String csv = String.join("\n", String.join(",", MapCsv.COLUMNS),
                "region,R1,,,North,,,,,,,,,",
                "station,S1,R1,1,School,1 Main street,,,,regular,false,,,") + "\n";
        assertThat(problemsOf(csv)).extracting(Problem::ruleCode, Problem::line).containsExactly(tuple("GEO-012", 3));
    }

    @Test
    void rejectsDuplicateStationNumbersWithinAConstituency() {
        String csv = String.join("\n", String.join(",", MapCsv.COLUMNS),
                "region,R1,,,North,,,,,,,,,",
                "constituency,C1,R1,1,North-1,,,,,,,,,",
                "station,S1,C1,7,School,1 Main street,,,,regular,false,,,",
                "station,S2,C1,7,School,2 Main street,,,,regular,false,,,") + "\n";
        assertThat(problemsOf(csv)).extracting(Problem::ruleCode, Problem::line).containsExactly(tuple("GEO-015", 5));
    }

    @Test
    void rejectsAnUnknownLevelAndARowWithTooFewFields() {
        String csv = String.join("\n", String.join(",", MapCsv.COLUMNS),
                "district,D1,,,North,,,,,,,,,",
                "region,R1,North") + "\n";
        assertThat(problemsOf(csv)).extracting(Problem::ruleCode).containsExactly("GEO-002", "GEO-017");
    }

    @Test
    void rejectsAnEmptyFile() {
        assertThat(problemsOf(String.join(",", MapCsv.COLUMNS) + "\n")).extracting(Problem::ruleCode).containsExactly("GEO-016");
    }

    @Test
    void domesticStationsTakeTheCapitalsZoneAndAbroadStationsTheirOwn() {
        var parsed = (MapCsv.Parsed.Valid) MapCsv.parse(new StringReader(DemoMapGenerator.mapCsv(DemoShape.SMALL)), BAKU);
        assertThat(parsed.map().stations()).filteredOn(s -> !s.abroad())
                .allSatisfy(s -> assertThat(s.timeZone()).isEqualTo("Asia/Baku"));
        assertThat(parsed.map().stations()).filteredOn(MapCsv.StationRow::abroad).extracting(MapCsv.StationRow::timeZone)
                .contains("America/New_York", "Asia/Tokyo");
    }
}
