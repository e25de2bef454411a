package org.electora.registry.internal.register;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.electora.audit.AuditLog;
import org.electora.audit.Disposition;
import org.electora.election.Election;
import org.electora.election.ElectionId;
import org.electora.election.ElectionStatus;
import org.electora.election.Elections;
import org.electora.geography.ElectoralMap;
import org.electora.geography.PollingStation;
import org.electora.geography.PollingStationId;
import org.electora.platform.AccessDenied;
import org.electora.platform.Conflict;
import org.electora.platform.CurrentStaff;
import org.electora.platform.InvalidInput;
import org.electora.platform.NotFound;
import org.electora.platform.Problem;
import org.electora.platform.Role;
import org.electora.platform.StaffMember;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Polling-day additions to a station's supplementary list without a transfer certificate: the precinct commission
 * adds a citizen who is entitled to vote at the station but missing from its list (lives in the station's area, or
 * brings a court decision or the commission's decision), and says why. Only while the election is POLLING, on the
 * polling day by the station's own clock and before its polls close; never a voter who is on another list or holds a
 * transfer certificate (that voter votes there, or uses the certificate). docs/register.md.
 */
@Service
class PollingDayAdditions {

    static final Set<Role> ROLES = Set.of(Role.CEC_ADMIN, Role.PRECINCT_OPERATOR, Role.CONSULAR_OFFICER);

    static final String INVALID = "REG-140";
    static final String NOT_POLLING = "REG-141";
    static final String BEFORE_POLLING_DAY = "REG-142";
    static final String POLLS_CLOSED = "REG-143";
    static final String UNKNOWN_VOTER = "REG-144";
    static final String ALREADY_HERE = "REG-145";
    static final String ON_ANOTHER_LIST = "REG-146";
    static final String HOLDS_CERTIFICATE = "REG-147";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** The request as it arrives: text, so that every malformed field is reported with its rule code. */
    record Request(String nationalId, String reason, Long electionId) {
    }

    record Added(long registrationId, long electionId, long stationId, long voterId, String reason, String addedBy,
                 Instant addedAt) {
    }

    private final JdbcClient jdbc;
    private final Elections elections;
    private final ElectoralMap map;
    private final Registrations registrations;
    private final AuditLog audit;
    private final VoterRecords records;
    private final Clock clock;
    private final TransactionTemplate transaction;

    PollingDayAdditions(JdbcClient jdbc, Elections elections, ElectoralMap map, Registrations registrations, AuditLog audit,
                        VoterRecords records, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.elections = elections;
        this.map = map;
        this.registrations = registrations;
        this.audit = audit;
        this.records = records;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Refusals that tell the official something about a person: whether the id is registered, active, on a list. */
    private static final Set<String> REVEALING = Set.of(UNKNOWN_VOTER, Registrations.NOT_ACTIVE, ALREADY_HERE, ON_ANOTHER_LIST,
            HOLDS_CERTIFICATE);

    /**
     * Adds the voter in one transaction. A refusal that reveals something about a person is a read of personal data
     * and is logged as one (who, whom, why: the reason given), in its own transaction once the refused one has rolled
     * back — nothing of the addition is written.
     */
    public Added add(long stationId, Request request) {
        long[] voter = {0, 0}; // the voter and the election, once known
        try {
            return transaction.execute(status -> addInTransaction(stationId, request, voter));
        } catch (Conflict | NotFound refused) {
            String code = refused instanceof Conflict c ? c.ruleCode() : ((NotFound) refused).ruleCode();
            if (REVEALING.contains(code)) {
                StaffMember staff = CurrentStaff.require();
                transaction.executeWithoutResult(status -> {
                    if (voter[0] != 0) {
                        records.logAccess(staff, "polling-day addition refused (" + code + "): " + request.reason(), "VOTER",
                                voter[0], stationId, voter[1], 1);
                    } else {
                        // No such voter: nobody's data was read, but the attempt is on record (without the id tried).
                        audit.record("register.supplementary-refused", "station:" + stationId, Disposition.REJECTED,
                                Map.of("ruleCode", code, "election", voter[1]));
                    }
                });
            }
            throw refused;
        }
    }

    private Added addInTransaction(long stationId, Request request, long[] voter) {
        StaffMember staff = CurrentStaff.requireRole(ROLES, "Your role does not add voters to a supplementary list");
        String nationalId = request.nationalId() == null ? "" : request.nationalId().strip();
        String reason = request.reason() == null ? "" : request.reason().strip();
        List<Problem> problems = new ArrayList<>();
        if (!nationalId.matches("[0-9]{9}")) {
            problems.add(Problem.at(0, INVALID, "nationalId", "national id: 9 digits"));
        }
        if (reason.length() < 3 || reason.length() > 500) {
            problems.add(Problem.at(0, INVALID, "reason",
                    "say why the voter belongs on this station's list (an address it serves, a court or commission decision)"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        PollingStation station = map.station(new PollingStationId(stationId))
                .orElseThrow(() -> new NotFound("REG-130", "No polling station " + stationId));
        if (!staff.may(station.jurisdiction())) {
            throw new AccessDenied("station " + station.code() + " is outside your scope");
        }
        Election election = (request.electionId() == null ? elections.current() : elections.byId(new ElectionId(request.electionId())))
                .orElseThrow(() -> new NotFound("REG-130", "No election " + (request.electionId() == null ? "yet" : request.electionId())));
        if (!election.mapVersionId().equals(station.mapVersionId())) {
            throw new InvalidInput("REG-131", "station " + station.code() + " is not on the map of " + election.name());
        }
        refusal(election, station.timeZone(), station.code(), clock.instant()).ifPresent(c -> {
            throw c;
        });
        long electionId = election.id().value();
        voter[1] = electionId;
        long voterId = jdbc.sql("SELECT id FROM voter WHERE national_id = ?").param(nationalId).query(Long.class).optional()
                .orElseThrow(() -> new NotFound(UNKNOWN_VOTER, "no voter with this national id in the register"));
        voter[0] = voterId;
        String status = registrations.lockVoter(voterId).orElseThrow();
        if (!"ACTIVE".equals(status)) {
            // The status itself (deceased, deprived, removed) is not the precinct's to read here.
            throw new Conflict(Registrations.NOT_ACTIVE, "the voter is not active in the register: no list takes them");
        }
        Optional<Registrations.Registration> active = Registrations.active(registrations.lock(electionId, voterId));
        if (active.isPresent()) {
            throw onAList(staff, station, active.get());
        }
        if (registrations.holdsUnusedCertificate(electionId, voterId)) {
            throw new Conflict(HOLDS_CERTIFICATE, "the voter holds a transfer certificate for this election: "
                    + "add them by the certificate, which is then used");
        }
        long registration;
        try {
            registration = registrations.start(electionId, voterId, stationId, "SUPPLEMENTARY", null, null, null, reason);
        } catch (DuplicateKeyException e) {
            // registration_one_active_list: a list the locks above did not see is the database's to refuse
            throw new Conflict(ON_ANOTHER_LIST, "the voter is already on a list of this election");
        }
        record Stamp(String by, Instant at) {
        }
        Stamp stamp = jdbc.sql("SELECT registered_by, registered_at FROM registration WHERE id = ?").param(registration)
                .query((rs, i) -> new Stamp(rs.getString(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant()))
                .single();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("election", electionId);
        details.put("station", stationId);
        details.put("registration", registration);
        details.put("reason", reason);
        audit.record("register.supplementary-added", "voter:" + voterId, details);
        return new Added(registration, electionId, stationId, voterId, reason, stamp.by(), stamp.at());
    }

    /**
     * Whether a station may add voters at {@code now}: the election is POLLING, and the station's own clock shows its
     * polling day, before its polls close. Pure, so that the rule is tested at fixed instants and zones.
     */
    static Optional<Conflict> refusal(Election election, ZoneId zone, String stationCode, Instant now) {
        if (election.status() != ElectionStatus.POLLING) {
            return Optional.of(new Conflict(NOT_POLLING, election.name() + " is " + election.status()
                    + ": voters are added to a supplementary list only while polls are open"));
        }
        LocalDate today = now.atZone(zone).toLocalDate();
        if (today.isBefore(election.pollingDay())) {
            return Optional.of(new Conflict(BEFORE_POLLING_DAY, "it is " + today + " at station " + stationCode + " ("
                    + zone.getId() + "); additions on polling day " + election.pollingDay() + " only"));
        }
        ZonedDateTime closes = election.closesAt(zone);
        if (!now.isBefore(closes.toInstant())) {
            return Optional.of(new Conflict(POLLS_CLOSED, "polls at station " + stationCode + " closed at "
                    + closes.format(TIME) + " " + zone.getId() + ": no more additions"));
        }
        return Optional.empty();
    }

    /** Whether the page offers the form now; the same rule as {@link #add}. */
    boolean open(Election election, PollingStation station) {
        return refusal(election, station.timeZone(), station.code(), clock.instant()).isEmpty();
    }

    /**
     * Already on this list, or on another: the other station is named only to whom may see it (the CEC, an official
     * whose scope covers it); a precinct or a mission learns no more than "another list".
     */
    private Conflict onAList(StaffMember staff, PollingStation station, Registrations.Registration held) {
        if (held.stationId() == station.id().value()) {
            return new Conflict(ALREADY_HERE, "the voter is already on this station's list");
        }
        String where = map.station(new PollingStationId(held.stationId())).filter(s -> staff.may(s.jurisdiction()))
                .map(s -> " (station " + s.code() + ")").orElse("");
        return new Conflict(ON_ANOTHER_LIST, "the voter is on another station's list" + where
                + ": they vote there, or take a transfer certificate there and bring it");
    }
}
