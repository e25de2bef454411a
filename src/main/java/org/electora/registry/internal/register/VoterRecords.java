package org.electora.registry.internal.register;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.electora.audit.AuditLog;
import org.electora.election.Elections;
import org.electora.geography.ElectoralMap;
import org.electora.geography.PollingStation;
import org.electora.geography.PollingStationId;
import org.electora.platform.AccessDenied;
import org.electora.platform.CurrentStaff;
import org.electora.platform.InvalidInput;
import org.electora.platform.NotFound;
import org.electora.platform.Scope;
import org.electora.platform.StaffMember;
import org.electora.registry.VoterId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads of personal data, for the roles that need them and only within the caller's scope — filtered in SQL by the
 * station of the voter's active registration in the election. Every read writes a {@code personal_data_access} row
 * and an audit event (who, whom, when, why) in the transaction that reads.
 */
@Service
class VoterRecords {

    record Registration(long stationId, String reason) {
    }

    record VoterView(long id, String nationalId, String familyName, String givenName, String patronymic,
                     LocalDate dateOfBirth, String sex, String region, String settlement, String street, String house,
                     String country, String city, String originSettlement, String status, String statusReason,
                     LocalDate statusDate, int version, Registration registration) {
    }

    static final String SCOPED = " " + """
            AND (:kind = 'NATIONAL'
                 OR (:kind = 'CONSTITUENCY' AND ps.constituency_id = :scope)
                 OR (:kind = 'STATION' AND ps.id = :scope)
                 OR (:kind = 'MISSION' AND ps.mission_id = :scope))""";

    private final JdbcClient jdbc;
    private final Elections elections;
    private final ElectoralMap map;
    private final AuditLog audit;

    VoterRecords(JdbcClient jdbc, Elections elections, ElectoralMap map, AuditLog audit) {
        this.jdbc = jdbc;
        this.elections = elections;
        this.map = map;
        this.audit = audit;
    }

    @Transactional
    public VoterView voter(VoterId id, Long electionId, String purpose) {
        StaffMember staff = CurrentStaff.require();
        String why = purpose(purpose);
        long election = election(electionId);
        List<VoterView> found = jdbc.sql("""
                        SELECT v.*, r.station_id, r.reason FROM voter v
                        LEFT JOIN registration r ON r.voter_id = v.id AND r.active AND r.election_id = :election
                        LEFT JOIN polling_station ps ON ps.id = r.station_id
                        WHERE v.id = :id""" + SCOPED)
                .param("election", election).param("id", id.value()).param("kind", staff.scope().kind())
                .param("scope", scopeId(staff.scope()))
                .query(VoterRecords::view).list();
        if (found.isEmpty()) {
            boolean exists = jdbc.sql("SELECT EXISTS (SELECT 1 FROM voter WHERE id = ?)").param(id.value()).query(Boolean.class).single();
            if (exists) {
                throw new AccessDenied("Outside your scope (" + staff.scope().kind() + ")");
            }
            throw new NotFound("No voter " + id);
        }
        logAccess(staff, why, "VOTER", id.value(), null, election, 1);
        return found.getFirst();
    }

    @Transactional
    public List<VoterView> stationList(PollingStationId stationId, Long electionId, String purpose) {
        String why = purpose(purpose);
        PollingStation station = map.station(stationId).orElseThrow(() -> new NotFound("No polling station " + stationId.value()));
        StaffMember staff = CurrentStaff.requireScope(station.jurisdiction());
        long election = election(electionId);
        List<VoterView> list = jdbc.sql("""
                        SELECT v.*, r.station_id, r.reason FROM registration r
                        JOIN voter v ON v.id = r.voter_id
                        JOIN polling_station ps ON ps.id = r.station_id
                        WHERE r.election_id = :election AND r.station_id = :station AND r.active""" + SCOPED + """
                        
                        ORDER BY v.family_name, v.given_name, v.patronymic, v.id""")
                .param("election", election).param("station", stationId.value()).param("kind", staff.scope().kind())
                .param("scope", scopeId(staff.scope()))
                .query(VoterRecords::view).list();
        logAccess(staff, why, "STATION_LIST", null, stationId.value(), election, list.size());
        return list;
    }

    void logAccess(StaffMember staff, String purpose, String what, Long voterId, Long stationId, Long election, int records) {
        jdbc.sql("""
                        INSERT INTO personal_data_access (actor, role, scope, purpose, what, voter_id, station_id, election_id, records)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(staff.username(), staff.role().name(), staff.scope().kind() + (staff.scope().id() == null ? "" : ":" + staff.scope().id()),
                        purpose, what, voterId, stationId, election, records).update();
        audit.record("register.personal-data-read", voterId != null ? "voter:" + voterId : "station:" + stationId,
                election == null ? Map.of("what", what, "purpose", purpose, "records", records)
                        : Map.of("what", what, "purpose", purpose, "election", election, "records", records));
    }

    private long election(Long electionId) {
        if (electionId != null) {
            return elections.byId(new org.electora.election.ElectionId(electionId))
                    .orElseThrow(() -> new NotFound("No election " + electionId)).id().value();
        }
        return elections.current().map(e -> e.id().value()).orElseThrow(() -> new NotFound("No election yet"));
    }

    static String purpose(String purpose) {
        if (purpose == null || purpose.strip().length() < 3) {
            throw new InvalidInput("REG-041", "say why you read personal data: the reason parameter is required");
        }
        return purpose.strip();
    }

    static Long scopeId(Scope scope) {
        return scope.id() == null ? -1L : scope.id();
    }

    private static VoterView view(ResultSet rs, int i) throws SQLException {
        Long station = (Long) rs.getObject("station_id");
        return new VoterView(rs.getLong("id"), rs.getString("national_id"), rs.getString("family_name"),
                rs.getString("given_name"), rs.getString("patronymic"), rs.getObject("date_of_birth", LocalDate.class),
                rs.getString("sex"), rs.getString("region"), rs.getString("settlement"), rs.getString("street"),
                rs.getString("house"), rs.getString("country"), rs.getString("city"), rs.getString("origin_settlement"),
                rs.getString("status"), rs.getString("status_reason"), rs.getObject("status_date", LocalDate.class),
                rs.getInt("version"), station == null ? null : new Registration(station, rs.getString("reason")));
    }
}
