package org.electora.publication.internal;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.electora.publication.SnapshotContent;
import org.electora.publication.SnapshotContent.Area;
import org.electora.publication.SnapshotContent.Station;
import org.electora.publication.SnapshotContent.Step;
import org.electora.publication.SnapshotStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Snapshots are stored once and read for ever: a format 1 snapshot (before steps) still reads, as recording none. */
class SnapshotFormatTest {

    private static SnapshotContent content(List<Step> steps) {
        Area nation = new Area("nation", "XX", "Nation", null, 2, 1, 0, 100, 60, 58, 2, 58, List.of(30L, 28L));
        return new SnapshotContent(SnapshotContent.FORMAT,
                new SnapshotContent.ElectionPart(1, "Test election", "presidential", false, LocalDate.of(2026, 2, 1),
                        "COUNTING", "AZ", "Asia/Baku", "2026-02-01T15:00:00Z", "CEC", "CEC"),
                new SnapshotContent.ContestPart(1, "President", "CIS", "CIS template", List.of()), List.of(),
                "valid ballots", "ballots issued ÷ voters", SnapshotStatus.UNOFFICIAL_PARTIAL, nation, List.of(), List.of(),
                List.of(), List.of(new Station("S1", "One", "C1", "R1", null, "ACCEPTED", 2, Map.of(1, 100L), List.of(30L, 28L),
                        100, 60, 58, 2, 58, null)), steps);
    }

    @Test
    void stepsAreWrittenAndReadBack() {
        var steps = List.of(new Step("S1", "2026-02-01T16:00:00Z", "QUARANTINE", 1, "QUARANTINED", null, null, List.of("CIS-03")),
                new Step("S1", "2026-02-01T17:00:00Z", "AMEND", 2, "AMENDED", "Recount", null, List.of()));
        SnapshotContent read = CanonicalJson.parse(CanonicalJson.bytes(content(steps)));
        assertThat(read.format()).isEqualTo(2);
        assertThat(read.recordsSteps()).isTrue();
        assertThat(read.steps()).isEqualTo(steps);
        assertThat(ResultsPages.corrections(read)).singleElement()
                .satisfies(c -> assertThat(c.steps()).extracting(Step::action).containsExactly("QUARANTINE", "AMEND"));
    }

    @Test
    void aFormatOneSnapshotReadsAsRecordingNoSteps() {
        String json = new String(CanonicalJson.bytes(content(List.of())), StandardCharsets.UTF_8)
                .replace("\"format\":2", "\"format\":1").replace(",\"steps\":[]", "");
        assertThat(json).doesNotContain("steps").contains("\"format\":1");
        SnapshotContent read = CanonicalJson.parse(json.getBytes(StandardCharsets.UTF_8));
        assertThat(read.recordsSteps()).isFalse();
        assertThat(read.steps()).isEmpty();
        assertThat(StationsCsv.steps(read)).asString(StandardCharsets.UTF_8).hasLineCount(1);
    }
}
