package org.electora.registry.internal.register;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.electora.audit.AuditLog;
import org.electora.election.Elections;
import org.electora.platform.AccessDenied;
import org.electora.platform.Conflict;
import org.electora.platform.CurrentStaff;
import org.electora.platform.InvalidInput;
import org.electora.platform.NotFound;
import org.electora.platform.Role;
import org.electora.platform.StaffMember;
import org.electora.registry.VoterId;
import org.electora.registry.VoterStatusLifecycle.Action;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The officer's queue of probable duplicates: list (no personal data), the two voters side by side (a logged read
 * of personal data), and the decision — MERGE (the other voter is REMOVED through {@link VoterStatuses}, so off
 * every list in preparation) or NOT_DUPLICATE (never proposed again). A case is visible to national staff, and to
 * scoped staff only when both voters are (or were until struck off) on lists of the current election within their
 * scope: a consular officer sees its own mission's voters only. Public for the templates' view records.
 */
@Service
public class DuplicateReview {

    static final Set<Role> REVIEWERS = Set.of(Role.CEC_ADMIN, Role.CONSTITUENCY_OPERATOR, Role.CONSULAR_OFFICER);
    static final String DECIDED = "REG-110";
    static final String UNKNOWN_DECISION = "REG-111";
    static final String BAD_SURVIVOR = "REG-112";
    static final String UNKNOWN_CASE = "REG-113";
    static final String OUT_OF_SCOPE = "REG-114";
    static final String NOT_ACTIVE = "REG-117";
    static final String BAD_PAGE = "REG-118";
    static final String NOTE_TOO_LONG = "REG-119";
    static final int MAX_PAGE_SIZE = 200;
    static final int MAX_NOTE = 2000;

    public enum Outcome { MERGE, NOT_DUPLICATE }

    public record Comparison(String field, String level) {
    }

    public record Case(long id, long voterA, long voterB, double weight, double probability, List<Comparison> comparisons,
                       String status, OffsetDateTime foundAt, Long survivorId, String decidedBy, OffsetDateTime decidedAt,
                       String note, int version) {
        public boolean open() {
            return "OPEN".equals(status);
        }
    }

    public record Page(int page, int size, long total, List<Case> cases) {
        public boolean hasNext() {
            return (long) (page + 1) * size < total;
        }
    }

    /** One voter of a case, as the register has it. */
    public record Side(long id, String nationalId, String familyName, String givenName, String patronymic,
                       LocalDate dateOfBirth, String sex, String address, String originSettlement, String status,
                       String stationCode) {
    }

    public record CaseView(Case decision, Side a, Side b) {
    }

    record Decision(String decision, Long survivorId, String note, Integer version) {
    }

    private static final String IN_SCOPE = """
            (:kind = 'NATIONAL' OR (%s AND %s))""".formatted(onList("c.voter_a"), onList("c.voter_b"));

    private final JdbcClient jdbc;
    private final Elections elections;
    private final VoterRecords records;
    private final VoterStatuses statuses;
    private final AuditLog audit;
    private final Clock clock;

    DuplicateReview(JdbcClient jdbc, Elections elections, VoterRecords records, VoterStatuses statuses, AuditLog audit,
                    Clock clock) {
        this.jdbc = jdbc;
        this.elections = elections;
        this.records = records;
        this.statuses = statuses;
        this.audit = audit;
        this.clock = clock;
    }

    /** Where the voter is, or was until a status change struck it off: a list of the current election in scope. */
    private static String onList(String voter) {
        return "EXISTS (SELECT 1 FROM registration r JOIN polling_station ps ON ps.id = r.station_id WHERE r.voter_id = "
                + voter + " AND r.election_id = :election AND (r.active OR r.status = 'STRUCK_OFF')"
                + VoterRecords.SCOPED + ")";
    }

