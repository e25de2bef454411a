package org.electora.geography.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.electora.geography.StationKind;
import org.electora.platform.Problem;

/**
 * The map CSV format (docs/map-csv.md): one row per region, constituency or polling station, parents by code.
 * Parsing collects every problem with its line and rule code; a file with any problem yields no map.
 */
final class MapCsv {

    static final List<String> COLUMNS = List.of("level", "code", "parent", "number", "name", "address", "latitude",
            "longitude", "capacity", "kind", "resettled_area", "host_country", "mission", "time_zone");

    static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    record RegionRow(int line, String code, String name) {
    }

    record ConstituencyRow(int line, String code, String regionCode, int number, String name) {
    }

    record StationRow(int line, String code, String constituencyCode, int number, String name, String address,
                      BigDecimal latitude, BigDecimal longitude, Integer capacity, StationKind kind,
                      boolean resettledArea, String hostCountry, String mission, String timeZone) {
        boolean abroad() {
            return hostCountry != null;
        }
    }

    record ParsedMap(List<RegionRow> regions, List<ConstituencyRow> constituencies, List<StationRow> stations) {
    }

    sealed interface Parsed {
        record Valid(ParsedMap map) implements Parsed {
        }

        record Invalid(List<Problem> problems) implements Parsed {
        }
    }

    private MapCsv() {
    }

