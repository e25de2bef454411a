package org.electora.publication.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.electora.publication.SnapshotContent;
import org.electora.publication.SnapshotContent.CandidatePart;
import org.electora.publication.SnapshotContent.Line;
import org.electora.publication.SnapshotContent.Station;

/**
 * The snapshot's CSV files (docs/open-data.md). {@code stations.csv}: one row per polling station: codes, names, protocol status, the reduced numbers,
 * every template line ({@code line_<n>}) and every candidate's votes ({@code votes_<ballot order>}). Stations without
 * a counted protocol have empty number cells, not zeros.
 */
final class StationsCsv {

    static final List<String> FIXED = List.of("station_code", "station_name", "constituency_code", "region_code",
            "host_country", "protocol_status", "counted_version", "voters_on_list", "ballots_issued", "valid", "invalid",
            "share_base");
    static final List<String> STEPS = List.of("station_code", "station_name", "constituency_code", "region_code", "at",
            "step", "version", "status_after", "reason", "decision_reference", "broken_relations");
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

    private StationsCsv() {
    }

    static byte[] write(SnapshotContent c) {
        List<String> header = new ArrayList<>(FIXED);
        c.contest().lines().forEach(l -> header.add("line_" + l.number()));
        c.candidates().forEach(k -> header.add("votes_" + k.ballotOrder()));
        List<List<Object>> rows = new ArrayList<>();
        for (Station s : c.stations()) {
            List<Object> row = new ArrayList<>(List.of(s.code(), s.name(), s.constituencyCode(), s.regionCode(),
                    s.hostCountry() == null ? "" : s.hostCountry(), s.protocolStatus()));
            if (s.counted()) {
                row.addAll(List.of(s.countedVersion(), s.votersOnList(), s.ballotsIssued(), s.valid(), s.invalid(), s.shareBase()));
            } else {
                row.addAll(List.of("", "", "", "", "", ""));
            }
            for (Line l : c.contest().lines()) {
                Long v = s.lines().get(l.number());
                row.add(s.counted() && v != null ? v : "");
            }
            for (CandidatePart k : c.candidates()) {
                row.add(s.counted() && k.ballotOrder() <= s.votes().size() ? s.votes().get(k.ballotOrder() - 1) : "");
            }
            rows.add(row);
        }
        return print(header, rows);
    }

    /**
     * {@code corrections.csv}: one row per step the snapshot records (quarantine, correction, amendment, release,
     * annulment), in the order they were taken; {@code broken_relations} holds the rule codes of a quarantined
     * version's broken hard relations, separated by spaces.
     */
    static byte[] steps(SnapshotContent c) {
        Map<String, Station> byCode = new HashMap<>();
        c.stations().forEach(s -> byCode.put(s.code(), s));
        List<List<Object>> rows = new ArrayList<>();
        for (SnapshotContent.Step step : c.steps()) {
            Station s = byCode.get(step.station());
            rows.add(List.of(step.station(), s == null ? "" : s.name(), s == null ? "" : s.constituencyCode(),
                    s == null ? "" : s.regionCode(), step.at(), step.action(), step.version(), step.statusAfter(),
                    step.reason() == null ? "" : step.reason(), step.reference() == null ? "" : step.reference(),
                    String.join(" ", step.brokenRelations())));
        }
        return print(STEPS, rows);
    }

    private static byte[] print(List<String> header, List<List<Object>> rows) {
        var out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            printer.printRecord(header);
            for (List<Object> row : rows) {
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
