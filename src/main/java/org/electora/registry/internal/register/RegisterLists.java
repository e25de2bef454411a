package org.electora.registry.internal.register;

import java.text.Collator;
import java.text.ParseException;
import java.text.RuleBasedCollator;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.electora.audit.AuditLog;
import org.electora.election.Election;
import org.electora.election.ElectionId;
import org.electora.election.Elections;
import org.electora.geography.ElectoralMap;
import org.electora.geography.PollingStation;
import org.electora.geography.PollingStationId;
import org.electora.platform.Conflict;
import org.electora.platform.CurrentStaff;
import org.electora.platform.Digests;
import org.electora.platform.InvalidInput;
import org.electora.platform.NotFound;
import org.electora.platform.StaffMember;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Voter lists per polling station: the list itself (sorted by family name, given name, patronymic in the Azerbaijani
 * alphabet's order), its supplementary section, the official printings (each a version with the SHA-256 of its PDF and
 * the registrations it showed), and the change log after the first printing.
 *
 * <p>The change log is derived, not recorded a second time: a registration row is never deleted and carries when,
 * by whom and why the voter came onto and went off the list, whichever code path (a transfer certificate, an approved
 * application, a change of the voter's status) started or ended it. Comparing the registrations with what the first
 * printing showed gives the changes that a paper copy does not have.
 */
@Service
class RegisterLists {

    enum Section { MAIN, SUPPLEMENTARY }

    record ListEntry(long registrationId, long voterId, int number, Section section, String familyName, String givenName,
                     String patronymic, LocalDate dateOfBirth, String address, String originSettlement, String status,
                     String remark) {
    }

    record StationList(Election election, PollingStation station, boolean showOrigin, List<ListEntry> main,
                       List<ListEntry> supplementary) {
        int size() {
            return main.size() + supplementary.size();
        }
    }

    record Print(int version, String printedBy, Instant printedAt, String purpose, String pdfSha256, int voters,
                 int supplementary, int changes) {
    }

    /**
     * One change to a printed list. {@code listNumber} is the voter's number on the latest printing that showed the
     * registration ({@code onPrintedList}), else on the list as it is now. The name is for the re-printed PDF only.
     */
    record ListChange(String kind, Integer listNumber, boolean onPrintedList, long voterId, long registrationId,
                      Instant at, String by, String why, @JsonIgnore String voterName) {
    }

    record Summary(long electionId, String electionName, long stationId, String stationCode, int stationNumber,
                   String stationName, boolean resettledArea, int voters, int supplementary, int transferred,
                   int displaced, List<Print> prints, int changesSincePrinting) {
    }

    record Counts(long stationId, int voters, int supplementary, int transferred, int displaced, int printedVersion) {
    }

    record Printed(int version, String sha256, byte[] pdf, String fileName) {
    }

    record Download(byte[] body, String fileName) {
    }

    private final JdbcClient jdbc;
    private final Elections elections;
    private final ElectoralMap map;
    private final VoterRecords voterRecords;
    private final AuditLog audit;

    RegisterLists(JdbcClient jdbc, Elections elections, ElectoralMap map, VoterRecords voterRecords, AuditLog audit) {
        this.jdbc = jdbc;
        this.elections = elections;
        this.map = map;
        this.voterRecords = voterRecords;
        this.audit = audit;
    }

    /** Counts and printings, no personal data: not logged as a read. */
    @Transactional(readOnly = true)
    public Summary summary(long stationId, Long electionId) {
        Scoped scoped = scoped(stationId, electionId);
        Counts counts = counts(scoped.election().id().value(), List.of(stationId)).getOrDefault(stationId,
                new Counts(stationId, 0, 0, 0, 0, 0));
        List<Print> prints = prints(scoped.election().id().value(), stationId);
        int changes = prints.isEmpty() ? 0 : changes(scoped, null).size();
        PollingStation s = scoped.station();
        return new Summary(scoped.election().id().value(), scoped.election().name(), stationId, s.code(), s.number(),
                s.name(), s.resettledArea(), counts.voters(), counts.supplementary(), counts.transferred(),
                counts.displaced(), prints, changes);
    }

    /** The change log since the first printing; names are left out (the list number says which voter). */
    @Transactional(readOnly = true)
    public List<ListChange> changes(long stationId, Long electionId) {
        return changes(scoped(stationId, electionId), null);
    }

    @Transactional
    public Download csv(long stationId, Long electionId, String purpose) {
        String why = VoterRecords.purpose(purpose);
        Scoped scoped = scoped(stationId, electionId);
        StationList list = load(scoped);
        logDownload(scoped, why, "CSV", null, list.size());
        return new Download(VoterListCsv.write(list), fileName(scoped, "csv", null));
    }

    /** The current list as a draft PDF, marked as not an official printing. */
    @Transactional
    public Download draftPdf(long stationId, Long electionId, String purpose, Function<String, String> labels) {
        String why = VoterRecords.purpose(purpose);
        Scoped scoped = scoped(stationId, electionId);
        StationList list = load(scoped);
        List<Print> prints = prints(scoped.election().id().value(), stationId);
        List<ListChange> changes = prints.isEmpty() ? List.of() : changes(scoped, list);
        byte[] pdf = VoterListPdf.render(list, new VoterListPdf.Printing(null, null, null,
                prints.isEmpty() ? null : prints.getFirst()), changes, labels);
        logDownload(scoped, why, "PDF-DRAFT", null, list.size());
        return new Download(pdf, fileName(scoped, "pdf", "draft"));
    }

    /**
     * The official printing: the next version of the list, with a final section of the changes since the first
     * printing; its hash and the registrations it shows are recorded in this transaction.
     */
    @Transactional
    public Printed print(long stationId, Long electionId, String purpose, Function<String, String> labels) {
        String why = VoterRecords.purpose(purpose);
        Scoped scoped = scoped(stationId, electionId);
        long election = scoped.election().id().value();
        StationList list = load(scoped);
        List<Print> prints = prints(election, stationId);
        List<ListChange> changes = prints.isEmpty() ? List.of() : changes(scoped, list);
        int version = prints.size() + 1;
        StaffMember staff = CurrentStaff.require();
        Instant at = Instant.now();
        byte[] pdf = VoterListPdf.render(list, new VoterListPdf.Printing(version, staff.username(), at,
                prints.isEmpty() ? null : prints.getFirst()), changes, labels);
        String sha256 = Digests.sha256(pdf);
        long printId;
        try {
            printId = jdbc.sql("""
                            INSERT INTO voter_list_print (election_id, station_id, version, printed_by, printed_at, purpose,
                                                          pdf_sha256, voters, supplementary, changes)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                    .params(election, stationId, version, staff.username(), OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC),
                            why, sha256, list.main().size(), list.supplementary().size(), changes.size())
                    .query(Long.class).single();
        } catch (DuplicateKeyException e) {
            throw new Conflict("REG-133", "this list was printed at the same moment by someone else: reload and print again");
        }
        List<ListEntry> all = new ArrayList<>(list.main());
        all.addAll(list.supplementary());
        jdbc.sql("""
                        INSERT INTO voter_list_print_entry (print_id, registration_id, list_number, status)
                        SELECT ?, r, n, s FROM unnest(?::bigint[], ?::integer[], ?::text[]) AS t(r, n, s)""")
                .params(printId, all.stream().map(ListEntry::registrationId).toArray(Long[]::new),
                        all.stream().map(ListEntry::number).toArray(Integer[]::new),
                        all.stream().map(ListEntry::status).toArray(String[]::new))
                .update();
        audit.record("register.voter-list-printed", "station:" + stationId, Map.of("election", election,
                "version", version, "sha256", sha256, "voters", list.main().size(),
                "supplementary", list.supplementary().size(), "changes", changes.size()));
        logDownload(scoped, why, "PDF", version, list.size());
        return new Printed(version, sha256, pdf, fileName(scoped, "pdf", "v" + version));
    }

    /** List counts for many stations at once (the officials' overview page). */
    Map<Long, Counts> counts(long electionId, List<Long> stationIds) {
        var counts = new HashMap<Long, Counts>();
        if (stationIds.isEmpty()) {
            return counts;
        }
        jdbc.sql("""
                        SELECT r.station_id,
                               count(*) FILTER (WHERE r.active AND r.reason <> 'SUPPLEMENTARY'),
                               count(*) FILTER (WHERE r.active AND r.reason = 'SUPPLEMENTARY'),
                               count(*) FILTER (WHERE r.status = 'TRANSFERRED'),
                               count(*) FILTER (WHERE r.active AND v.origin_settlement IS NOT NULL),
                               coalesce((SELECT max(p.version) FROM voter_list_print p
                                         WHERE p.election_id = r.election_id AND p.station_id = r.station_id), 0)
                        FROM registration r JOIN voter v ON v.id = r.voter_id
                        WHERE r.election_id = ? AND r.station_id = ANY (?)
                        GROUP BY r.election_id, r.station_id""")
                .params(electionId, stationIds.toArray(Long[]::new))
                .query(rs -> {
                    counts.put(rs.getLong(1), new Counts(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                            rs.getInt(5), rs.getInt(6)));
                });
        return counts;
    }

    record Scoped(Election election, PollingStation station) {
    }

    /** 404 for an unknown station or election, 403 outside the caller's scope, 422 for a station of another map. */
    Scoped scoped(long stationId, Long electionId) {
        PollingStation station = map.station(new PollingStationId(stationId))
                .orElseThrow(() -> new NotFound("REG-130", "No polling station " + stationId));
        CurrentStaff.requireScope(station.jurisdiction());
        Optional<Election> election = electionId == null ? elections.current() : elections.byId(new ElectionId(electionId));
        Election e = election.orElseThrow(() -> new NotFound("REG-130", "No election " + (electionId == null ? "yet" : electionId)));
        if (!e.mapVersionId().equals(station.mapVersionId())) {
            throw new InvalidInput("REG-131", "station " + station.code() + " is not on the map of " + e.name());
        }
        return new Scoped(e, station);
    }

    StationList load(Scoped scoped) {
        record Row(long registrationId, long voterId, String reason, String status, String family, String given,
                   String patronymic, LocalDate born, String address, String origin, String issued, String used,
                   LocalDate tripFrom, LocalDate tripTo, String added) {
        }
        // Printed: every voter counted on the list, and those who took a transfer certificate (marked, not counted).
        List<Row> rows = jdbc.sql("""
                        SELECT r.id, r.voter_id, r.reason, r.status, v.family_name, v.given_name, v.patronymic,
                               v.date_of_birth,
                               CASE WHEN v.country IS NULL
                                    THEN concat_ws(', ', nullif(concat_ws(' ', v.street, v.house), ''), v.settlement)
                                    ELSE concat_ws(', ', v.city, v.country) END,
                               v.origin_settlement, ti.number, tu.number, r.trip_from, r.trip_to, r.addition_reason
                        FROM registration r
                        JOIN voter v ON v.id = r.voter_id
                        LEFT JOIN transfer_certificate ti ON ti.home_registration_id = r.id
                        LEFT JOIN transfer_certificate tu ON tu.id = r.certificate_id
                        WHERE r.election_id = ? AND r.station_id = ? AND (r.active OR r.status = 'TRANSFERRED')""")
                .params(scoped.election().id().value(), scoped.station().id().value())
                .query((rs, i) -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getObject(8, LocalDate.class), rs.getString(9),
                        rs.getString(10), rs.getString(11), rs.getString(12), rs.getObject(13, LocalDate.class),
                        rs.getObject(14, LocalDate.class), rs.getString(15))).list();
        Comparator<Row> order = byName(Row::family, Row::given, Row::patronymic).thenComparingLong(Row::registrationId);
        List<Row> main = rows.stream().filter(r -> !"SUPPLEMENTARY".equals(r.reason())).sorted(order).toList();
        List<Row> supplementary = rows.stream().filter(r -> "SUPPLEMENTARY".equals(r.reason())).sorted(order).toList();
        int[] number = {0};
        Function<Row, ListEntry> entry = r -> new ListEntry(r.registrationId(), r.voterId(), ++number[0],
                "SUPPLEMENTARY".equals(r.reason()) ? Section.SUPPLEMENTARY : Section.MAIN, r.family(), r.given(),
                r.patronymic(), r.born(), r.address(), r.origin(), r.status(), remark(r.reason(), r.status(), r.issued(),
                r.used(), r.tripFrom(), r.tripTo(), r.added()));
        List<ListEntry> mainEntries = main.stream().map(entry).toList();
        List<ListEntry> supplementaryEntries = supplementary.stream().map(entry).toList();
        boolean showOrigin = scoped.station().resettledArea() || rows.stream().anyMatch(r -> r.origin() != null);
        return new StationList(scoped.election(), scoped.station(), showOrigin, mainEntries, supplementaryEntries);
    }

    private static String remark(String reason, String status, String issued, String used, LocalDate tripFrom, LocalDate tripTo,
                                 String added) {
        if ("TRANSFERRED".equals(status)) {
            return "transfer certificate " + issued;
        }
        if (used != null) {
            return "by certificate " + used;
        }
        if (added != null) {
            return "polling day: " + added;
        }
        if ("BUSINESS_TRIP".equals(reason)) {
            return "business trip " + tripFrom + " – " + tripTo;
        }
        return "";
    }

    /**
     * The Azerbaijani alphabet's order (a b c ç d e ə f g ğ h x ı i j k q l m n o ö p r s ş t u ü v y z) tailored onto
     * the root collation, which the JDK has no rules of its own for (it sorts ə after z); Cyrillic names follow the
     * Latin ones in the root order.
     */
    private static final RuleBasedCollator AZERBAIJANI = azerbaijani();

    private static RuleBasedCollator azerbaijani() {
        try {
            return new RuleBasedCollator(((RuleBasedCollator) Collator.getInstance(Locale.ROOT)).getRules()
                    + "& C < ç, Ç & E < ə, Ə & G < ğ, Ğ & H < x, X < ı, I < i, \u0130 & K < q, Q & O < ö, Ö & S < ş, Ş & U < ü, Ü");
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> Comparator<T> byName(Function<T, String> family, Function<T, String> given, Function<T, String> patronymic) {
        Collator collator = (Collator) AZERBAIJANI.clone();
        Comparator<String> names = Comparator.nullsFirst(collator::compare);
        return Comparator.comparing(family, names).thenComparing(given, names).thenComparing(patronymic, names);
    }

    List<Print> prints(long electionId, long stationId) {
        return jdbc.sql("""
                        SELECT version, printed_by, printed_at, purpose, pdf_sha256, voters, supplementary, changes
                        FROM voter_list_print WHERE election_id = ? AND station_id = ? ORDER BY version""")
                .params(electionId, stationId)
                .query((rs, i) -> new Print(rs.getInt(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                        rs.getString(4), rs.getString(5), rs.getInt(6), rs.getInt(7), rs.getInt(8))).list();
    }

    /**
     * The changes since the first printing, oldest first. A registration the first printing did not show was added
     * after it (unless it had already ended before: such a one, moved away before printing, is left out); one it
     * showed as counted that is no longer counted was ended after it.
     */
    List<ListChange> changes(Scoped scoped, StationList current) {
        long election = scoped.election().id().value();
        long station = scoped.station().id().value();
        record First(long id, Instant at) {
        }
        Optional<First> first = jdbc.sql("""
                        SELECT id, printed_at FROM voter_list_print WHERE election_id = ? AND station_id = ?
                        ORDER BY version LIMIT 1""")
                .params(election, station)
                .query((rs, i) -> new First(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant())).optional();
        if (first.isEmpty()) {
            return List.of();
        }
        StationList list = current != null ? current : load(scoped);
        Map<Long, Integer> currentNumbers = new HashMap<>();
        list.main().forEach(e -> currentNumbers.put(e.registrationId(), e.number()));
        list.supplementary().forEach(e -> currentNumbers.put(e.registrationId(), e.number()));
        record Row(long id, long voterId, String reason, String status, boolean active, Instant registeredAt,
                   String registeredBy, Instant endedAt, String endedBy, String endReason, String issued, String used,
                   String firstStatus, Integer printedNumber, String name, String added) {
        }
        List<Row> rows = jdbc.sql("""
                        SELECT r.id, r.voter_id, r.reason, r.status, r.active, r.registered_at, r.registered_by, r.ended_at,
                               r.ended_by, r.end_reason, ti.number, tu.number, f.status,
                               (SELECT e.list_number FROM voter_list_print_entry e JOIN voter_list_print p ON p.id = e.print_id
                                WHERE e.registration_id = r.id AND p.election_id = r.election_id AND p.station_id = r.station_id
                                ORDER BY p.version DESC LIMIT 1),
                               concat_ws(' ', v.family_name, v.given_name, v.patronymic), r.addition_reason
                        FROM registration r
                        JOIN voter v ON v.id = r.voter_id
                        LEFT JOIN voter_list_print_entry f ON f.print_id = ? AND f.registration_id = r.id
                        LEFT JOIN transfer_certificate ti ON ti.home_registration_id = r.id
                        LEFT JOIN transfer_certificate tu ON tu.id = r.certificate_id
                        WHERE r.election_id = ? AND r.station_id = ?""")
                .params(first.get().id(), election, station)
                .query((rs, i) -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                        instant(rs.getObject(6, OffsetDateTime.class)), rs.getString(7),
                        instant(rs.getObject(8, OffsetDateTime.class)), rs.getString(9), rs.getString(10),
                        rs.getString(11), rs.getString(12), rs.getString(13), (Integer) rs.getObject(14), rs.getString(15),
                        rs.getString(16)))
                .list();
        List<ListChange> changes = new ArrayList<>();
        for (Row r : rows) {
            Integer number = r.printedNumber() != null ? r.printedNumber() : currentNumbers.get(r.id());
            boolean printed = r.printedNumber() != null;
            boolean ended = !r.active();
            boolean onFirst = r.firstStatus() != null;
            boolean addedAfter = !onFirst && (r.active() || "TRANSFERRED".equals(r.status())
                    || !r.registeredAt().isBefore(first.get().at()));
            if (addedAfter) {
                boolean supplementary = "SUPPLEMENTARY".equals(r.reason());
                String why = r.used() != null ? r.reason() + ": transfer certificate " + r.used()
                        : r.added() != null ? r.reason() + ": polling day, " + r.added() : r.reason();
                changes.add(new ListChange(supplementary ? "SUPPLEMENTARY_ADDED" : "ADDED", number, printed, r.voterId(),
                        r.id(), r.registeredAt(), r.registeredBy(), why, r.name()));
            }
            boolean endedAfter = ended && (addedAfter || "ACTIVE".equals(r.firstStatus()));
            if (endedAfter) {
                String kind = switch (r.status()) {
                    case "TRANSFERRED" -> "TRANSFER_CERTIFICATE_ISSUED";
                    case "MOVED" -> "MOVED";
                    default -> "REMOVED";
                };
                String why = r.issued() != null ? r.endReason() + " " + r.issued()
                        : "REMOVED".equals(kind) ? r.status() + ": " + r.endReason() : r.endReason();
                changes.add(new ListChange(kind, number, printed, r.voterId(), r.id(), r.endedAt(), r.endedBy(), why, r.name()));
            }
        }
        changes.sort(Comparator.comparing(ListChange::at).thenComparingLong(ListChange::registrationId)
                .thenComparing(c -> c.kind().endsWith("ADDED") ? 0 : 1));
        return List.copyOf(changes);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private void logDownload(Scoped scoped, String purpose, String format, Integer version, int records) {
        StaffMember staff = CurrentStaff.require();
        long election = scoped.election().id().value();
        long station = scoped.station().id().value();
        voterRecords.logAccess(staff, purpose, "STATION_LIST", null, station, election, records);
        var details = new HashMap<String, Object>(Map.of("election", election, "format", format, "purpose", purpose,
                "records", records));
        if (version != null) {
            details.put("version", version);
        }
        audit.record("register.voter-list-downloaded", "station:" + station, details);
    }

    private static String fileName(Scoped scoped, String extension, String suffix) {
        return "voter-list-" + scoped.election().id().value() + "-" + scoped.station().code().replaceAll("[^A-Za-z0-9-]", "_")
                + (suffix == null ? "" : "-" + suffix) + "." + extension;
    }
}
