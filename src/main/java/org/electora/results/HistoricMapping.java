package org.electora.results;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

import org.electora.election.ElectionType;

/**
 * How a historic per-station results file maps onto Electora: which columns name the region, the constituency and the
 * station, which columns are the template's lines (index 0 = line 1) and the candidates (in ballot order; the column
 * name is the candidate's "Family Given Patronymic"), and the election the file belongs to.
 * <p>
 * How a station's field gives its number ({@code stationPattern}: a regular expression the whole field must match,
 * whose first group is the number; {@code null} for a field that is the number itself), how a station is named
 * ({@code stationName}, with {@code {number}}), and what a row whose counts are all empty means
 * ({@code rowsWithoutNumbers}: a station whose results were never published, refused by default).
 * Written as a UTF-8 properties file (docs/historic-import.md); the mappings of the Russian presidential elections of
 * 2018 and 2024 ship as {@link #russia2018()} and {@link #russia2024()}.
 */
public record HistoricMapping(String countryCode, String mapName, ZoneId capitalZone, String electionName,
                              ElectionType electionType, LocalDate pollingDay, LocalTime pollsOpen, LocalTime pollsClose,
                              String contestName, String templateCode, String regionColumn, String constituencyColumn,
                              String stationColumn, String stationPattern, String stationName, RowsWithoutNumbers rowsWithoutNumbers,
                              List<String> lineColumns, List<String> candidateColumns) {

    public static final String RUSSIA_2018_RESOURCE = "/results/russia-2018-president.mapping.properties";
    public static final String RUSSIA_2024_RESOURCE = "/results/russia-2024-president.mapping.properties";

    /** A row whose every count is empty: a station that existed but whose results were never published. */
    public enum RowsWithoutNumbers {
        /** Refused (HIS-011), like any row with a count missing: the whole file writes nothing. */
        REJECT,
        /** The station is put on the map without a protocol: expected, never reporting, counted nowhere. */
        SKIP
    }

    public HistoricMapping {
        Objects.requireNonNull(countryCode, "country");
        Objects.requireNonNull(mapName, "map.name");
        Objects.requireNonNull(capitalZone, "capital.zone");
        Objects.requireNonNull(electionName, "election.name");
        Objects.requireNonNull(electionType, "election.type");
        Objects.requireNonNull(pollingDay, "election.polling-day");
        Objects.requireNonNull(pollsOpen, "election.polls-open");
        Objects.requireNonNull(pollsClose, "election.polls-close");
        Objects.requireNonNull(contestName, "contest.name");
        Objects.requireNonNull(templateCode, "template");
        Objects.requireNonNull(regionColumn, "column.region");
        Objects.requireNonNull(constituencyColumn, "column.constituency");
        Objects.requireNonNull(stationColumn, "column.station");
        Objects.requireNonNull(stationName, "station.name");
        Objects.requireNonNull(rowsWithoutNumbers, "rows.without-numbers");
        if (stationPattern != null) {
            if (java.util.regex.Pattern.compile(stationPattern).matcher("").groupCount() < 1) {
                throw new IllegalArgumentException("column.station.pattern needs a group for the station number: " + stationPattern);
            }
        }
        lineColumns = List.copyOf(lineColumns);
        candidateColumns = List.copyOf(candidateColumns);
    }

    /** The mapping of the Russian presidential election of 18 March 2018 (2018-president-uik.csv). */
    public static HistoricMapping russia2018() {
        return resource(RUSSIA_2018_RESOURCE);
    }

    /** The mapping of the Russian presidential election of 15–17 March 2024 (2024-president-uik.csv). */
    public static HistoricMapping russia2024() {
        return resource(RUSSIA_2024_RESOURCE);
    }

    private static HistoricMapping resource(String name) {
        try (var in = HistoricMapping.class.getResourceAsStream(name)) {
            return read(new InputStreamReader(Objects.requireNonNull(in, name), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a mapping file: {@code line.<n>} and {@code candidate.<ballot order>} numbered from 1 without gaps. */
    public static HistoricMapping read(Reader properties) throws IOException {
        var p = new Properties();
        p.load(properties);
        return new HistoricMapping(p.getProperty("country"), p.getProperty("map.name"), ZoneId.of(p.getProperty("capital.zone")),
                p.getProperty("election.name"), ElectionType.valueOf(p.getProperty("election.type")),
                LocalDate.parse(p.getProperty("election.polling-day")), LocalTime.parse(p.getProperty("election.polls-open")),
                LocalTime.parse(p.getProperty("election.polls-close")), p.getProperty("contest.name"), p.getProperty("template"),
                p.getProperty("column.region"), p.getProperty("column.constituency"), p.getProperty("column.station"),
                p.getProperty("column.station.pattern"), p.getProperty("station.name", "№{number}"),
                RowsWithoutNumbers.valueOf(p.getProperty("rows.without-numbers", "reject").strip().toUpperCase(java.util.Locale.ROOT)),
                numbered(p, "line."), numbered(p, "candidate."));
    }

    private static List<String> numbered(Properties p, String prefix) {
        List<String> columns = new ArrayList<>();
        for (int n = 1; p.getProperty(prefix + n) != null; n++) {
            columns.add(p.getProperty(prefix + n));
        }
        return columns;
    }

    public HistoricMapping withColumns(String region, String constituency, String station, List<String> lines,
                                       List<String> candidates) {
        return new HistoricMapping(countryCode, mapName, capitalZone, electionName, electionType, pollingDay, pollsOpen,
                pollsClose, contestName, templateCode, region, constituency, station, stationPattern, stationName,
                rowsWithoutNumbers, lines, candidates);
    }

    public HistoricMapping withRowsWithoutNumbers(RowsWithoutNumbers rows) {
        return new HistoricMapping(countryCode, mapName, capitalZone, electionName, electionType, pollingDay, pollsOpen,
                pollsClose, contestName, templateCode, regionColumn, constituencyColumn, stationColumn, stationPattern,
                stationName, rows, lineColumns, candidateColumns);
    }

    public HistoricMapping withNames(String map, String election) {
        return new HistoricMapping(countryCode, map, capitalZone, election, electionType, pollingDay, pollsOpen,
                pollsClose, contestName, templateCode, regionColumn, constituencyColumn, stationColumn, stationPattern,
                stationName, rowsWithoutNumbers, lineColumns, candidateColumns);
    }
}
