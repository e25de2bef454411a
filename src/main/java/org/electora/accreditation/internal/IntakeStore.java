package org.electora.accreditation.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.electora.accreditation.ApplicationCategory;
import org.electora.accreditation.InvitationReply;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain SQL for what intake adds: photos, deadlines per election, invitations and applied bulk imports. */
@Repository
class IntakeStore {

    private final JdbcClient jdbc;

    IntakeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void savePhoto(long applicationId, AccreditationPhotos.Photo photo, Instant at) {
        jdbc.sql("""
                        INSERT INTO accreditation_photo (application_id, media_type, width, height, bytes, sha256, stored_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (application_id) DO UPDATE SET media_type = excluded.media_type, width = excluded.width,
                            height = excluded.height, bytes = excluded.bytes, sha256 = excluded.sha256, stored_at = excluded.stored_at""")
                .params(applicationId, photo.mediaType(), photo.width(), photo.height(), photo.bytes(), photo.sha256(),
                        Timestamp.from(at))
                .update();
    }

    Optional<AccreditationPhotos.Photo> photo(long applicationId) {
        return jdbc.sql("SELECT media_type, width, height, bytes, sha256 FROM accreditation_photo WHERE application_id = ?")
                .param(applicationId)
                .query((rs, n) -> new AccreditationPhotos.Photo(rs.getString("media_type"), rs.getInt("width"),
                        rs.getInt("height"), rs.getBytes("bytes"), rs.getString("sha256")))
                .optional();
    }

    /** The per-election overrides; categories without a row use the configured default. */
    Map<ApplicationCategory, Integer> deadlineDays(long electionId) {
        Map<ApplicationCategory, Integer> days = new EnumMap<>(ApplicationCategory.class);
        jdbc.sql("SELECT category, days_before FROM accreditation_deadline WHERE election_id = ?").param(electionId)
                .query((rs, n) -> days.put(ApplicationCategory.valueOf(rs.getString("category")), rs.getInt("days_before")))
                .list();
        return days;
    }

    void setDeadlineDays(long electionId, ApplicationCategory category, int days) {
        jdbc.sql("""
                        INSERT INTO accreditation_deadline (election_id, category, days_before) VALUES (?, ?, ?)
                        ON CONFLICT (election_id, category) DO UPDATE SET days_before = excluded.days_before""")
                .params(electionId, category.name(), days).update();
    }

    long insertInvitation(Invitation i) {
        return jdbc.sql("""
                        INSERT INTO accreditation_invitation (organisation_id, sent_by, sent_on, channel, reference, recorded_at)
                        VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(i.organisationId(), i.sentBy(), i.sentOn(), i.channel().name(), i.reference(),
                        Timestamp.from(i.recordedAt()))
                .query(Long.class).single();
    }

    Optional<Invitation> invitation(long id) {
        return jdbc.sql("SELECT * FROM accreditation_invitation WHERE id = ?").param(id)
                .query(IntakeStore::invitation).optional();
    }

    List<Invitation> invitations(long organisationId) {
        return jdbc.sql("SELECT * FROM accreditation_invitation WHERE organisation_id = ? ORDER BY sent_on, id")
                .param(organisationId).query(IntakeStore::invitation).list();
    }

    /** Optimistic: false when someone else recorded a reply since the caller read the invitation. */
    boolean recordReply(long id, int version, InvitationReply reply, LocalDate replyDate, Integer observersAnnounced) {
        return jdbc.sql("""
                        UPDATE accreditation_invitation SET reply = ?, reply_date = ?, observers_announced = ?,
                            version = version + 1
                        WHERE id = ? AND version = ?""")
                .params(reply.name(), replyDate, observersAnnounced, id, version).update() == 1;
    }

    boolean hasAcceptedInvitation(long organisationId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM accreditation_invitation WHERE organisation_id = ? AND reply = 'ACCEPTED')")
                .param(organisationId).query(Boolean.class).single();
    }

    /** The application ids an identical file created, if it was applied before. */
    Optional<List<Long>> appliedImport(String sha256) {
        return jdbc.sql("SELECT application_ids FROM accreditation_import WHERE sha256 = ?").param(sha256)
                .query((rs, n) -> ids(rs.getArray("application_ids"))).optional();
    }

    void recordImport(String sha256, String actor, Instant at, List<Long> applicationIds) {
        jdbc.sql("""
                        INSERT INTO accreditation_import (sha256, imported_by, imported_at, rows, application_ids)
                        VALUES (?, ?, ?, ?, ?::bigint[])""")
                .params(sha256, actor, Timestamp.from(at), applicationIds.size(),
                        "{" + String.join(",", applicationIds.stream().map(String::valueOf).toList()) + "}")
                .update();
    }

    /** Serialises two uploads of the same file until commit, so that both cannot pass the "applied before?" check. */
    void lockImport(String sha256) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 15))").param(sha256).query(Object.class).single();
    }

    private static List<Long> ids(Array array) throws SQLException {
        return Arrays.asList((Long[]) array.getArray());
    }

    private static Invitation invitation(ResultSet rs, int row) throws SQLException {
        return new Invitation(rs.getLong("id"), rs.getLong("organisation_id"), rs.getString("sent_by"),
                rs.getObject("sent_on", LocalDate.class), Invitation.Channel.valueOf(rs.getString("channel")),
                rs.getString("reference"), InvitationReply.valueOf(rs.getString("reply")),
                rs.getObject("reply_date", LocalDate.class), (Integer) rs.getObject("observers_announced"),
                rs.getInt("version"), rs.getTimestamp("recorded_at").toInstant());
    }
}
