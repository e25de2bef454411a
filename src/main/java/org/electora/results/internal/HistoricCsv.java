package org.electora.results.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.electora.election.ProtocolTemplate;
import org.electora.platform.Problem;
import org.electora.results.HistoricImport;
import org.electora.results.HistoricMapping;

/**
 * Reads and validates a historic results file against its mapping, collecting every problem (docs/historic-import.md):
 * <ul>
 *   <li>HIS-001 a column named by the mapping is not in the header</li>
 *   <li>HIS-002 a row has the wrong number of fields</li>
 *   <li>HIS-003 a count is not a whole number</li>
 *   <li>HIS-004 a count is negative</li>
 *   <li>HIS-005 the same station appears twice (region, constituency, station number)</li>
 *   <li>HIS-006 a station number is not a positive whole number</li>
 *   <li>HIS-007 a region or constituency name is empty</li>
 *   <li>HIS-008 the file has no rows</li>
 *   <li>HIS-009 the mapping does not fit the template (lines missing or extra, no candidates)</li>
 *   <li>HIS-010 malformed CSV (broken quoting)</li>
 *   <li>HIS-011 every count of the row is empty (a station whose results were not published), unless the mapping says
 *       {@code rows.without-numbers=skip}: then the station is put on the map without a protocol</li>
 * </ul>
 * Codes of the generated map: region {@code R01} (order of first appearance), constituency {@code R01/12} (the
 * leading number of its name when unique in the region, else its order), station {@code R01/12/345}.
 */
final class HistoricCsv {

    private static final Pattern LEADING_NUMBER = Pattern.compile("^(\\d+)\\s");

    /** A row of the file; {@code lines} and {@code votes} are null for a station without numbers (skipped). */
    record Row(int line, String region, String constituency, int station, long[] lines, long[] votes) {
        boolean hasNumbers() {
            return lines != null;
        }
    }

    record Area(String code, String name) {
    }

    /** A valid file: its rows, and each row's station code (same index). */
    record Parsed(List<Row> rows, List<String> stationCodes, String mapCsv, int regions, int constituencies) {
        int withoutNumbers() {
            return (int) rows.stream().filter(r -> !r.hasNumbers()).count();
        }
    }

    sealed interface Result {
        record Valid(Parsed parsed) implements Result {
        }

        record Invalid(List<Problem> problems) implements Result {
        }
    }

    private HistoricCsv() {
    }

