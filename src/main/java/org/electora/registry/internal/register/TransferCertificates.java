package org.electora.registry.internal.register;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.electora.audit.AuditLog;
import org.electora.election.Election;
import org.electora.election.ElectionId;
import org.electora.election.Elections;
import org.electora.geography.ElectoralMap;
import org.electora.geography.PollingStation;
import org.electora.geography.PollingStationId;
import org.electora.platform.Conflict;
import org.electora.platform.CurrentStaff;
import org.electora.platform.InvalidInput;
import org.electora.platform.NotFound;
import org.electora.platform.StaffMember;
import org.electora.registry.RegistrationLifecycle.Event;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Transfer (absentee) certificates: issued to a voter on its list (the registration becomes TRANSFERRED, stays on
 * the printed list marked, and is no longer counted there), presented once at another station, where the voter is
 * added to the supplementary list. The number alone does not use a certificate: the holder's national id must match.
 */
@Service
class TransferCertificates {

    record Certificate(String number, long electionId, long voterId, long homeStationId, Instant issuedAt) {
    }

    record Used(String number, long registrationId, long stationId) {
    }

    private final JdbcClient jdbc;
    private final Elections elections;
    private final ElectoralMap map;
    private final Registrations registrations;
    private final AuditLog audit;

    TransferCertificates(JdbcClient jdbc, Elections elections, ElectoralMap map, Registrations registrations, AuditLog audit) {
        this.jdbc = jdbc;
        this.elections = elections;
        this.map = map;
        this.registrations = registrations;
        this.audit = audit;
    }

    @Transactional
    public Certificate issue(long voterId, Long electionId) {
        CurrentStaff.require();
        Election election = election(electionId);
        long electionValue = election.id().value();
        registrations.lockVoter(voterId).orElseThrow(() -> new NotFound("No voter " + voterId));
        Registrations.Registration home = Registrations.active(registrations.lock(electionValue, voterId))
                .orElseThrow(() -> new Conflict("REG-060", "the voter is on no list of this election"));
        CurrentStaff.requireScope(station(home.stationId()).jurisdiction());
        if ("SUPPLEMENTARY".equals(home.reason())) {
            throw new Conflict("REG-060", "a voter on a supplementary list (by a transfer certificate or added on polling day) votes at that station: no further certificate");
        }
        registrations.end(home, Event.ISSUE_TRANSFER_CERTIFICATE, "transfer certificate");
        record Issued(String number, Instant at) {
        }
        Issued issued = jdbc.sql("""
                        INSERT INTO transfer_certificate (number, election_id, voter_id, home_registration_id, issued_by)
                        VALUES ('TC-' || lpad(nextval('transfer_certificate_number')::text, 8, '0'), ?, ?, ?, ?)
                        RETURNING number, issued_at""")
                .params(electionValue, voterId, home.id(), CurrentStaff.actorName())
                .query((rs, i) -> new Issued(rs.getString(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant())).single();
        audit.record("register.transfer-certificate-issued", "voter:" + voterId,
                Map.of("certificate", issued.number(), "election", electionValue, "from", home.stationId()));
        return new Certificate(issued.number(), electionValue, voterId, home.stationId(), issued.at());
    }

    @Transactional
    public Used use(String number, String nationalId, long stationId) {
        StaffMember staff = CurrentStaff.require();
        PollingStation station = station(stationId);
        CurrentStaff.requireScope(station.jurisdiction());
        record Held(long id, long electionId, long voterId, boolean used) {
        }
        // An unknown number and a number that is not this person's get the same answer.
        Held held = jdbc.sql("""
                        SELECT c.id, c.election_id, c.voter_id, c.used_at IS NOT NULL FROM transfer_certificate c
                        JOIN voter v ON v.id = c.voter_id
                        WHERE c.number = ? AND v.national_id = ? FOR UPDATE OF c""")
                .params(number == null ? "" : number.strip(), nationalId == null ? "" : nationalId.strip())
                .query((rs, i) -> new Held(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getBoolean(4))).optional()
                .orElseThrow(() -> new NotFound("REG-062", "no certificate with this number for this national id"));
        if (held.used()) {
            throw usedTwice(number);
        }
        Election election = election(held.electionId());
        if (!station.mapVersionId().equals(election.mapVersionId())) {
            throw new InvalidInput("REG-064", "station " + station.code() + " is not on the map of " + election.name());
        }
        registrations.lockVoter(held.voterId());
        List<Registrations.Registration> current = registrations.lock(held.electionId(), held.voterId());
        if (Registrations.active(current).isPresent()) {
            throw new Conflict("REG-063", "the voter is already on a list of this election");
        }
        long registration;
        try {
            registration = registrations.start(held.electionId(), held.voterId(), stationId, "SUPPLEMENTARY", null, null, held.id());
            jdbc.sql("UPDATE transfer_certificate SET used_registration_id = ?, used_by = ?, used_at = now() WHERE id = ?")
                    .params(registration, staff.username(), held.id()).update();
        } catch (DuplicateKeyException e) {
            // registration_certificate_used_once: the database's word on "once", whatever raced past the check above
            throw usedTwice(number);
        }
        audit.record("register.transfer-certificate-used", "voter:" + held.voterId(),
                Map.of("certificate", number.strip(), "station", stationId, "registration", registration));
        return new Used(number.strip(), registration, stationId);
    }

    private static Conflict usedTwice(String number) {
        return new Conflict("REG-061", "certificate " + number + " has been used already");
    }

    private Election election(Long electionId) {
        Optional<Election> election = electionId == null ? elections.current() : elections.byId(new ElectionId(electionId));
        return election.orElseThrow(() -> new NotFound("No election " + (electionId == null ? "yet" : electionId)));
    }

    private PollingStation station(long id) {
        return map.station(new PollingStationId(id)).orElseThrow(() -> new NotFound("No polling station " + id));
    }
}
