package org.electora.registry.internal.register;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.electora.platform.Conflict;
import org.electora.platform.CurrentStaff;
import org.electora.registry.RegistrationLifecycle;
import org.electora.registry.RegistrationLifecycle.Event;
import org.electora.registry.RegistrationLifecycle.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A voter's registrations, for the moves between lists. Callers lock the voter, then its registrations, in that
 * order (the voter row serialises moves of a voter who is on no list yet, which has no registration row to lock);
 * ending one registration and starting the next happen in the caller's one transaction.
 */
@Component
class Registrations {

    record Registration(long id, long stationId, String reason, Status status, boolean abroad, int version, long electionId) {
        boolean active() {
            return status == Status.ACTIVE;
        }
    }

    /** A voter who is not ACTIVE is put on no list. */
    static final String NOT_ACTIVE = "REG-109";

    /** A registration a status change ended. */
    record StruckOff(long registrationId, long electionId, long stationId) {
    }

    private final JdbcClient jdbc;

    Registrations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the voter row; empty when there is no such voter. */
    Optional<String> lockVoter(long voterId) {
        return jdbc.sql("SELECT status FROM voter WHERE id = ? FOR UPDATE").param(voterId).query(String.class).optional();
    }

    /** Every registration of the voter in the election, locked, oldest first. */
    List<Registration> lock(long electionId, long voterId) {
        return jdbc.sql("""
                        SELECT r.id, r.station_id, r.reason, r.status, ps.host_country IS NOT NULL AS abroad, r.version
                        FROM registration r JOIN polling_station ps ON ps.id = r.station_id
                        WHERE r.election_id = ? AND r.voter_id = ? ORDER BY r.id FOR UPDATE OF r""")
                .params(electionId, voterId)
                .query((rs, i) -> new Registration(rs.getLong(1), rs.getLong(2), rs.getString(3), Status.valueOf(rs.getString(4)),
                        rs.getBoolean(5), rs.getInt(6), electionId)).list();
    }

    static Optional<Registration> active(List<Registration> registrations) {
        return registrations.stream().filter(Registration::active).findFirst();
    }

    /**
     * Ends a registration by a lifecycle event; an event its status does not allow is a conflict. Who ended it is
     * kept on the row: the station's change log after printing (RegisterLists) reads it.
     */
    Status end(Registration registration, Event event, String endReason) {
        Status to = switch (RegistrationLifecycle.apply(registration.status(), event)) {
            case RegistrationLifecycle.Transition.Moved moved -> moved.to();
            case RegistrationLifecycle.Transition.Refused refused -> throw new Conflict(refused.ruleCode(), refused.reason());
        };
        int updated = jdbc.sql("""
                        UPDATE registration SET status = ?, active = false, ended_at = now(), end_reason = ?, ended_by = ?,
                            version = version + 1
                        WHERE id = ? AND version = ?""")
                .params(to.name(), endReason, CurrentStaff.actorName(), registration.id(), registration.version()).update();
        if (updated != 1) {
            throw new Conflict("GEN-409", "registration " + registration.id() + " changed meanwhile: try again");
        }
        return to;
    }

    long start(long electionId, long voterId, long stationId, String reason, LocalDate tripFrom, LocalDate tripTo,
               Long certificateId) {
        return start(electionId, voterId, stationId, reason, tripFrom, tripTo, certificateId, null);
    }

    /** {@code additionReason}: why a voter was added to a supplementary list on polling day without a certificate. */
    long start(long electionId, long voterId, long stationId, String reason, LocalDate tripFrom, LocalDate tripTo,
               Long certificateId, String additionReason) {
        String status = jdbc.sql("SELECT status FROM voter WHERE id = ?").param(voterId).query(String.class).single();
        if (!"ACTIVE".equals(status)) {
            // registration_of_active_voter (V11) would refuse it at commit; say so with a rule code instead
            throw new Conflict(NOT_ACTIVE, "the voter is " + status + ", not active: no list takes them");
        }
        return jdbc.sql("""
                        INSERT INTO registration (election_id, voter_id, station_id, reason, trip_from, trip_to, certificate_id,
                                                  addition_reason, registered_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(electionId, voterId, stationId, reason, tripFrom, tripTo, certificateId, additionReason,
                        CurrentStaff.actorName()).query(Long.class).single();
    }

    /**
     * Strikes the voter (locked by the caller) off every list of an election in preparation: each active registration
     * ends by {@link Event#STRIKE_OFF}. Lists of elections whose polls have opened are history and stay as they are.
     */
    List<StruckOff> strikeOff(long voterId, String endReason) {
        List<Registration> held = jdbc.sql("""
                        SELECT r.id, r.election_id, r.station_id, r.reason, r.status, r.version FROM registration r
                        WHERE r.voter_id = ? AND r.active AND registry_election_in_preparation(r.election_id)
                        ORDER BY r.id FOR UPDATE""")
                .param(voterId)
                .query((rs, i) -> new Registration(rs.getLong("id"), rs.getLong("station_id"), rs.getString("reason"),
                        Status.valueOf(rs.getString("status")), false, rs.getInt("version"), rs.getLong("election_id")))
                .list();
        held.forEach(r -> end(r, Event.STRIKE_OFF, endReason));
        return held.stream().map(r -> new StruckOff(r.id(), r.electionId(), r.stationId())).toList();
    }

    /** Voters counted on each station's list: active registrations only (a transferred voter is not counted at home). */
    Map<Long, Long> listCounts(long electionId) {
        var counts = new LinkedHashMap<Long, Long>();
        jdbc.sql("SELECT station_id, count(*) FROM registration WHERE election_id = ? AND active GROUP BY station_id ORDER BY station_id")
                .param(electionId).query(rs -> {
                    counts.put(rs.getLong(1), rs.getLong(2));
                });
        return counts;
    }

    /** Whether the voter holds a certificate for the election that has not been used yet. */
    boolean holdsUnusedCertificate(long electionId, long voterId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM transfer_certificate WHERE election_id = ? AND voter_id = ? AND used_at IS NULL)")
                .params(electionId, voterId).query(Boolean.class).single();
    }
}
