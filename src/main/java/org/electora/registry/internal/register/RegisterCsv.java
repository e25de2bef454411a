package org.electora.registry.internal.register;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import org.electora.registry.RegisterImport;

/**
 * Frames a population-register CSV for COPY into the staging table: each record is passed through byte for byte,
 * prefixed with its line number, unless it is not UTF-8 (REG-002) or has the wrong number of fields or an
 * unterminated quote (REG-001) — those are reported and left out, so that SQL can still validate every other row.
 * Works on bytes without decoding, so it costs little next to COPY itself.
 */
final class RegisterCsv {

    /** The columns, in order; also the names of the voter table's columns they fill (docs/register-csv.md). */
    static final List<String> COLUMNS = List.of("national_id", "family_name", "given_name", "patronymic",
            "date_of_birth", "sex", "region", "settlement", "street", "house", "country", "city", "origin_settlement",
            "status", "status_reason", "status_date");

    static final String HEADER = String.join(",", COLUMNS);

    interface Problems {
        void add(String ruleCode, long line, String field, String message);
    }

    record Framed(long records, String sha256, boolean headerValid) {
    }

    private final InputStream in;
    private final OutputStream out;
    private final Problems problems;
    private final RegisterImport.Progress progress;
    private final MessageDigest sha256;

    RegisterCsv(InputStream in, OutputStream out, Problems problems, RegisterImport.Progress progress) {
        this.in = in;
        this.out = out;
        this.problems = problems;
        this.progress = progress;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Framed frame() throws IOException {
        byte[] buffer = new byte[1 << 16];
        byte[] record = new byte[1 << 12];
        int length = 0;
        long line = 1;          // line the current record starts on
        long physicalLine = 1;  // line being read
        boolean inQuotes = false;
        int fields = 1;
        boolean header = true;
        boolean headerValid = false;
        long records = 0;
        boolean first = true;
        long read = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            sha256.update(buffer, 0, n);
            read += n;
            int start = 0;
            if (first) {
                first = false;
                if (n >= 3 && (buffer[0] & 0xff) == 0xEF && (buffer[1] & 0xff) == 0xBB && (buffer[2] & 0xff) == 0xBF) {
                    start = 3;
                }
            }
            for (int i = start; i < n; i++) {
                byte b = buffer[i];
                if (b == '"') {
                    inQuotes = !inQuotes;
                } else if (b == ',' && !inQuotes) {
                    fields++;
                } else if (b == '\n') {
                    physicalLine++;
                    if (!inQuotes) {
                        if (header) {
                            headerValid = checkHeader(record, length);
                            header = false;
                            if (!headerValid) {
                                return new Framed(0, drain(read), false);
                            }
                        } else if (!(length == 0 || (length == 1 && record[0] == '\r'))) {
                            records++;
                            emit(record, length, fields, line);
                        }
                        length = 0;
                        fields = 1;
                        line = physicalLine;
                        continue;
                    }
                }
                if (length == record.length) {
                    record = java.util.Arrays.copyOf(record, record.length * 2);
                }
                record[length++] = b;
            }
            progress.read(read);
        }
        if (header) {
            headerValid = checkHeader(record, length);
            if (!headerValid) {
                return new Framed(0, hex(sha256.digest()), false);
            }
        } else if (inQuotes) {
            records++;
            problems.add("REG-001", line, null, "unterminated quoted field");
        } else if (length > 0 && !(length == 1 && record[0] == '\r')) {
            records++;
            emit(record, length, fields, line);
        }
        return new Framed(records, hex(sha256.digest()), true);
    }

    private String drain(long read) throws IOException {
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = in.read(buffer)) > 0) {
            sha256.update(buffer, 0, n);
            read += n;
            progress.read(read);
        }
        return hex(sha256.digest());
    }

    private boolean checkHeader(byte[] record, int length) {
        String header = new String(record, 0, length, StandardCharsets.UTF_8).strip();
        if (header.equals(HEADER)) {
            return true;
        }
        problems.add("REG-001", 1, null, "the first line must be the header \"" + HEADER + "\"");
        return false;
    }

    private void emit(byte[] record, int length, int fields, long line) throws IOException {
        if (length > 0 && record[length - 1] == '\r') {
            length--;
        }
        if (!utf8(record, length)) {
            problems.add("REG-002", line, null, "not valid UTF-8 text");
            return;
        }
        if (fields != COLUMNS.size()) {
            problems.add("REG-001", line, null, fields + " fields, expected " + COLUMNS.size());
            return;
        }
        out.write(Long.toString(line).getBytes(StandardCharsets.US_ASCII));
        out.write(',');
        out.write(record, 0, length);
        out.write('\n');
    }

    /** Strict UTF-8: no overlong forms, no surrogates, no NUL (PostgreSQL text cannot hold it). */
    static boolean utf8(byte[] bytes, int length) {
        int i = 0;
        while (i < length) {
            int b = bytes[i] & 0xff;
            if (b < 0x80) {
                if (b == 0) {
                    return false;
                }
                i++;
                continue;
            }
            int extra;
            int min;
            if (b >= 0xC2 && b <= 0xDF) {
                extra = 1;
                min = 0x80;
            } else if (b >= 0xE0 && b <= 0xEF) {
                extra = 2;
                min = 0x800;
            } else if (b >= 0xF0 && b <= 0xF4) {
                extra = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + extra >= length) {
                return false;
            }
            int cp = b & (0x3F >> extra);
            for (int k = 1; k <= extra; k++) {
                int c = bytes[i + k] & 0xff;
                if ((c & 0xC0) != 0x80) {
                    return false;
                }
                cp = (cp << 6) | (c & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return false;
            }
            i += extra + 1;
        }
        return true;
    }

    private static String hex(byte[] digest) {
        return java.util.HexFormat.of().formatHex(digest);
    }
}
