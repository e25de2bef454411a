package org.electora.registry.internal.register;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A station's voter list as CSV (UTF-8, no byte-order mark, comma, LF, RFC 4180 quoting), the same rows in the same
 * order as the PDF: the main list, then the supplementary section. Columns: docs/register.md.
 */
final class VoterListCsv {

    static final List<String> HEADER = List.of("section", "list_number", "family_name", "given_name", "patronymic",
            "date_of_birth", "address", "origin_settlement", "status", "remark");

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

    private VoterListCsv() {
    }

    static byte[] write(RegisterLists.StationList list) {
        var bytes = new ByteArrayOutputStream();
        try (CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), FORMAT)) {
            csv.printRecord(HEADER);
            for (List<RegisterLists.ListEntry> section : List.of(list.main(), list.supplementary())) {
                for (RegisterLists.ListEntry e : section) {
                    csv.printRecord(e.section(), e.number(), e.familyName(), e.givenName(), nullToEmpty(e.patronymic()),
                            e.dateOfBirth(), nullToEmpty(e.address()), nullToEmpty(e.originSettlement()), e.status(),
                            nullToEmpty(e.remark()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
