package org.electora.accreditation.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.electora.accreditation.ApplicationCategory;
import org.electora.audit.AuditLog;
import org.electora.platform.AccessDenied;
import org.electora.platform.CurrentStaff;
import org.electora.platform.Digests;
import org.electora.platform.Problem;
import org.electora.platform.Role;
import org.electora.platform.Scope;
import org.electora.platform.StaffMember;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A mission coordinator's list of applicants in one ZIP: {@code applications.csv} (UTF-8, columns {@link #COLUMNS})
 * and the photos it names. The whole file is checked first and every problem reported with its line; only a file
 * without a single problem is applied, in one transaction. The same file (by SHA-256) uploaded again changes nothing.
 * The ZIP is read with caps on entries and on decompressed bytes, so a zip bomb stops at the cap.
 */
@Service
class MissionImport {

    static final String NOT_A_ZIP = "ACC-120";
    static final String OVER_LIMITS = "ACC-121";
    static final String NO_CSV = "ACC-122";
    static final String MISSING_COLUMNS = "ACC-123";
    static final String UNKNOWN_ORGANISATION = "ACC-124";
    static final String PHOTO_NOT_IN_ZIP = "ACC-126";
    static final String DUPLICATE_IN_FILE = "ACC-127";
    static final String NO_ROWS = "ACC-128";
    static final String MALFORMED_ROW = "ACC-129";

    static final String CSV_NAME = "applications.csv";
    static final List<String> COLUMNS = List.of("organisation_id", "category", "given_names", "family_name",
            "document_kind", "document_number", "nationality", "date_of_birth", "languages", "photo");
    static final List<String> REQUIRED = List.of("organisation_id", "category", "given_names", "family_name",
            "document_number", "nationality", "date_of_birth", "photo");

    static final int MAX_ENTRIES = 1000;
    static final int MAX_ROWS = 500;
    static final long MAX_TOTAL_BYTES = 100L * 1024 * 1024;
    static final int MAX_CSV_BYTES = 2 * 1024 * 1024;

    /** What became of an upload; {@code problems} is empty unless INVALID. */
    record Report(Status status, String sha256, int rows, List<Long> applicationIds, List<Problem> problems) {
        enum Status {
            APPLIED,
            ALREADY_APPLIED,
            INVALID
        }

        Report {
            applicationIds = List.copyOf(applicationIds);
            problems = List.copyOf(problems);
        }

        static Report invalid(String sha256, int rows, List<Problem> problems) {
            List<Problem> sorted = new ArrayList<>(problems);
            sorted.sort(Comparator.comparingInt(Problem::line).thenComparing(Problem::ruleCode));
            return new Report(Status.INVALID, sha256, rows, List.of(), sorted);
        }
    }

    private record Row(int line, Accrediting.Checked checked, AccreditationPhotos.Photo photo) {
    }

    private final Accrediting accrediting;
    private final AccreditationStore store;
    private final IntakeStore intake;
    private final AuditLog audit;
    private final java.time.Clock clock;

    MissionImport(Accrediting accrediting, AccreditationStore store, IntakeStore intake, AuditLog audit, java.time.Clock clock) {
        this.clock = clock;
        this.accrediting = accrediting;
        this.store = store;
        this.intake = intake;
        this.audit = audit;
    }

    /** The accreditation officer (any organisation), or an observer or journalist account for its own organisation. */
    private static Optional<Long> coordinatorScope() {
        StaffMember staff = CurrentStaff.require();
        if (staff.role() == Role.ACCREDITATION_OFFICER || staff.role() == Role.CEC_ADMIN) {
            return Optional.empty();
        }
        if ((staff.role() == Role.OBSERVER || staff.role() == Role.JOURNALIST) && staff.scope() instanceof Scope.Organisation o) {
            return Optional.of(o.organisationId());
        }
        throw new AccessDenied("Only the accreditation officer or a mission's own coordinator may import its applications");
    }