    /** Cases in the caller's scope, highest score first; no personal data (voter ids and field agreements only). */
    @Transactional(readOnly = true)
    public Page cases(String status, Integer page, Integer size) {
        StaffMember staff = reviewer();
        String wanted = status == null || status.isBlank() ? "OPEN" : status.strip();
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        if (!List.of("OPEN", "MERGED", "NOT_DUPLICATE").contains(wanted) || p < 0 || s < 1 || s > MAX_PAGE_SIZE) {
            throw new InvalidInput(BAD_PAGE, "status OPEN, MERGED or NOT_DUPLICATE; page ≥ 0; size 1–" + MAX_PAGE_SIZE);
        }
        long election = election();
        long total = jdbc.sql("SELECT count(*) FROM duplicate_case c WHERE c.status = :status AND " + IN_SCOPE)
                .param("status", wanted).param("election", election).param("kind", staff.scope().kind())
                .param("scope", VoterRecords.scopeId(staff.scope())).query(Long.class).single();
        List<Case> cases = jdbc.sql(SELECT + " WHERE c.status = :status AND " + IN_SCOPE
                        + " ORDER BY c.weight DESC, c.id LIMIT :limit OFFSET :offset")
                .param("status", wanted).param("election", election).param("kind", staff.scope().kind())
                .param("scope", VoterRecords.scopeId(staff.scope())).param("limit", s).param("offset", (long) p * s)
                .query(DuplicateReview::decision).list();
        return new Page(p, s, total, cases);
    }

    /** The case with both voters side by side: a read of two voters' personal data, logged with the purpose. */
    @Transactional
    public CaseView view(long id, String purpose) {
        StaffMember staff = reviewer();
        String why = VoterRecords.purpose(purpose);
        Case decision = visible(id, staff, false);
        Long election = elections.current().map(e -> e.id().value()).orElse(null);
        Side a = side(decision.voterA(), election);
        Side b = side(decision.voterB(), election);
        String logged = "duplicate case " + id + ": " + why;
        records.logAccess(staff, logged, "VOTER", a.id(), null, election, 1);
        records.logAccess(staff, logged, "VOTER", b.id(), null, election, 1);
        return new CaseView(decision, a, b);
    }

