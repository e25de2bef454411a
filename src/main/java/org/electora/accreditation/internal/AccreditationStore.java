package org.electora.accreditation.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.electora.accreditation.ApplicationCategory;
import org.electora.accreditation.ApplicationStatus;
import org.electora.accreditation.OrganisationKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain SQL for organisations and applications: one statement per method, rows mapped to records. */
@Repository
class AccreditationStore {

    private static final String LIVE = "status NOT IN ('REJECTED', 'REVOKED', 'EXPIRED')";

    private final JdbcClient jdbc;

    AccreditationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insertOrganisation(Organisation o) {
        return jdbc.sql("""
                        INSERT INTO accreditation_organisation (name, kind, country, contact_name, contact_email,
                            contact_phone, head_of_mission, arrival_date, departure_date, quota, election_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(o.name(), o.kind().name(), o.country(), o.contactName(), o.contactEmail(), o.contactPhone(),
                        o.headOfMission(), o.arrivalDate(), o.departureDate(), o.quota(), o.electionId())
                .query(Long.class).single();
    }

    Optional<Organisation> organisation(long id) {
        return jdbc.sql("SELECT * FROM accreditation_organisation WHERE id = ?").param(id)
                .query(AccreditationStore::organisation).optional();
    }

    /** The row locked until commit, so that two applications cannot both take the last place of a quota. */
    Optional<Organisation> organisationForUpdate(long id) {
        return jdbc.sql("SELECT * FROM accreditation_organisation WHERE id = ? FOR UPDATE").param(id)
                .query(AccreditationStore::organisation).optional();
    }

    List<Organisation> organisations() {
        return jdbc.sql("SELECT * FROM accreditation_organisation ORDER BY name, id").query(AccreditationStore::organisation).list();
    }

    boolean organisationNameTaken(String name, String country) {
        return jdbc.sql("SELECT count(*) FROM accreditation_organisation WHERE lower(name) = lower(?) AND country = ?")
                .params(name, country).query(Long.class).single() > 0;
    }

    int liveApplications(long organisationId) {
        return jdbc.sql("SELECT count(*) FROM accreditation_application WHERE organisation_id = ? AND " + LIVE)
                .param(organisationId).query(Integer.class).single();
    }

    /** The live application of the same person (document and nationality), through whichever organisation. */
    Optional<Application> liveApplicationOf(String documentNumber, String nationality) {
        return jdbc.sql("SELECT * FROM accreditation_application WHERE document_number = ? AND nationality = ? AND " + LIVE)
                .params(documentNumber, nationality).query(AccreditationStore::application).optional();
    }

    /** Serialises applications of one person across organisations until commit. */
    void lockPerson(String documentNumber, String nationality) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 5))").param(nationality + ":" + documentNumber)
                .query(Object.class).single();
    }

    long insertApplication(Application a, String channel) {
        return jdbc.sql("""
                        INSERT INTO accreditation_application (organisation_id, category, given_names, family_name,
                            document_number, nationality, languages, status, submitted_at, document_kind, date_of_birth, channel)
                        VALUES (?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?) RETURNING id""")
                .params(a.organisationId(), a.category().name(), a.givenNames(), a.familyName(), a.documentNumber(),
                        a.nationality(), "{" + String.join(",", a.languages()) + "}", a.status().name(),
                        Timestamp.from(a.submittedAt()), a.documentKind().name(), a.dateOfBirth(), channel)
                .query(Long.class).single();
    }

    Optional<Application> application(long id) {
        return jdbc.sql("SELECT * FROM accreditation_application WHERE id = ?").param(id)
                .query(AccreditationStore::application).optional();
    }

    Optional<Application> applicationByBadge(String badgeNumber) {
        return jdbc.sql("SELECT * FROM accreditation_application WHERE badge_number = ?").param(badgeNumber)
                .query(AccreditationStore::application).optional();
    }

    List<Application> applications(long organisationId) {
        return jdbc.sql("SELECT * FROM accreditation_application WHERE organisation_id = ? ORDER BY id")
                .param(organisationId).query(AccreditationStore::application).list();
    }

    /** The applications with these ids, locked until commit (in id order). */
    List<Application> applicationsForUpdate(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM accreditation_application WHERE id = ANY(?::bigint[]) ORDER BY id FOR UPDATE")
                .param("{" + String.join(",", ids.stream().map(String::valueOf).toList()) + "}")
                .query(AccreditationStore::application).list();
    }

    /** An organisation's applications in one status, locked until commit (in id order). */
    List<Application> applicationsForUpdate(long organisationId, ApplicationStatus status) {
        return jdbc.sql("SELECT * FROM accreditation_application WHERE organisation_id = ? AND status = ? ORDER BY id FOR UPDATE")
                .params(organisationId, status.name()).query(AccreditationStore::application).list();
    }

    /** Issued badges whose last valid day is before {@code today} (the commission's date). */
    List<Application> issuedBadgesEndedBefore(LocalDate today) {
        return jdbc.sql("SELECT * FROM accreditation_application WHERE status = 'BADGE_ISSUED' AND valid_until < ? ORDER BY id FOR UPDATE")
                .param(today).query(AccreditationStore::application).list();
    }

    String nextBadgeNumber(ApplicationCategory category) {
        long n = jdbc.sql("SELECT nextval('accreditation_badge_number')").query(Long.class).single();
        return "%c-%06d".formatted(category.badgePrefix(), n);
    }

    /** Optimistic: false when someone else changed the application since the caller read it. */
    boolean updateStatus(long id, int version, ApplicationStatus status, String reason, String badgeNumber,
                         LocalDate validFrom, LocalDate validUntil, String credential, Instant at) {
        return jdbc.sql("""
                        UPDATE accreditation_application
                        SET status = ?, status_reason = coalesce(?, status_reason), badge_number = coalesce(?, badge_number),
                            valid_from = coalesce(?, valid_from), valid_until = coalesce(?, valid_until),
                            credential = coalesce(?, credential), decided_at = ?, version = version + 1
                        WHERE id = ? AND version = ?""")
                .params(status.name(), reason, badgeNumber, validFrom, validUntil, credential, Timestamp.from(at), id, version)
                .update() == 1;
    }

    /** Badge numbers revoked so far: the online revocation list (numbers only, no personal data). */
    List<String> revokedBadges() {
        return jdbc.sql("SELECT badge_number FROM accreditation_application WHERE status = 'REVOKED' ORDER BY badge_number")
                .query(String.class).list();
    }

    private static Organisation organisation(ResultSet rs, int row) throws SQLException {
        return new Organisation(rs.getLong("id"), rs.getString("name"), OrganisationKind.valueOf(rs.getString("kind")),
                rs.getString("country"), rs.getString("contact_name"), rs.getString("contact_email"),
                rs.getString("contact_phone"), rs.getString("head_of_mission"), rs.getObject("arrival_date", LocalDate.class),
                rs.getObject("departure_date", LocalDate.class), (Integer) rs.getObject("quota"), (Long) rs.getObject("election_id"), rs.getInt("version"));
    }

    static Application application(ResultSet rs, int row) throws SQLException {
        Array languages = rs.getArray("languages");
        return new Application(rs.getLong("id"), rs.getLong("organisation_id"),
                ApplicationCategory.valueOf(rs.getString("category")), rs.getString("given_names"),
                rs.getString("family_name"), rs.getString("document_number"), rs.getString("nationality"),
                Arrays.asList((String[]) languages.getArray()), ApplicationStatus.valueOf(rs.getString("status")),
                rs.getString("status_reason"), rs.getString("badge_number"), rs.getObject("valid_from", LocalDate.class),
                rs.getObject("valid_until", LocalDate.class), rs.getString("credential"), rs.getInt("version"),
                rs.getTimestamp("submitted_at").toInstant(),
                Application.DocumentKind.valueOf(rs.getString("document_kind")), rs.getObject("date_of_birth", LocalDate.class));
    }
}
