package org.electora.results.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.electora.results.HistoricMapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The mappings the command line takes: the shipped ones by name, a file by path, and a broken file with its reason. */
class HistoricMappingFilesTest {

    @TempDir Path dir;

    @Test
    void theShippedMappingsAreTakenByNameAndReadTheirStationFieldsAndRows() throws IOException {
        HistoricMapping m2018 = HistoricImportRunner.mapping("russia-2018");
        assertThat(m2018.stationPattern()).isNull();
        assertThat(m2018.stationName()).isEqualTo("УИК №{number}");
        assertThat(m2018.rowsWithoutNumbers()).isEqualTo(HistoricMapping.RowsWithoutNumbers.REJECT);
        assertThat(m2018.candidateColumns()).hasSize(8);

        HistoricMapping m2024 = HistoricImportRunner.mapping("russia-2024");
        assertThat(m2024.stationPattern()).isEqualTo("УИК №(\\d+)");
        assertThat(m2024.rowsWithoutNumbers()).isEqualTo(HistoricMapping.RowsWithoutNumbers.SKIP);
        assertThat(m2024.pollingDay()).hasToString("2024-03-17");
        assertThat(m2024.lineColumns()).isEqualTo(m2018.lineColumns());
        assertThat(m2024.candidateColumns()).containsExactly("Даванков Владислав Андреевич", "Путин Владимир Владимирович",
                "Слуцкий Леонид Эдуардович", "Харитонов Николай Михайлович");
    }

    @Test
    void aMappingFileIsReadFromItsPath() throws IOException {
        Path file = dir.resolve("mine.properties");
        try (var in = HistoricMapping.class.getResourceAsStream(HistoricMapping.RUSSIA_2024_RESOURCE)) {
            Files.write(file, in.readAllBytes());
        }
        assertThat(HistoricImportRunner.mapping(file.toString())).isEqualTo(HistoricMapping.russia2024());
    }

    @Test
    void aBrokenMappingFileSaysWhichKeyAndPointsToTheDocs() throws IOException {
        String shipped;
        try (var in = HistoricMapping.class.getResourceAsStream(HistoricMapping.RUSSIA_2024_RESOURCE)) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path noCountry = dir.resolve("no-country.properties");
        Files.writeString(noCountry, shipped.replaceFirst("(?m)^country=RU\n", ""));
        assertThatThrownBy(() -> HistoricImportRunner.mapping(noCountry.toString()))
                .isInstanceOfSatisfying(org.electora.platform.InvalidInput.class,
                        e -> assertThat(e.problems().getFirst().ruleCode()).isEqualTo("HIS-012"))
                .hasMessageContaining("not usable").hasMessageContaining("country").hasMessageContaining("docs/historic-import.md");

        Path noGroup = dir.resolve("no-group.properties");
        Files.writeString(noGroup, shipped.replace("column.station.pattern=УИК №(\\\\d+)", "column.station.pattern=УИК №\\\\d+"));
        assertThatThrownBy(() -> HistoricImportRunner.mapping(noGroup.toString()))
                .hasMessageContaining("column.station.pattern needs a group");

        Path badRows = dir.resolve("bad-rows.properties");
        Files.writeString(badRows, shipped.replace("rows.without-numbers=skip", "rows.without-numbers=ignore"));
        assertThatThrownBy(() -> HistoricImportRunner.mapping(badRows.toString()))
                .hasMessageContaining("IGNORE");
    }
}