    static Result read(HistoricMapping mapping, ProtocolTemplate template, Reader csv, HistoricImport.Progress progress) {
        List<Problem> problems = new ArrayList<>();
        if (!template.lineNumbers().equals(numbersUpTo(mapping.lineColumns().size()))) {
            problems.add(Problem.at(0, "HIS-009", "line", "the mapping names " + mapping.lineColumns().size()
                    + " line column(s); template " + template.code() + " has lines " + template.lineNumbers()));
        }
        if (mapping.candidateColumns().isEmpty()) {
            problems.add(Problem.at(0, "HIS-009", "candidate", "the mapping names no candidate columns"));
        }
        List<Row> rows = new ArrayList<>();
        Set<String> stations = new HashSet<>();
        Pattern stationPattern = mapping.stationPattern() == null ? null : Pattern.compile(mapping.stationPattern());
        int line = 1;
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(csv)) {
            Map<String, Integer> header = parser.getHeaderMap();
            int region = column(header, mapping.regionColumn(), problems);
            int constituency = column(header, mapping.constituencyColumn(), problems);
            int station = column(header, mapping.stationColumn(), problems);
            int[] lineAt = mapping.lineColumns().stream().mapToInt(c -> column(header, c, problems)).toArray();
            int[] voteAt = mapping.candidateColumns().stream().mapToInt(c -> column(header, c, problems)).toArray();
            int width = header.size();
            for (CSVRecord record : parser) {
                line = (int) record.getRecordNumber() + 1;
                if (rows.size() % 5000 == 0) {
                    progress.advanced("validate", rows.size(), -1);
                }
                if (record.size() != width) {
                    problems.add(Problem.at(line, "HIS-002", null, "expected " + width + " fields, found " + record.size()));
                    continue;
                }
                String regionName = field(record, region);
                String constituencyName = field(record, constituency);
                if (region >= 0 && regionName.isEmpty()) {
                    problems.add(Problem.at(line, "HIS-007", mapping.regionColumn(), "the region is empty"));
                }
                if (constituency >= 0 && constituencyName.isEmpty()) {
                    problems.add(Problem.at(line, "HIS-007", mapping.constituencyColumn(), "the constituency is empty"));
                }
                int number = 0;
                if (station >= 0) {
                    String s = field(record, station);
                    number = stationNumber(s, stationPattern);
                    if (number <= 0) {
                        problems.add(Problem.at(line, "HIS-006", mapping.stationColumn(), stationPattern == null
                                ? "station number must be a positive whole number, not \"" + s + "\""
                                : "\"" + s + "\" does not match " + stationPattern.pattern() + " with a positive station number"));
                    } else if (!stations.add(regionName + "\u0000" + constituencyName + "\u0000" + number)) {
                        problems.add(Problem.at(line, "HIS-005", mapping.stationColumn(), "station " + number + " of "
                                + constituencyName + " (" + regionName + ") appears twice"));
                    }
                }
                if (allEmpty(record, lineAt) && allEmpty(record, voteAt)) {
                    // A station whose results were never published (the 2024 file's four annexed regions): its place on
                    // the map is known, its numbers are not.
                    if (mapping.rowsWithoutNumbers() == HistoricMapping.RowsWithoutNumbers.SKIP) {
                        rows.add(new Row(line, regionName, constituencyName, number, null, null));
                    } else {
                        problems.add(Problem.at(line, "HIS-011", null, "every count of station \"" + field(record, station)
                                + "\" is empty (results not published?); a mapping with rows.without-numbers=skip puts"
                                + " such a station on the map without a protocol"));
                    }
                    continue;
                }
                long[] lines = counts(record, line, lineAt, mapping.lineColumns(), problems);
                long[] votes = counts(record, line, voteAt, mapping.candidateColumns(), problems);
                rows.add(new Row(line, regionName, constituencyName, number, lines, votes));
            }
        } catch (UncheckedIOException | IOException | IllegalArgumentException | IllegalStateException e) {
            problems.add(Problem.at(line + 1, "HIS-010", null, "malformed CSV: " + e.getMessage()));
        }
        if (rows.isEmpty() && problems.isEmpty()) {
            problems.add(Problem.at(0, "HIS-008", null, "the file has no rows"));
        }
        progress.advanced("validate", rows.size(), rows.size());
        if (!problems.isEmpty()) {
            return new Result.Invalid(problems);
        }
        return new Result.Valid(codes(rows, mapping.stationName()));
    }

    private static Set<Integer> numbersUpTo(int n) {
        Set<Integer> s = new java.util.TreeSet<>();
        for (int i = 1; i <= n; i++) {
            s.add(i);
        }
        return s;
    }

    private static int column(Map<String, Integer> header, String name, List<Problem> problems) {
        Integer index = header.get(name);
        if (index == null) {
            problems.add(Problem.at(1, "HIS-001", name, "the mapping names column \"" + name + "\", which the header lacks"));
            return -1;
        }
        return index;
    }

    /** The station number the field gives: itself, or the first group of the mapping's pattern; 0 if none. */
    private static int stationNumber(String field, Pattern pattern) {
        String digits = field;
        if (pattern != null) {
            Matcher m = pattern.matcher(field);
            if (!m.matches() || m.group(1) == null) {
                return 0;
            }
            digits = m.group(1);
        }
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Whether every count column the header has is blank in this row (false when the header has none of them). */
    private static boolean allEmpty(CSVRecord record, int[] at) {
        boolean any = false;
        for (int i : at) {
            if (i >= 0) {
                any = true;
                if (!record.get(i).isBlank()) {
                    return false;
                }
            }
        }
        return any;
    }

    private static String field(CSVRecord record, int index) {
        return index < 0 ? "" : record.get(index).strip();
    }

    private static long[] counts(CSVRecord record, int line, int[] at, List<String> names, List<Problem> problems) {
        long[] values = new long[at.length];
        for (int i = 0; i < at.length; i++) {
            if (at[i] < 0) {
                continue;
            }
            String text = record.get(at[i]).strip();
            try {
                values[i] = Long.parseLong(text);
                if (values[i] < 0) {
                    problems.add(Problem.at(line, "HIS-004", names.get(i), "a count must not be negative: " + text));
                }
            } catch (NumberFormatException e) {
                problems.add(Problem.at(line, "HIS-003", names.get(i), "a count must be a whole number, not \"" + text + "\""));
            }
        }
        return values;
    }

    /** Gives regions, constituencies and stations their codes and writes the map CSV (docs/map-csv.md). */
    private static Parsed codes(List<Row> rows, String stationName) {
        Map<String, String> regionCodes = new LinkedHashMap<>();
        Map<String, Map<String, String>> constituencyNames = new LinkedHashMap<>();
        for (Row r : rows) {
            regionCodes.computeIfAbsent(r.region(), k -> "R%02d".formatted(regionCodes.size() + 1));
            constituencyNames.computeIfAbsent(r.region(), k -> new LinkedHashMap<>()).putIfAbsent(r.constituency(), null);
        }
        // Within a region: the constituency's own number (e.g. "12 Кировская" → 12) when every name has a distinct one.
        Map<String, Map<String, String>> constituencyCodes = new HashMap<>();
        constituencyNames.forEach((region, names) -> {
            List<String> numbers = names.keySet().stream().map(HistoricCsv::leadingNumber).toList();
            boolean own = numbers.stream().allMatch(n -> n != null) && new HashSet<>(numbers).size() == numbers.size();
            Map<String, String> codes = new LinkedHashMap<>();
            int i = 0;
            for (String name : names.keySet()) {
                codes.put(name, regionCodes.get(region) + "/" + (own ? numbers.get(i) : Integer.toString(i + 1)));
                i++;
            }
            constituencyCodes.put(region, codes);
        });
        var out = new StringBuilder(rows.size() * 80);
        List<String> stationCodes = new ArrayList<>(rows.size());
        try (var csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator('\n').get())) {
            csv.printRecord("level", "code", "parent", "number", "name", "address", "latitude", "longitude", "capacity",
                    "kind", "resettled_area", "host_country", "mission", "time_zone");
            for (var region : regionCodes.entrySet()) {
                csv.printRecord("region", region.getValue(), "", "", region.getKey(), "", "", "", "", "", "", "", "", "");
            }
            int number = 0;
            for (var region : constituencyCodes.entrySet()) {
                for (var c : region.getValue().entrySet()) {
                    csv.printRecord("constituency", c.getValue(), regionCodes.get(region.getKey()), ++number, c.getKey(),
                            "", "", "", "", "", "", "", "", "");
                }
            }
            for (Row r : rows) {
                String constituency = constituencyCodes.get(r.region()).get(r.constituency());
                String code = constituency + "/" + r.station();
                stationCodes.add(code);
                // The file has no addresses: the station is placed by its commission's area.
                csv.printRecord("station", code, constituency, r.station(),
                        stationName.replace("{number}", Integer.toString(r.station())),
                        r.constituency() + ", " + r.region(), "", "", "", "", "", "", "", "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int constituencies = constituencyCodes.values().stream().mapToInt(Map::size).sum();
        return new Parsed(rows, stationCodes, out.toString(), regionCodes.size(), constituencies);
    }

    private static String leadingNumber(String name) {
        Matcher m = LEADING_NUMBER.matcher(name);
        return m.find() ? m.group(1) : null;
    }
}
