package org.electora.geography.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;

import org.apache.commons.csv.CSVPrinter;
import org.electora.geography.MapVersionId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Writes a map version back in the import format, so that an export re-imports to the same map. */
@Component
class MapExport {

    private final JdbcTemplate jdbc;

    MapExport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    void write(MapVersionId version, Writer out) {
        try (CSVPrinter csv = new CSVPrinter(out, MapCsv.FORMAT)) {
            csv.printRecord(MapCsv.COLUMNS);
            long v = version.value();
            jdbc.query("SELECT code, name FROM region WHERE map_version_id = ? ORDER BY code", rs -> {
                print(csv, "region", rs.getString(1), "", "", rs.getString(2), "", "", "", "", "", "", "", "", "");
            }, v);
            jdbc.query("""
                    SELECT c.code, r.code, c.number, c.name FROM constituency c JOIN region r ON r.id = c.region_id
                    WHERE c.map_version_id = ? ORDER BY c.number""", rs -> {
                print(csv, "constituency", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        "", "", "", "", "", "", "", "", "");
            }, v);
            jdbc.query("""
                    SELECT s.code, c.code, s.number, s.name, s.address, s.latitude, s.longitude, s.capacity, s.kind,
                           s.resettled_area, s.host_country, m.name, s.time_zone, v.capital_time_zone
                    FROM polling_station s JOIN constituency c ON c.id = s.constituency_id
                    JOIN map_version v ON v.id = s.map_version_id LEFT JOIN mission m ON m.id = s.mission_id
                    WHERE s.map_version_id = ? ORDER BY (s.host_country IS NOT NULL), c.number, s.number""", rs -> {
                boolean abroad = rs.getString(11) != null;
                String zone = rs.getString(13);
                print(csv, "station", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        decimal(rs.getBigDecimal(6)), decimal(rs.getBigDecimal(7)), text(rs.getObject(8)), rs.getString(9),
                        Boolean.toString(rs.getBoolean(10)), text(rs.getString(11)), text(rs.getString(12)),
                        // a domestic station in the capital's zone leaves the column empty, as imported
                        abroad || !zone.equals(rs.getString(14)) ? zone : "");
            }, v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void print(CSVPrinter csv, Object... values) {
        try {
            csv.printRecord(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String decimal(BigDecimal d) {
        return d == null ? "" : d.toPlainString();
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }
}
