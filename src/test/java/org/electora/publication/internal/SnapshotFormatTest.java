package org.electora.publication.internal;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.electora.publication.SnapshotContent;
import org.electora.publication.SnapshotContent.Area;
import org.electora.publication.SnapshotContent.Station;
import org.electora.publication.SnapshotContent.Step;
import org.electora.publication.SnapshotStatus;
import org.electora.results.ProtocolAction;
import org.electora.results.ProtocolDecision;
import org.electora.results.ProtocolSource;
import org.electora.results.ProtocolStatus;
import org.electora.results.ProtocolVersion;
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
                List.of(), List.of(new Station("S1", "One", "C1", "R1", null, "ACCEPTED", 2, 2, Map.of(1, 100L), List.of(30L, 28L),
                        100, 60, 58, 2, 58, null)), steps);
    }

    @Test
    void stepsAreWrittenAndReadBack() {
        var steps = List.of(new Step("S1", "2026-02-01T16:00:00Z", "QUARANTINE", 1, "QUARANTINED", null, null, List.of("CIS-03")),
                new Step("S1", "2026-02-01T17:00:00Z", "AMEND", 2, "AMENDED", "Recount", null, List.of()));
        SnapshotContent read = CanonicalJson.parse(CanonicalJson.bytes(content(steps)));
        assertThat(read.format()).isEqualTo(SnapshotContent.FORMAT).isEqualTo(3);
        assertThat(read.recordsSteps()).isTrue();
        assertThat(read.steps()).isEqualTo(steps);
        assertThat(ResultsPages.corrections(read)).singleElement()
                .satisfies(c -> assertThat(c.steps()).extracting(Step::action).containsExactly("QUARANTINE", "AMEND"));
    }

    @Test
    void aFormatOneSnapshotReadsAsRecordingNoSteps() {
        String json = new String(CanonicalJson.bytes(content(List.of())), StandardCharsets.UTF_8)
                .replace("\"format\":3", "\"format\":1").replace(",\"steps\":[]", "").replace(",\"version\":2", "");
        assertThat(json).doesNotContain("steps").contains("\"format\":1");
        SnapshotContent read = CanonicalJson.parse(json.getBytes(StandardCharsets.UTF_8));
        assertThat(read.recordsSteps()).isFalse();
        assertThat(read.steps()).isEmpty();
        assertThat(StationsCsv.steps(read)).asString(StandardCharsets.UTF_8).hasLineCount(1);
        assertThat(read.recordsVersions()).isFalse();
        assertThat(read.stations().getFirst().version()).isNull();
    }

    private static final OffsetDateTime SNAPSHOT = OffsetDateTime.parse("2026-02-01T18:00:00Z");

    private static ProtocolVersion version(int number, OffsetDateTime at) {
        return new ProtocolVersion(number, Map.of(), Map.of(), ProtocolSource.ELECTRONIC, "op", at, null, "sha", null, List.of());
    }

    private static ProtocolDecision step(int version, ProtocolStatus from, ProtocolStatus to, OffsetDateTime at) {
        return new ProtocolDecision(at, "op", ProtocolAction.ACCEPT, from, to, version, null, null);
    }

    /**
     * A version's time is taken before its transaction commits, so a version timed before the snapshot may still have
     * been committed after it was read. The station's page shows what the snapshot recorded: versions up to its
     * {@code version}, steps up to the one that gave its status.
     */
    @Test
    void theStationPageShowsTheVersionsAndStepsTheSnapshotRecordedNotOnesCommittedAfterIt() {
        Station quarantined = new Station("S1", "One", "C1", "R1", null, "QUARANTINED", 2, null, Map.of(), List.of(),
                0, 0, 0, 0, 0, null);
        var before = SNAPSHOT.minusSeconds(1);
        List<ProtocolVersion> versions = List.of(version(1, SNAPSHOT.minusMinutes(30)), version(2, SNAPSHOT.minusMinutes(5)),
                version(3, before));
        List<ProtocolDecision> decisions = List.of(
                step(1, null, ProtocolStatus.ENTERED, SNAPSHOT.minusMinutes(30)),
                step(1, ProtocolStatus.ENTERED, ProtocolStatus.VERIFIED, SNAPSHOT.minusMinutes(30)),
                step(1, ProtocolStatus.VERIFIED, ProtocolStatus.ACCEPTED, SNAPSHOT.minusMinutes(30)),
                step(2, ProtocolStatus.ACCEPTED, ProtocolStatus.AMENDED, SNAPSHOT.minusMinutes(5)),
                step(2, ProtocolStatus.AMENDED, ProtocolStatus.QUARANTINED, SNAPSHOT.minusMinutes(5)),
                // committed after the snapshot was read, though timed before it
                step(2, ProtocolStatus.QUARANTINED, ProtocolStatus.ACCEPTED, before),
                step(3, ProtocolStatus.ACCEPTED, ProtocolStatus.AMENDED, before));
        SnapshotContent format3 = content(List.of());
        var shown = ResultsPages.published(format3, SNAPSHOT.toInstant(), quarantined, versions, decisions);
        assertThat(shown.versions()).extracting(ProtocolVersion::number).containsExactly(1, 2);
        assertThat(shown.decisions()).hasSize(5).last().extracting(ProtocolDecision::to).isEqualTo(ProtocolStatus.QUARANTINED);

        Station none = new Station("S2", "Two", "C1", "R1", null, SnapshotBuilder.NO_PROTOCOL, null, null, Map.of(),
                List.of(), 0, 0, 0, 0, 0, null);
        var nothing = ResultsPages.published(format3, SNAPSHOT.toInstant(), none, versions, decisions);
        assertThat(nothing.versions()).isEmpty();
        assertThat(nothing.decisions()).isEmpty();

        // A format 2 snapshot recorded no version: its time bounds what is shown.
        SnapshotContent format2 = CanonicalJson.parse(new String(CanonicalJson.bytes(format3), StandardCharsets.UTF_8)
                .replace("\"format\":3", "\"format\":2").getBytes(StandardCharsets.UTF_8));
        var byTime = ResultsPages.published(format2, SNAPSHOT.minusMinutes(10).toInstant(), quarantined, versions, decisions);
        assertThat(byTime.versions()).extracting(ProtocolVersion::number).containsExactly(1);
        assertThat(byTime.decisions()).hasSize(3);
    }
}