    @Transactional
    Report upload(byte[] zip) {
        Optional<Long> ownOrganisation = coordinatorScope();
        String sha256 = Digests.sha256(zip);
        intake.lockImport(sha256);
        Optional<List<Long>> before = intake.appliedImport(sha256);
        if (before.isPresent()) {
            return new Report(Report.Status.ALREADY_APPLIED, sha256, before.get().size(), before.get(), List.of());
        }
        List<Problem> problems = new ArrayList<>();
        Map<String, byte[]> entries = unzip(zip, problems);
        if (entries == null) {
            return Report.invalid(sha256, 0, problems);
        }
        byte[] csv = entries.get(CSV_NAME);
        if (csv == null) {
            return Report.invalid(sha256, 0, List.of(Problem.at(0, NO_CSV, null, "the ZIP has no " + CSV_NAME + " at its top level")));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(csv)).toString();
        } catch (CharacterCodingException e) {
            return Report.invalid(sha256, 0, List.of(Problem.at(0, NO_CSV, null, CSV_NAME + " is not UTF-8 text")));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Row> rows = parse(text, entries, ownOrganisation, problems);
        if (rows == null) {
            return Report.invalid(sha256, 0, problems);
        }
        crossCheck(rows, problems);
        if (!problems.isEmpty()) {
            return Report.invalid(sha256, rows.size(), problems);
        }
        List<Long> ids = new ArrayList<>();
        for (Row row : rows) {
            ids.add(accrediting.insert(row.checked(), row.photo(), Accrediting.Channel.BULK_IMPORT).id());
        }
        intake.recordImport(sha256, CurrentStaff.actorName(), clock.instant(), ids);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("sha256", sha256);
        payload.put("rows", rows.size());
        payload.put("organisations", rows.stream().map(r -> r.checked().organisationId()).distinct().sorted().toList());
        audit.record("accreditation.import.applied", "accreditation-import:" + sha256, payload);
        return new Report(Report.Status.APPLIED, sha256, rows.size(), ids, List.of());
    }

    /** Every entry's bytes by name, or null with the reason; the caps are checked on the bytes actually inflated. */
    static Map<String, byte[]> unzip(byte[] zip, List<Problem> problems) {
        if (zip.length < 4 || zip[0] != 'P' || zip[1] != 'K' || zip[2] != 3 || zip[3] != 4) {
            problems.add(Problem.at(0, NOT_A_ZIP, null, "the upload is not a ZIP file"));
            return null;
        }
        Map<String, byte[]> entries = new HashMap<>();
        long total = 0;
        int count = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (++count > MAX_ENTRIES) {
                    problems.add(Problem.at(0, OVER_LIMITS, null, "the ZIP has more than " + MAX_ENTRIES + " entries"));
                    return null;
                }
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName();
                long cap = name.equals(CSV_NAME) ? MAX_CSV_BYTES : AccreditationPhotos.MAX_BYTES;
                // Read one byte past the cap: enough to know "too large" without inflating the rest into memory.
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                long kept = copy(in, bytes, cap + 1);
                long skipped = drain(in, MAX_TOTAL_BYTES - total - kept + 1);
                total += kept + skipped;
                if (total > MAX_TOTAL_BYTES) {
                    problems.add(Problem.at(0, OVER_LIMITS, null, "the ZIP inflates to more than " + MAX_TOTAL_BYTES / (1024 * 1024) + " MiB"));
                    return null;
                }
                if (name.equals(CSV_NAME) && kept > cap) {
                    problems.add(Problem.at(0, OVER_LIMITS, null, CSV_NAME + " is larger than " + MAX_CSV_BYTES / (1024 * 1024) + " MiB"));
                    return null;
                }
                if (entries.put(name, bytes.toByteArray()) != null) {
                    problems.add(Problem.at(0, NOT_A_ZIP, null, "the ZIP holds two entries named \"" + name + "\""));
                    return null;
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            problems.add(Problem.at(0, NOT_A_ZIP, null, "the ZIP cannot be read: " + e.getMessage()));
            return null;
        }
        if (count == 0) {
            problems.add(Problem.at(0, NOT_A_ZIP, null, "the ZIP is empty"));
            return null;
        }
        return entries;
    }