    @Transactional
    public Case decide(long id, Decision request) {
        StaffMember staff = reviewer();
        Outcome outcome;
        try {
            outcome = Outcome.valueOf(request.decision() == null ? "" : request.decision().strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(UNKNOWN_DECISION, "decision: one of " + Arrays.toString(Outcome.values()));
        }
        String note = request.note() == null || request.note().isBlank() ? null : request.note().strip();
        if (note != null && note.length() > MAX_NOTE) {
            throw new InvalidInput(NOTE_TOO_LONG, "a note has at most " + MAX_NOTE + " characters");
        }
        if (outcome == Outcome.MERGE && request.survivorId() == null) {
            throw new InvalidInput(BAD_SURVIVOR, "a merge names the surviving voter (survivorId)");
        }
        Case decision = visible(id, staff, true);
        if (!decision.open()) {
            throw new Conflict(DECIDED, "case " + id + " has been decided already (" + decision.status() + ")");
        }
        if (request.version() != null && request.version() != decision.version()) {
            throw new Conflict("GEN-409", "case " + id + " changed meanwhile: reload and try again");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("decision", outcome.name());
        details.put("voterA", decision.voterA());
        details.put("voterB", decision.voterB());
        Long survivor = null;
        if (outcome == Outcome.MERGE) {
            survivor = request.survivorId();
            if (survivor != decision.voterA() && survivor != decision.voterB()) {
                throw new InvalidInput(BAD_SURVIVOR, "the surviving voter is one of the pair: "
                        + decision.voterA() + " or " + decision.voterB());
            }
            long removed = survivor == decision.voterA() ? decision.voterB() : decision.voterA();
            // Both voters locked in id order, so that two merges over a shared voter queue instead of deadlocking.
            List<String> states = jdbc.sql("SELECT status FROM voter WHERE id IN (?, ?) ORDER BY id FOR UPDATE")
                    .params(decision.voterA(), decision.voterB()).query(String.class).list();
            if (!states.stream().allMatch("ACTIVE"::equals)) {
                throw new Conflict(NOT_ACTIVE, "both voters must be active to merge them (now " + states + ")");
            }
            var changed = statuses.apply(new VoterId(removed), new VoterStatuses.Change(Action.REMOVE,
                    "duplicate of " + survivor, LocalDate.now(clock), null), null);
            details.put("survivor", survivor);
            details.put("removed", removed);
            details.put("registrationsEnded", changed.struckOff().stream().map(Registrations.StruckOff::registrationId).toList());
        }
        if (note != null) {
            details.put("note", note);
        }
        jdbc.sql("""
                        UPDATE duplicate_case SET status = ?, survivor_id = ?, decided_by = ?, decided_at = now(), note = ?,
                               version = version + 1
                        WHERE id = ? AND status = 'OPEN'""")
                .params(outcome == Outcome.MERGE ? "MERGED" : "NOT_DUPLICATE", survivor, staff.username(), note, id).update();
        audit.record("register.duplicate-case-decided", "duplicate-case:" + id, details);
        return load(id, false);
    }

    private StaffMember reviewer() {
        return CurrentStaff.requireRole(REVIEWERS, "Your role does not review duplicates in the register");
    }

    private long election() {
        return elections.current().map(e -> e.id().value()).orElse(-1L);
    }

    /** The case if the caller's scope covers both voters: 404 if there is none, 403 if it is outside the scope. */
    private Case visible(long id, StaffMember staff, boolean lock) {
        Case decision = load(id, lock);
        boolean inScope = jdbc.sql("SELECT " + IN_SCOPE + " FROM duplicate_case c WHERE c.id = :id")
                .param("id", id).param("election", election()).param("kind", staff.scope().kind())
                .param("scope", VoterRecords.scopeId(staff.scope())).query(Boolean.class).single();
        if (!inScope) {
            throw new AccessDenied(OUT_OF_SCOPE, "duplicate case " + id + " concerns voters outside your scope ("
                    + staff.scope().kind() + ")");
        }
        return decision;
    }

    private Case load(long id, boolean lock) {
        return jdbc.sql(SELECT + " WHERE c.id = :id" + (lock ? " FOR UPDATE OF c" : "")).param("id", id)
                .query(DuplicateReview::decision).optional()
                .orElseThrow(() -> new NotFound(UNKNOWN_CASE, "No duplicate case " + id));
    }

    private Side side(long voter, Long election) {
        return jdbc.sql("""
                        SELECT v.*, ps.code AS station_code FROM voter v
                        LEFT JOIN registration r ON r.voter_id = v.id AND r.active AND r.election_id = ?
                        LEFT JOIN polling_station ps ON ps.id = r.station_id
                        WHERE v.id = ?""")
                .params(election == null ? -1L : election, voter)
                .query((rs, i) -> new Side(rs.getLong("id"), rs.getString("national_id"), rs.getString("family_name"),
                        rs.getString("given_name"), rs.getString("patronymic"), rs.getObject("date_of_birth", LocalDate.class),
                        rs.getString("sex"), address(rs), rs.getString("origin_settlement"), rs.getString("status"),
                        rs.getString("station_code")))
                .single();
    }

    private static String address(ResultSet rs) throws SQLException {
        if (rs.getString("country") != null) {
            return rs.getString("city") + ", " + rs.getString("country");
        }
        String street = rs.getString("street") == null ? "" : rs.getString("street")
                + (rs.getString("house") == null ? "" : " " + rs.getString("house")) + ", ";
        return street + rs.getString("settlement") + " (" + rs.getString("region") + ")";
    }

    private static final String SELECT = """
            SELECT c.*, (SELECT string_agg((e ->> 'field') || '=' || (e ->> 'level'), ',' ORDER BY n)
                         FROM jsonb_array_elements(c.comparisons) WITH ORDINALITY AS t(e, n)) AS explained
            FROM duplicate_case c""";

    private static Case decision(ResultSet rs, int i) throws SQLException {
        String explained = rs.getString("explained");
        List<Comparison> comparisons = explained == null ? List.of() : Arrays.stream(explained.split(","))
                .map(pair -> pair.split("=", 2)).map(kv -> new Comparison(kv[0], kv[1])).toList();
        return new Case(rs.getLong("id"), rs.getLong("voter_a"), rs.getLong("voter_b"), rs.getDouble("weight"),
                rs.getDouble("probability"), comparisons, rs.getString("status"),
                rs.getObject("found_at", OffsetDateTime.class), (Long) rs.getObject("survivor_id"),
                rs.getString("decided_by"), rs.getObject("decided_at", OffsetDateTime.class), rs.getString("note"),
                rs.getInt("version"));
    }
}
