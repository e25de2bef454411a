package org.electora.registry.internal.register;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.electora.audit.AuditLog;
import org.electora.election.Election;
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
import org.electora.platform.StaffMember;
import org.electora.registry.RegistrationLifecycle.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applications to vote at a station abroad of the current election, as a resident abroad or for a business trip
 * over polling day: submitted by the voter (public form) or a consular officer, decided by an officer of the
 * station's mission. Approval moves the voter off its list onto the mission's in one transaction.
 */
@Service
class VotingAbroad {

    private static final Logger log = LoggerFactory.getLogger(VotingAbroad.class);

    enum Reason { ABROAD_CONSULAR, BUSINESS_TRIP }

    record NewApplication(String nationalId, Long stationId, String reason, LocalDate tripFrom, LocalDate tripTo) {
    }

    record Application(long id, long electionId, long voterId, long stationId, String reason, LocalDate tripFrom,
                       LocalDate tripTo, String channel, String status, String decisionReason, Long registrationId) {
    }

    /** An application with the applicant, for the officers who decide (personal data: every read is logged). */
    record ApplicationView(Application application, String nationalId, String familyName, String givenName,
                           String patronymic, LocalDate dateOfBirth) {
    }

    /** The public form's outcome: the same "received" whoever the national id belongs to, or problems with the form. */
    sealed interface PublicOutcome {
        record Received() implements PublicOutcome {
        }

        record Invalid(List<Problem> problems) implements PublicOutcome {
        }
    }

    private final JdbcClient jdbc;
    private final Elections elections;
    private final ElectoralMap map;
    private final Registrations registrations;
    private final VoterRecords records;
    private final AuditLog audit;

    VotingAbroad(JdbcClient jdbc, Elections elections, ElectoralMap map, Registrations registrations, VoterRecords records,
                 AuditLog audit) {
        this.jdbc = jdbc;
        this.elections = elections;
        this.map = map;
        this.registrations = registrations;
        this.records = records;
        this.audit = audit;
    }

    /** The current election's stations abroad, by host country then mission and number. */
    List<PollingStation> stations() {
        return elections.current().map(e -> map.stationsAbroad(e.mapVersionId())).orElse(List.of());
    }

