package org.electora.accreditation.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.electora.accreditation.internal.Liaison.FollowUp;
import org.electora.accreditation.internal.Liaison.FollowUpStatus;
import org.electora.accreditation.internal.Liaison.Meeting;
import org.electora.accreditation.internal.Liaison.OrganisationRef;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain SQL for liaison meetings and their follow-ups. */
@Repository
class LiaisonStore {

    private final JdbcClient jdbc;

    LiaisonStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insertMeeting(LocalDate heldOn, String place, List<String> participants, List<String> topics, String notes,
                       String recordedBy, Instant at) {
        return jdbc.sql("""
                        INSERT INTO accreditation_liaison_meeting (held_on, place, participants, topics, notes, recorded_by, recorded_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(heldOn, place, participants.toArray(String[]::new), topics.toArray(String[]::new), notes,
                        recordedBy, Timestamp.from(at))
                .query(Long.class).single();
    }

    void linkOrganisation(long meetingId, long organisationId) {
        jdbc.sql("INSERT INTO accreditation_liaison_meeting_organisation (meeting_id, organisation_id) VALUES (?, ?)")
                .params(meetingId, organisationId).update();
    }

    long insertFollowUp(long meetingId, String action, String owner, LocalDate dueOn) {
        return jdbc.sql("INSERT INTO accreditation_liaison_follow_up (meeting_id, action, owner, due_on) VALUES (?, ?, ?, ?) RETURNING id")
                .params(meetingId, action, owner, dueOn).query(Long.class).single();
    }

    /** Ids among {@code ids} that name no organisation. */
    List<Long> unknownOrganisations(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT x FROM unnest(?::bigint[]) AS x
                        WHERE NOT EXISTS (SELECT 1 FROM accreditation_organisation o WHERE o.id = x) ORDER BY x""")
                .param(ids.toArray(Long[]::new)).query(Long.class).list();
    }

    /** Locked until commit: the follow-up's date check reads the meeting date that cannot change meanwhile. */
    Optional<LocalDate> meetingDateForUpdate(long meetingId) {
        return jdbc.sql("SELECT held_on FROM accreditation_liaison_meeting WHERE id = ? FOR UPDATE")
                .param(meetingId).query(LocalDate.class).optional();
    }

    Optional<FollowUp> followUp(long id) {
        return jdbc.sql("SELECT * FROM accreditation_liaison_follow_up WHERE id = ?").param(id)
                .query(LiaisonStore::followUp).optional();
    }

    /** Optimistic: false when someone else changed the follow-up since the caller read it. */
    boolean updateFollowUpStatus(long id, int version, FollowUpStatus status, LocalDate doneOn) {
        return jdbc.sql("UPDATE accreditation_liaison_follow_up SET status = ?, done_on = ?, version = version + 1 WHERE id = ? AND version = ?")
                .params(status.name(), doneOn, id, version).update() == 1;
    }

    /** Meetings newest first, optionally only those concerning one organisation; with organisations and follow-ups. */
    List<Meeting> meetings(Long organisationId) {
        return meetings(organisationId, null);
    }

    Optional<Meeting> meeting(long id) {
        return meetings(null, id).stream().findFirst();
    }

    private List<Meeting> meetings(Long organisationId, Long meetingId) {
        record Row(long id, LocalDate heldOn, String place, List<String> participants, List<String> topics, String notes,
                   String recordedBy) {
        }
        List<Row> rows = jdbc.sql("""
                        SELECT m.id, m.held_on, m.place, m.participants, m.topics, m.notes, m.recorded_by
                        FROM accreditation_liaison_meeting m
                        WHERE (?::bigint IS NULL OR m.id = ?)
                          AND (?::bigint IS NULL OR EXISTS (SELECT 1 FROM accreditation_liaison_meeting_organisation mo
                                                           WHERE mo.meeting_id = m.id AND mo.organisation_id = ?))
                        ORDER BY m.held_on DESC, m.id DESC""")
                .params(meetingId, meetingId, organisationId, organisationId)
                .query((rs, i) -> new Row(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getString(3), texts(rs.getArray(4)),
                        texts(rs.getArray(5)), rs.getString(6), rs.getString(7))).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
        Map<Long, List<OrganisationRef>> organisations = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT mo.meeting_id, o.id, o.name, o.country FROM accreditation_liaison_meeting_organisation mo
                        JOIN accreditation_organisation o ON o.id = mo.organisation_id
                        WHERE mo.meeting_id = ANY (?) ORDER BY o.name, o.id""")
                .param(ids)
                .query((ResultSet rs) -> {
                    organisations.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new OrganisationRef(rs.getLong(2), rs.getString(3), rs.getString(4)));
                });
        Map<Long, List<FollowUp>> followUps = new LinkedHashMap<>();
        jdbc.sql("SELECT * FROM accreditation_liaison_follow_up WHERE meeting_id = ANY (?) ORDER BY due_on, id")
                .param(ids)
                .query(LiaisonStore::followUp).list()
                .forEach(f -> followUps.computeIfAbsent(f.meetingId(), k -> new ArrayList<>()).add(f));
        return rows.stream().map(r -> new Meeting(r.id(), r.heldOn(), r.place(), r.participants(), r.topics(), r.notes(),
                organisations.getOrDefault(r.id(), List.of()), followUps.getOrDefault(r.id(), List.of()), r.recordedBy())).toList();
    }

    /** Every organisation, by name, for the meeting form's choice. */
    List<OrganisationRef> organisations() {
        return jdbc.sql("SELECT id, name, country FROM accreditation_organisation ORDER BY name, id")
                .query((rs, i) -> new OrganisationRef(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    }

    private static FollowUp followUp(ResultSet rs, int row) throws SQLException {
        return new FollowUp(rs.getLong("id"), rs.getLong("meeting_id"), rs.getString("action"), rs.getString("owner"),
                rs.getObject("due_on", LocalDate.class), FollowUpStatus.valueOf(rs.getString("status")),
                rs.getObject("done_on", LocalDate.class), rs.getInt("version"));
    }

    private static List<String> texts(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }
}
