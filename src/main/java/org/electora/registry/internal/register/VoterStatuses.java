package org.electora.registry.internal.register;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.electora.audit.AuditLog;
import org.electora.platform.Conflict;
import org.electora.platform.CurrentStaff;
import org.electora.platform.InvalidInput;
import org.electora.platform.NotFound;
import org.electora.platform.Problem;
import org.electora.registry.VoterId;
import org.electora.registry.VoterStatusLifecycle;
import org.electora.registry.VoterStatusLifecycle.Action;
import org.electora.registry.VoterStatusLifecycle.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes of a voter's status by the registry, through {@link VoterStatusLifecycle} only: with a reason, an
 * effective date and (for court decisions) the decision's reference. A voter who stops being active is struck off
 * the lists of every election in preparation in the same transaction; every change is kept in
 * {@code voter_status_change} and written to the audit log.
 */
@Service
class VoterStatuses {

    static final String UNKNOWN_ACTION = "REG-101";
    static final String REASON_MISSING = "REG-102";
    static final String DATE_MALFORMED = "REG-103";
    static final String DATE_IN_FUTURE = "REG-104";
    static final String DATE_BEFORE_BIRTH = "REG-105";
    static final String DECISION_MISSING = "REG-106";
    static final String UNKNOWN_VOTER = "REG-107";
    static final String STALE_VOTER = "REG-108";

    /** A request as it arrives: text, so that every malformed field is reported with its rule code. */
    record Request(String action, String reason, String effectiveDate, String decisionReference, Integer version) {
    }

    /** A validated change. */
    record Change(Action action, String reason, LocalDate effectiveDate, String decisionReference) {
    }

    record Changed(long voterId, Status from, Status to, Action action, String reason, LocalDate effectiveDate,
                   String decisionReference, int version, List<Registrations.StruckOff> struckOff) {
    }

    private final JdbcClient jdbc;
    private final Registrations registrations;
    private final AuditLog audit;
    private final Clock clock;

    VoterStatuses(JdbcClient jdbc, Registrations registrations, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.registrations = registrations;
        this.audit = audit;
        this.clock = clock;
    }

    /** A registry official's change (the role is checked by the caller): every problem of the request reported. */
    @Transactional
    public Changed change(VoterId voter, Request request) {
        CurrentStaff.require();
        return apply(voter, validate(request), request.version());
    }

    /** Applies a validated change to the voter, locked here; {@code expectedVersion} null skips the version check. */
    @Transactional
    public Changed apply(VoterId voter, Change change, Integer expectedVersion) {
        record Locked(Status status, LocalDate dateOfBirth, int version) {
        }
        Locked locked = jdbc.sql("SELECT status, date_of_birth, version FROM voter WHERE id = ? FOR UPDATE")
                .param(voter.value())
                .query((rs, i) -> new Locked(Status.valueOf(rs.getString(1)), rs.getObject(2, LocalDate.class), rs.getInt(3)))
                .optional().orElseThrow(() -> new NotFound(UNKNOWN_VOTER, "No voter " + voter));
        if (change.effectiveDate().isBefore(locked.dateOfBirth())) {
            throw new InvalidInput(List.of(Problem.at(0, DATE_BEFORE_BIRTH, "effectiveDate",
                    "the effective date " + change.effectiveDate() + " is before the voter's date of birth")));
        }
        if (expectedVersion != null && expectedVersion != locked.version()) {
            throw new Conflict(STALE_VOTER, "voter " + voter + " changed meanwhile (version " + locked.version()
                    + ", not " + expectedVersion + "): reload and try again");
        }
        Status to = switch (VoterStatusLifecycle.apply(locked.status(), change.action())) {
            case VoterStatusLifecycle.Transition.Moved moved -> moved.to();
            case VoterStatusLifecycle.Transition.Refused refused -> throw new Conflict(refused.ruleCode(), refused.reason());
        };
        List<Registrations.StruckOff> struckOff = to == Status.ACTIVE ? List.of()
                : registrations.strikeOff(voter.value(), "voter " + to + ": " + change.reason());
        boolean active = to == Status.ACTIVE;
        int version = jdbc.sql("""
                        UPDATE voter SET status = ?, status_reason = ?, status_date = ?, status_decision = ?, version = version + 1
                        WHERE id = ? AND version = ? RETURNING version""")
                .params(to.name(), active ? null : change.reason(), active ? null : change.effectiveDate(),
                        active ? null : change.decisionReference(), voter.value(), locked.version())
                .query(Integer.class).single();
        jdbc.sql("""
                        INSERT INTO voter_status_change (voter_id, action, from_status, to_status, reason, effective_date,
                                                         decision_reference, changed_by, registrations_ended)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(voter.value(), change.action().name(), locked.status().name(), to.name(), change.reason(),
                        change.effectiveDate(), change.decisionReference(), CurrentStaff.actorName(), struckOff.size())
                .update();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("action", change.action().name());
        details.put("from", locked.status().name());
        details.put("to", to.name());
        details.put("reason", change.reason());
        details.put("effectiveDate", change.effectiveDate().toString());
        if (change.decisionReference() != null) {
            details.put("decisionReference", change.decisionReference());
        }
        details.put("registrationsEnded", struckOff.stream().map(Registrations.StruckOff::registrationId).toList());
        audit.record("register.voter-status-changed", "voter:" + voter, details);
        return new Changed(voter.value(), locked.status(), to, change.action(), change.reason(), change.effectiveDate(),
                change.decisionReference(), version, struckOff);
    }

    Change validate(Request request) {
        List<Problem> problems = new ArrayList<>();
        Action action = null;
        try {
            action = Action.valueOf(request.action() == null ? "" : request.action().strip());
        } catch (IllegalArgumentException e) {
            problems.add(Problem.at(0, UNKNOWN_ACTION, "action", "action: one of " + java.util.Arrays.toString(Action.values())));
        }
        String reason = request.reason() == null ? "" : request.reason().strip();
        if (reason.length() < 3) {
            problems.add(Problem.at(0, REASON_MISSING, "reason", "say why the voter's status changes"));
        }
        LocalDate effective = null;
        if (request.effectiveDate() == null || request.effectiveDate().isBlank()) {
            problems.add(Problem.at(0, DATE_MALFORMED, "effectiveDate", "the effective date is required (yyyy-mm-dd)"));
        } else {
            try {
                effective = LocalDate.parse(request.effectiveDate().strip());
                if (effective.isAfter(LocalDate.now(clock))) {
                    problems.add(Problem.at(0, DATE_IN_FUTURE, "effectiveDate",
                            "the effective date " + effective + " is in the future: record a change once it has happened"));
                }
            } catch (DateTimeParseException e) {
                problems.add(Problem.at(0, DATE_MALFORMED, "effectiveDate", "effective date as yyyy-mm-dd"));
            }
        }
        String decision = request.decisionReference() == null || request.decisionReference().isBlank() ? null
                : request.decisionReference().strip();
        if (action != null && action.courtDecision() && decision == null) {
            problems.add(Problem.at(0, DECISION_MISSING, "decisionReference",
                    action + " rests on a court decision: give its reference"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        return new Change(action, reason, effective, decision);
    }
}