    private static long copy(InputStream in, ByteArrayOutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[16384];
        long copied = 0;
        int n;
        while (copied < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - copied))) > 0) {
            out.write(buffer, 0, n);
            copied += n;
        }
        return copied;
    }

    private static long drain(InputStream in, long limit) throws IOException {
        byte[] buffer = new byte[16384];
        long drained = 0;
        int n;
        while (drained < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, Math.max(1, limit - drained)))) > 0) {
            drained += n;
        }
        return drained;
    }

    /** The rows with their own checks done, or null when the header alone makes the file unusable. */
    private List<Row> parse(String text, Map<String, byte[]> entries, Optional<Long> ownOrganisation, List<Problem> problems) {
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> firstLineOfPerson = new HashMap<>();
        Map<Long, Optional<Organisation>> organisations = new HashMap<>();
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).get().parse(new StringReader(text))) {
            List<String> missing = REQUIRED.stream().filter(c -> !parser.getHeaderMap().containsKey(c)).toList();
            if (!missing.isEmpty()) {
                problems.add(Problem.at(1, MISSING_COLUMNS, null, "missing column(s): " + String.join(", ", missing)
                        + "; expected header: " + String.join(",", COLUMNS)));
                return null;
            }
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                int line = (int) parser.getCurrentLineNumber() + 1;
                if (!records.hasNext()) {
                    break;
                }
                CSVRecord record = records.next();
                if (rows.size() >= MAX_ROWS) {
                    problems.add(Problem.at(line, OVER_LIMITS, null, "at most " + MAX_ROWS + " applications per file"));
                    return null;
                }
                if (!record.isConsistent()) {
                    problems.add(Problem.at(line, MALFORMED_ROW, null, "expected " + parser.getHeaderNames().size()
                            + " fields, found " + record.size()));
                    continue;
                }
                int before = problems.size();
                Row row = row(record, line, entries, ownOrganisation, organisations, problems);
                if (row.checked().document() != null && row.checked().nationality() != null) {
                    String person = row.checked().nationality() + ":" + row.checked().document();
                    Integer first = firstLineOfPerson.putIfAbsent(person, line);
                    if (first != null) {
                        problems.add(Problem.at(line, DUPLICATE_IN_FILE, "document_number", "the same person ("
                                + row.checked().nationality() + " document) is already on line " + first));
                    }
                }
                if (problems.size() == before) {
                    rows.add(row);
                } else {
                    rows.add(new Row(line, null, null));
                }
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            problems.add(Problem.at(0, MALFORMED_ROW, null, "malformed CSV: " + e.getMessage()));
            return null;
        }
        if (rows.isEmpty()) {
            problems.add(Problem.at(0, NO_ROWS, null, CSV_NAME + " has no rows"));
            return null;
        }
        return rows;
    }

    private Row row(CSVRecord record, int line, Map<String, byte[]> entries, Optional<Long> ownOrganisation,
                    Map<Long, Optional<Organisation>> organisations, List<Problem> problems) {
        Long organisationId = null;
        String org = get(record, "organisation_id");
        if (org == null) {
            problems.add(Problem.at(line, Accrediting.MISSING, "organisation_id", "organisation_id is required"));
        } else {
            try {
                long id = Long.parseLong(org);
                if (organisations.computeIfAbsent(id, store::organisation).isEmpty()) {
                    problems.add(Problem.at(line, UNKNOWN_ORGANISATION, "organisation_id", "no organisation " + org));
                } else if (ownOrganisation.isPresent() && ownOrganisation.get() != id) {
                    problems.add(Problem.at(line, UNKNOWN_ORGANISATION, "organisation_id", "organisation " + org
                            + " is not yours: a coordinator imports applications of its own organisation only"));
                } else {
                    organisationId = id;
                }
            } catch (NumberFormatException e) {
                problems.add(Problem.at(line, UNKNOWN_ORGANISATION, "organisation_id", "organisation_id \"" + org + "\" is not a number"));
            }
        }
        ApplicationCategory category = enumValue(ApplicationCategory.class, record, "category", line, true, problems);
        Application.DocumentKind kind = enumValue(Application.DocumentKind.class, record, "document_kind", line, false, problems);
        LocalDate born = null;
        String birth = get(record, "date_of_birth");
        if (birth == null) {
            problems.add(Problem.at(line, Accrediting.BAD_BIRTH_DATE, "date_of_birth", "date_of_birth is required (YYYY-MM-DD)"));
        } else {
            try {
                born = LocalDate.parse(birth);
            } catch (DateTimeParseException e) {
                problems.add(Problem.at(line, Accrediting.BAD_BIRTH_DATE, "date_of_birth", "date_of_birth \"" + birth + "\" is not a date YYYY-MM-DD"));
            }
        }
        String languages = get(record, "languages");
        var in = new Accrediting.NewApplication(organisationId == null ? -1L : organisationId, category,
                get(record, "given_names"), get(record, "family_name"), get(record, "document_number"), get(record, "nationality"),
                languages == null ? List.of() : Arrays.stream(languages.split("[;,\\s]+")).filter(s -> !s.isBlank()).toList(),
                kind, born, null);
        List<Problem> own = new ArrayList<>();
        Accrediting.Checked checked = Accrediting.check(in, line, own);
        // The JSON field names in the messages are the CSV's column names here.
        own.stream().filter(p -> !"category".equals(p.field())).forEach(p -> problems.add(Problem.at(p.line(), p.ruleCode(), column(p.field()), p.message())));
        AccreditationPhotos.Photo photo = null;
        String photoName = get(record, "photo");
        if (photoName == null) {
            problems.add(Problem.at(line, AccreditationPhotos.MISSING, "photo", "photo (the name of a JPEG or PNG file in the ZIP) is required"));
        } else if (!entries.containsKey(photoName) || photoName.equals(CSV_NAME)) {
            problems.add(Problem.at(line, PHOTO_NOT_IN_ZIP, "photo", "the ZIP has no file \"" + photoName + "\""));
        } else {
            photo = AccreditationPhotos.check(entries.get(photoName), line, "photo", problems);
        }
        return new Row(line, checked, photo);
    }

    /** Against the database: the organisation's own rules, persons already applying, and quotas with the file's rows. */
    private void crossCheck(List<Row> rows, List<Problem> problems) {
        var organisationIds = new TreeSet<Long>();
        rows.stream().filter(r -> r.checked() != null).forEach(r -> organisationIds.add(r.checked().organisationId()));
        Map<Long, Organisation> locked = new HashMap<>();
        // Locked in id order (as single applications lock them), so quotas cannot be overtaken while this file applies.
        for (Long id : organisationIds) {
            locked.put(id, store.organisationForUpdate(id).orElseThrow());
        }
        Map<Long, Integer> taken = new HashMap<>();
        for (Row row : rows) {
            if (row.checked() == null) {
                continue;
            }
            Accrediting.Checked c = row.checked();
            Organisation o = locked.get(c.organisationId());
            accrediting.admissible(o, c.category(), row.line(), problems);
            store.lockPerson(c.document(), c.nationality());
            store.liveApplicationOf(c.document(), c.nationality()).ifPresent(existing -> problems.add(Problem.at(row.line(),
                    existing.organisationId() == o.id() ? Accrediting.SAME_PERSON_SAME_ORGANISATION : Accrediting.SAME_PERSON_OTHER_ORGANISATION,
                    "document_number", accrediting.duplicateMessage(existing, o))));
            int used = taken.computeIfAbsent(o.id(), store::liveApplications) + 1;
            taken.put(o.id(), used);
            if (o.quota() != null && used > o.quota()) {
                problems.add(Problem.at(row.line(), Accrediting.OVER_QUOTA, "organisation_id", Accrediting.overQuotaMessage(o)
                        + "; this row would be number " + used));
            }
        }
    }

    private static String get(CSVRecord record, String column) {
        if (!record.isMapped(column)) {
            return null;
        }
        String value = record.get(column);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, CSVRecord record, String column, int line, boolean required,
                                                   List<Problem> problems) {
        String value = get(record, column);
        if (value == null) {
            if (required) {
                problems.add(Problem.at(line, Accrediting.MISSING, column, column + " is required, one of " + Arrays.toString(type.getEnumConstants())));
            }
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(Problem.at(line, Accrediting.MISSING, column, column + " \"" + value + "\" is not one of " + Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }

    private static String column(String field) {
        if (field == null) {
            return null;
        }
        return switch (field) {
            case "organisationId" -> "organisation_id";
            case "givenNames" -> "given_names";
            case "familyName" -> "family_name";
            case "documentNumber" -> "document_number";
            case "dateOfBirth" -> "date_of_birth";
            default -> field;
        };
    }
}