    static Parsed parse(Reader source, ZoneId capitalZone) {
        List<Problem> problems = new ArrayList<>();
        List<RegionRow> regions = new ArrayList<>();
        List<ConstituencyRow> constituencies = new ArrayList<>();
        List<StationRow> stations = new ArrayList<>();
        Map<String, String> levelByCode = new HashMap<>();
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).get().parse(source)) {
            List<String> missing = COLUMNS.stream().filter(c -> !parser.getHeaderMap().containsKey(c)).toList();
            if (!missing.isEmpty()) {
                return new Parsed.Invalid(List.of(Problem.at(1, "GEO-001", null, "missing column(s): "
                        + String.join(", ", missing) + "; expected header: " + String.join(",", COLUMNS))));
            }
            for (CSVRecord record : parser) {
                int line = (int) parser.getCurrentLineNumber();
                if (!record.isConsistent()) {
                    problems.add(Problem.at(line, "GEO-017", null, "expected " + parser.getHeaderNames().size()
                            + " fields, found " + record.size()));
                    continue;
                }
                var row = new Row(record, line, problems);
                String level = row.text("level");
                String code = row.required("code");
                if (code != null && levelByCode.putIfAbsent(code, level) != null) {
                    problems.add(Problem.at(line, "GEO-004", "code", "duplicate code \"" + code + "\""));
                }
                switch (level) {
                    case "region" -> regions.add(new RegionRow(line, code, row.required("name")));
                    case "constituency" -> constituencies.add(new ConstituencyRow(line, code, row.required("parent"),
                            row.positiveInt("number", true), row.required("name")));
                    case "station" -> stations.add(station(row, code, capitalZone));
                    default -> problems.add(Problem.at(line, "GEO-002", "level",
                            "unknown level \"" + level + "\" (region, constituency or station)"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            // commons-csv reports malformed quoting this way; the message carries its own position
            problems.add(Problem.at(0, "GEO-017", null, "malformed CSV: " + e.getMessage()));
            return new Parsed.Invalid(problems);
        }
        checkReferences(levelByCode, constituencies, stations, problems);
        if (regions.isEmpty() && constituencies.isEmpty() && stations.isEmpty() && problems.isEmpty()) {
            problems.add(Problem.at(0, "GEO-016", null, "the file has no rows"));
        }
        problems.sort(java.util.Comparator.comparingInt(Problem::line));
        return problems.isEmpty()
                ? new Parsed.Valid(new ParsedMap(List.copyOf(regions), List.copyOf(constituencies), List.copyOf(stations)))
                : new Parsed.Invalid(problems);
    }

    private static StationRow station(Row row, String code, ZoneId capitalZone) {
        String hostCountry = row.text("host_country");
        String mission = row.text("mission");
        String zone = row.text("time_zone");
        boolean abroad = !hostCountry.isEmpty() || !mission.isEmpty();
        if (abroad && hostCountry.isEmpty()) {
            row.problem("GEO-006", "host_country", "station abroad without a host country");
        }
        if (abroad && mission.isEmpty()) {
            row.problem("GEO-006", "mission", "station abroad without a diplomatic mission");
        }
        if (!hostCountry.isEmpty() && !COUNTRIES.contains(hostCountry)) {
            row.problem("GEO-010", "host_country", "\"" + hostCountry + "\" is not an ISO 3166-1 alpha-2 country code");
        }
        if (abroad && zone.isEmpty()) {
            row.problem("GEO-005", "time_zone", "station abroad without a time zone");
        } else if (!zone.isEmpty()) {
            try {
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                row.problem("GEO-005", "time_zone", "\"" + zone + "\" is not an IANA time zone");
            }
        }
        BigDecimal lat = row.decimal("latitude");
        BigDecimal lon = row.decimal("longitude");
        if ((lat == null) != (lon == null)) {
            row.problem("GEO-007", lat == null ? "latitude" : "longitude", "give both latitude and longitude, or neither");
        }
        if (lat != null && (lat.abs().compareTo(BigDecimal.valueOf(90)) > 0)) {
            row.problem("GEO-007", "latitude", "latitude " + lat + " is outside -90..90");
        }
        if (lon != null && (lon.abs().compareTo(BigDecimal.valueOf(180)) > 0)) {
            row.problem("GEO-007", "longitude", "longitude " + lon + " is outside -180..180");
        }
        StationKind kind = StationKind.REGULAR;
        String kindText = row.text("kind");
        if (!kindText.isEmpty()) {
            try {
                kind = StationKind.ofCode(kindText);
            } catch (IllegalArgumentException e) {
                row.problem("GEO-009", "kind", "unknown station kind \"" + kindText
                        + "\" (regular, hospital, military, detention, special)");
            }
        }
        boolean resettled = switch (row.text("resettled_area").toLowerCase(Locale.ROOT)) {
            case "", "false", "no", "0" -> false;
            case "true", "yes", "1" -> true;
            default -> {
                row.problem("GEO-013", "resettled_area", "resettled_area must be true or false");
                yield false;
            }
        };
        Integer capacity = row.text("capacity").isEmpty() ? null : row.positiveInt("capacity", false);
        return new StationRow(row.line, code, row.required("parent"), row.positiveInt("number", true),
                row.required("name"), row.required("address"), lat, lon, capacity, kind, resettled,
                hostCountry.isEmpty() ? null : hostCountry, mission.isEmpty() ? null : mission,
                zone.isEmpty() ? capitalZone.getId() : zone);
    }

    private static void checkReferences(Map<String, String> levelByCode, List<ConstituencyRow> constituencies,
                                        List<StationRow> stations, List<Problem> problems) {
        Set<Integer> constituencyNumbers = new HashSet<>();
        for (ConstituencyRow c : constituencies) {
            parent(levelByCode, c.line(), c.regionCode(), "region", problems);
            if (c.number() > 0 && !constituencyNumbers.add(c.number())) {
                problems.add(Problem.at(c.line(), "GEO-015", "number", "duplicate constituency number " + c.number()));
            }
        }
        Set<String> stationNumbers = new HashSet<>();
        for (StationRow s : stations) {
            parent(levelByCode, s.line(), s.constituencyCode(), "constituency", problems);
            if (s.number() > 0 && !stationNumbers.add(s.constituencyCode() + "#" + s.number())) {
                problems.add(Problem.at(s.line(), "GEO-015", "number", "duplicate station number " + s.number()
                        + " in constituency " + s.constituencyCode()));
            }
        }
    }

    private static void parent(Map<String, String> levelByCode, int line, String parent, String expectedLevel,
                               List<Problem> problems) {
        if (parent == null) {
            return;
        }
        String level = levelByCode.get(parent);
        if (level == null) {
            problems.add(Problem.at(line, "GEO-003", "parent", "unknown parent " + expectedLevel + " \"" + parent + "\""));
        } else if (!level.equals(expectedLevel)) {
            problems.add(Problem.at(line, "GEO-012", "parent", "parent \"" + parent + "\" is a " + level
                    + ", expected a " + expectedLevel));
        }
    }

    /** One CSV record with the problems found in it. */
    private static final class Row {
        final CSVRecord record;
        final int line;
        final List<Problem> problems;

        Row(CSVRecord record, int line, List<Problem> problems) {
            this.record = record;
            this.line = line;
            this.problems = problems;
        }

        String text(String column) {
            String v = record.get(column);
            return v == null ? "" : v.strip();
        }

        String required(String column) {
            String v = text(column);
            if (v.isEmpty()) {
                problem("GEO-011", column, column + " is required");
                return null;
            }
            return v;
        }

        int positiveInt(String column, boolean required) {
            String v = text(column);
            if (v.isEmpty()) {
                if (required) {
                    problem("GEO-011", column, column + " is required");
                }
                return 0;
            }
            try {
                int n = Integer.parseInt(v);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            problem("GEO-008", column, column + " must be a positive whole number, not \"" + v + "\"");
            return 0;
        }

        BigDecimal decimal(String column) {
            String v = text(column);
            if (v.isEmpty()) {
                return null;
            }
            try {
                return new BigDecimal(v);
            } catch (NumberFormatException e) {
                problem("GEO-007", column, column + " must be a decimal number of degrees, not \"" + v + "\"");
                return null;
            }
        }

        void problem(String code, String field, String message) {
            problems.add(Problem.at(line, code, field, message));
        }
    }
}
