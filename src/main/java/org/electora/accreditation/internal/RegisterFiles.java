package org.electora.accreditation.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.electora.accreditation.internal.PublicRegister.Counts;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public register as open data (docs/accreditation.md, "Public register"): two CSV files and one JSON document
 * carrying the same rows in the same order, so that either can be checked against the other.
 */
final class RegisterFiles {

    static final List<String> ORGANISATION_COLUMNS = List.of("organisation_id", "name", "kind", "country", "observers",
            "journalists", "technical_staff", "total");
    static final List<String> COUNTRY_COLUMNS = List.of("country", "observers", "journalists", "technical_staff", "total");
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RegisterFiles() {
    }

    static byte[] organisationsCsv(PublicRegister r) {
        List<List<Object>> rows = new ArrayList<>();
        for (PublicRegister.OrganisationRow o : r.organisations()) {
            List<Object> row = new ArrayList<>(List.of(o.id(), o.name(), o.kind(), o.country()));
            row.addAll(counts(o.accredited()));
            rows.add(row);
        }
        return csv(ORGANISATION_COLUMNS, rows);
    }

    static byte[] countriesCsv(PublicRegister r) {
        List<List<Object>> rows = new ArrayList<>();
        for (PublicRegister.CountryRow c : r.countries()) {
            List<Object> row = new ArrayList<>(List.of(c.country()));
            row.addAll(counts(c.accredited()));
            rows.add(row);
        }
        return csv(COUNTRY_COLUMNS, rows);
    }

    /** Keys in a fixed order; no timestamp of generation, so equal contents give equal bytes (and ETags). */
    static byte[] json(PublicRegister r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accredited", "approved and not withdrawn: statuses APPROVED, BADGE_ISSUED, EXPIRED");
        out.put("totals", countsJson(r.totals()));
        out.put("organisations", r.organisations().stream().map(o -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("organisation_id", o.id());
            m.put("name", o.name());
            m.put("kind", o.kind());
            m.put("country", o.country());
            m.putAll(countsJson(o.accredited()));
            return m;
        }).toList());
        out.put("countries", r.countries().stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("country", c.country());
            m.putAll(countsJson(c.accredited()));
            return m;
        }).toList());
        out.put("jwks", PublicRegisterController.JWKS);
        out.put("keys", r.keys().stream().map(k -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kid", k.kid());
            m.put("fingerprint", k.fingerprint());
            m.put("created_on", k.createdOn());
            m.put("retired_on", k.retiredOn());
            m.put("active", k.active());
            return m;
        }).toList());
        return JSON.writeValueAsBytes(out);
    }

    private static List<Object> counts(Counts c) {
        return List.of(c.observers(), c.journalists(), c.technicalStaff(), c.total());
    }

    private static Map<String, Object> countsJson(Counts c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("observers", c.observers());
        m.put("journalists", c.journalists());
        m.put("technical_staff", c.technicalStaff());
        m.put("total", c.total());
        return m;
    }

    private static byte[] csv(List<String> header, List<List<Object>> rows) {
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