    @Transactional
    public Application submitByOfficer(NewApplication form) {
        StaffMember staff = CurrentStaff.require();
        Election election = elections.current().orElseThrow(() -> new NotFound("No election yet"));
        List<Problem> problems = new ArrayList<>();
        PollingStation station = validate(form, election, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        requireMission(staff, station);
        long voter = jdbc.sql("SELECT id FROM voter WHERE national_id = ? AND status = 'ACTIVE'")
                .param(form.nationalId().strip()).query(Long.class).optional()
                .orElseThrow(() -> new NotFound("REG-058", "no active voter with this national id"));
        refusal(election.id().value(), voter).ifPresent(r -> {
            throw r;
        });
        return insert(election, voter, station, form, "CONSULAR", staff.username());
    }

    /**
     * The public form. Problems with the form itself (missing fields, a station that is not abroad, trip dates) are
     * shown; whether the national id and date of birth belong to a voter, or whether that voter may apply, is not —
     * every well-formed form gets the same answer, and only the outcome is logged.
     */
    @Transactional
    public PublicOutcome submitPublic(NewApplication form, String dateOfBirth) {
        Optional<Election> current = elections.current();
        List<Problem> problems = new ArrayList<>();
        if (current.isEmpty()) {
            return new PublicOutcome.Invalid(List.of(Problem.at(0, "REG-054", "stationId", "no election is open for applications")));
        }
        Election election = current.get();
        PollingStation station = validate(form, election, problems);
        LocalDate dob = null;
        try {
            dob = LocalDate.parse(dateOfBirth == null ? "" : dateOfBirth.strip());
        } catch (java.time.format.DateTimeParseException e) {
            problems.add(Problem.at(0, "REG-058", "dateOfBirth", "date of birth as yyyy-mm-dd"));
        }
        if (!problems.isEmpty()) {
            return new PublicOutcome.Invalid(problems);
        }
        // As the lookup (WhereDoIVote): the same statement, always one row, whether the id exists or not, and a
        // constant-time comparison of the date of birth; an unknown id and a wrong date of birth then end alike,
        // with no further work, so neither the answer nor its timing tells them apart.
        record Applicant(Long voterId, String dateOfBirth) {
        }
        Applicant applicant = jdbc.sql("""
                        SELECT v.id, v.date_of_birth::text FROM (SELECT ?::text AS national_id) q
                        LEFT JOIN voter v ON v.national_id = q.national_id AND v.status = 'ACTIVE'""")
                .param(form.nationalId().strip())
                .query((rs, i) -> new Applicant((Long) rs.getObject(1), rs.getString(2))).single();
        boolean match = WhereDoIVote.sameDateOfBirth(applicant.dateOfBirth(), dob.toString());
        String outcome;
        if (!match) {
            outcome = "NOT_FOUND";
        } else {
            Optional<RuntimeException> refused = refusal(election.id().value(), applicant.voterId());
            if (refused.isPresent()) {
                outcome = "REFUSED";
            } else {
                insert(election, applicant.voterId(), station, form, "PUBLIC", "public");
                outcome = "SUBMITTED";
            }
        }
        log.info("vote-abroad application: {}", outcome);
        return new PublicOutcome.Received();
    }

    @Transactional
    public Application approve(long applicationId) {
        StaffMember staff = CurrentStaff.require();
        Application application = lockApplication(applicationId);
        requireMission(staff, station(application.stationId()));
        requirePending(application);
        long election = application.electionId();
        registrations.lockVoter(application.voterId());
        List<Registrations.Registration> held = registrations.lock(election, application.voterId());
        Optional<Registrations.Registration> active = Registrations.active(held);
        if (active.isPresent() && active.get().abroad()) {
            throw alreadyAbroad();
        }
        if (registrations.holdsUnusedCertificate(election, application.voterId())) {
            throw holdsCertificate();
        }
        Map<String, Object> details = new HashMap<>(Map.of("application", applicationId, "to", application.stationId(),
                "reason", application.reason()));
        active.ifPresent(home -> {
            registrations.end(home, Event.MOVE_ABROAD, "moved abroad: application " + applicationId);
            details.put("from", home.stationId());
        });
        long registration = registrations.start(election, application.voterId(), application.stationId(),
                application.reason(), application.tripFrom(), application.tripTo(), null);
        decide(application, "APPROVED", staff.username(), null, registration);
        audit.record("register.abroad-application-approved", "voter:" + application.voterId(), details);
        return lockApplication(applicationId);
    }

    @Transactional
    public Application reject(long applicationId, String reason) {
        StaffMember staff = CurrentStaff.require();
        if (reason == null || reason.strip().length() < 3) {
            throw new InvalidInput("REG-056", "a rejection needs a reason");
        }
        Application application = lockApplication(applicationId);
        requireMission(staff, station(application.stationId()));
        requirePending(application);
        decide(application, "REJECTED", staff.username(), reason.strip(), null);
        audit.record("register.abroad-application-rejected", "voter:" + application.voterId(),
                Map.of("application", applicationId, "station", application.stationId(), "reason", reason.strip()));
        return lockApplication(applicationId);
    }

    /** The applications for the stations in the caller's scope, with the applicants: a logged read of personal data. */
    @Transactional
    public List<ApplicationView> applications(String status, String purpose) {
        StaffMember staff = CurrentStaff.require();
        String why = VoterRecords.purpose(purpose);
        Election election = elections.current().orElseThrow(() -> new NotFound("No election yet"));
        List<ApplicationView> found = jdbc.sql("""
                        SELECT a.*, v.national_id, v.family_name, v.given_name, v.patronymic, v.date_of_birth
                        FROM abroad_application a
                        JOIN voter v ON v.id = a.voter_id
                        JOIN polling_station ps ON ps.id = a.station_id
                        WHERE a.election_id = :election AND (:status = '' OR a.status = :status)""" + VoterRecords.SCOPED + """
                        
                        ORDER BY a.id""")
                .param("election", election.id().value()).param("status", status == null ? "" : status)
                .param("kind", staff.scope().kind()).param("scope", VoterRecords.scopeId(staff.scope()))
                .query((rs, i) -> new ApplicationView(application(rs), rs.getString("national_id"), rs.getString("family_name"),
                        rs.getString("given_name"), rs.getString("patronymic"), rs.getObject("date_of_birth", LocalDate.class)))
                .list();
        records.logAccess(staff, why, "ABROAD_APPLICATIONS", null, null, election.id().value(), found.size());
        return found;
    }

    private PollingStation validate(NewApplication form, Election election, List<Problem> problems) {
        if (form.nationalId() == null || !form.nationalId().strip().matches("[0-9]{9}")) {
            problems.add(Problem.at(0, "REG-058", "nationalId", "national id: 9 digits"));
        }
        PollingStation station = form.stationId() == null ? null : map.station(new PollingStationId(form.stationId()))
                .filter(s -> s.isAbroad() && s.mapVersionId().equals(election.mapVersionId())).orElse(null);
        if (station == null) {
            problems.add(Problem.at(0, "REG-054", "stationId", "choose a station abroad of " + election.name()));
        }
        Reason reason = null;
        try {
            reason = Reason.valueOf(form.reason() == null ? "" : form.reason());
        } catch (IllegalArgumentException e) {
            problems.add(Problem.at(0, "REG-058", "reason", "reason: ABROAD_CONSULAR or BUSINESS_TRIP"));
        }
        if (reason == Reason.BUSINESS_TRIP) {
            // A business trip registers abroad for this election only: the trip must include polling day.
            if (form.tripFrom() == null || form.tripTo() == null || form.tripTo().isBefore(form.tripFrom())
                    || election.pollingDay().isBefore(form.tripFrom()) || election.pollingDay().isAfter(form.tripTo())) {
                problems.add(Problem.at(0, "REG-053", "tripFrom", "a business trip's dates must include polling day "
                        + election.pollingDay()));
            }
        } else if (reason == Reason.ABROAD_CONSULAR && (form.tripFrom() != null || form.tripTo() != null)) {
            problems.add(Problem.at(0, "REG-053", "tripFrom", "trip dates are for business trips only"));
        }
        return station;
    }

    /** Why the voter may not apply now, if it may not: already on a list abroad, an application pending, a certificate. */
    private Optional<RuntimeException> refusal(long election, long voter) {
        registrations.lockVoter(voter);
        boolean abroad = registrations.lock(election, voter).stream().anyMatch(r -> r.active() && r.abroad());
        if (abroad) {
            return Optional.of(alreadyAbroad());
        }
        if (registrations.holdsUnusedCertificate(election, voter)) {
            return Optional.of(holdsCertificate());
        }
        boolean pending = jdbc.sql("SELECT EXISTS (SELECT 1 FROM abroad_application WHERE election_id = ? AND voter_id = ? AND status = 'PENDING')")
                .params(election, voter).query(Boolean.class).single();
        return pending ? Optional.of(new Conflict("REG-052", "an application of this voter is already pending")) : Optional.empty();
    }

    private Application insert(Election election, long voter, PollingStation station, NewApplication form, String channel,
                               String by) {
        long id;
        try {
            id = jdbc.sql("""
                            INSERT INTO abroad_application (election_id, voter_id, station_id, reason, trip_from, trip_to, channel, submitted_by)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                    .params(election.id().value(), voter, station.id().value(), form.reason(), form.tripFrom(), form.tripTo(),
                            channel, by).query(Long.class).single();
        } catch (DuplicateKeyException e) {
            throw new Conflict("REG-052", "an application of this voter is already pending");
        }
        audit.record("register.abroad-application-submitted", "voter:" + voter,
                Map.of("application", id, "station", station.id().value(), "reason", form.reason(), "channel", channel));
        return lockApplication(id);
    }

    private Application lockApplication(long id) {
        return jdbc.sql("SELECT * FROM abroad_application WHERE id = ? FOR UPDATE").param(id)
                .query((rs, i) -> application(rs)).optional()
                .orElseThrow(() -> new NotFound("No application " + id));
    }

    private void decide(Application application, String status, String by, String reason, Long registration) {
        jdbc.sql("""
                        UPDATE abroad_application SET status = ?, decided_by = ?, decided_at = now(), decision_reason = ?,
                               registration_id = ?, version = version + 1
                        WHERE id = ? AND status = 'PENDING'""")
                .params(status, by, reason, registration, application.id()).update();
    }

    private PollingStation station(long id) {
        return map.station(new PollingStationId(id)).orElseThrow(() -> new NotFound("No polling station " + id));
    }

    /** Only an officer of the station's own mission (or the CEC) decides for it. */
    private static void requireMission(StaffMember staff, PollingStation station) {
        if (!staff.may(station.jurisdiction())) {
            throw new AccessDenied("REG-050", "station " + station.code() + " belongs to another mission");
        }
    }

    private static void requirePending(Application application) {
        if (!"PENDING".equals(application.status())) {
            throw new Conflict("REG-055", "application " + application.id() + " is already " + application.status());
        }
    }

    private static Conflict alreadyAbroad() {
        return new Conflict("REG-051", "the voter is already on a list abroad for this election");
    }

    private static Conflict holdsCertificate() {
        return new Conflict("REG-057", "the voter holds an unused transfer certificate for this election");
    }

    private static Application application(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Application(rs.getLong("id"), rs.getLong("election_id"), rs.getLong("voter_id"), rs.getLong("station_id"),
                rs.getString("reason"), rs.getObject("trip_from", LocalDate.class), rs.getObject("trip_to", LocalDate.class),
                rs.getString("channel"), rs.getString("status"), rs.getString("decision_reason"),
                (Long) rs.getObject("registration_id"));
    }
}
