package org.electora.accreditation.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.electora.accreditation.internal.Liaison.FollowUp;
import org.electora.accreditation.internal.Liaison.FollowUpStatus;
import org.electora.accreditation.internal.Liaison.Meeting;
import org.electora.accreditation.internal.Liaison.NewFollowUp;
import org.electora.accreditation.internal.Liaison.NewMeeting;
import org.electora.accreditation.internal.Liaison.StatusChange;
import org.electora.audit.AuditLog;
import org.electora.platform.Conflict;
import org.electora.platform.CurrentStaff;
import org.electora.platform.InvalidInput;
import org.electora.platform.NotFound;
import org.electora.platform.Problem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recording the foreign ministry's meetings with heads of missions and keeping their follow-ups: every input
 * problem reported at once with its rule code, every change in the audit log in the same transaction.
 */
@Service
class LiaisonService {

    static final String MISSING = "ACC-160";
    static final String UNKNOWN_ORGANISATION = "ACC-161";
    static final String DUE_BEFORE_MEETING = "ACC-162";
    static final String FOLLOW_UP_MISSING = "ACC-163";
    static final String STATUS_MISSING = "ACC-164";
    static final String BAD_DONE_DATE = "ACC-165";
    static final String TOO_LONG = "ACC-166";
    static final String SAME_STATUS = "ACC-167";

    static final int MAX_TEXT = 500;
    static final int MAX_NOTES = 5000;
    static final int MAX_ITEMS = 50;

    private final LiaisonStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final ZoneId zone;

    LiaisonService(LiaisonStore store, AuditLog audit, Clock clock,
                   @Value("${electora.accreditation.zone:Asia/Baku}") ZoneId zone) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.zone = zone;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    @Transactional
    Meeting record(NewMeeting in) {
        ReportRoles.require(ReportRoles.LIAISON);
        List<Problem> problems = new ArrayList<>();
        if (in.heldOn() == null) {
            problems.add(Problem.at(0, MISSING, "heldOn", "heldOn (the meeting's date) is required"));
        }
        List<String> participants = texts(in.participants(), "participants", problems);
        if (participants.isEmpty()) {
            problems.add(Problem.at(0, MISSING, "participants", "at least one participant is required"));
        }
        List<String> topics = texts(in.topics(), "topics", problems);
        if (topics.isEmpty()) {
            problems.add(Problem.at(0, MISSING, "topics", "at least one topic is required"));
        }
        List<Long> organisations = in.organisationIds() == null ? List.of()
                : new ArrayList<>(new LinkedHashSet<>(in.organisationIds().stream().filter(Objects::nonNull).toList()));
        if (organisations.isEmpty()) {
            problems.add(Problem.at(0, MISSING, "organisationIds", "at least one organisation (mission) is required"));
        } else if (organisations.size() > MAX_ITEMS) {
            problems.add(Problem.at(0, TOO_LONG, "organisationIds", "at most " + MAX_ITEMS + " organisations"));
        } else {
            for (Long unknown : store.unknownOrganisations(organisations)) {
                problems.add(Problem.at(0, UNKNOWN_ORGANISATION, "organisationIds", "No organisation " + unknown));
            }
        }
        String place = text(in.place(), "place", MAX_TEXT, problems);
        String notes = text(in.notes(), "notes", MAX_NOTES, problems);
        List<NewFollowUp> followUps = in.followUps() == null ? List.of() : in.followUps();
        if (followUps.size() > MAX_ITEMS) {
            problems.add(Problem.at(0, TOO_LONG, "followUps", "at most " + MAX_ITEMS + " follow-ups per meeting"));
        }
        List<NewFollowUp> valid = new ArrayList<>();
        for (int i = 0; i < followUps.size() && i < MAX_ITEMS; i++) {
            NewFollowUp f = checked(followUps.get(i), in.heldOn(), "followUps[" + i + "].", problems);
            if (f != null) {
                valid.add(f);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        long id = store.insertMeeting(in.heldOn(), place, participants, topics, notes, CurrentStaff.actorName(), clock.instant());
        organisations.forEach(o -> store.linkOrganisation(id, o));
        List<Long> followUpIds = valid.stream().map(f -> store.insertFollowUp(id, f.action(), f.owner(), f.dueOn())).toList();
        // Counts and ids only: the log is read by auditors, and participants are named people.
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("heldOn", in.heldOn().toString());
        payload.put("organisationIds", organisations);
        payload.put("participants", participants.size());
        payload.put("topics", topics.size());
        payload.put("followUpIds", followUpIds);
        audit.record("accreditation.liaison.meeting.recorded", "accreditation-liaison-meeting:" + id, payload);
        return store.meeting(id).orElseThrow();
    }

    @Transactional
    FollowUp addFollowUp(long meetingId, NewFollowUp in) {
        ReportRoles.require(ReportRoles.LIAISON);
        LocalDate heldOn = store.meetingDateForUpdate(meetingId)
                .orElseThrow(() -> new NotFound(Accrediting.UNKNOWN, "No liaison meeting " + meetingId));
        List<Problem> problems = new ArrayList<>();
        NewFollowUp f = checked(in == null ? new NewFollowUp(null, null, null) : in, heldOn, "", problems);
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        long id = store.insertFollowUp(meetingId, f.action(), f.owner(), f.dueOn());
        audit.record("accreditation.liaison.follow-up.added", "accreditation-liaison-follow-up:" + id,
                Map.of("meetingId", meetingId, "dueOn", f.dueOn().toString(), "status", "OPEN"));
        return store.followUp(id).orElseThrow();
    }

    @Transactional
    FollowUp changeStatus(long followUpId, StatusChange change) {
        ReportRoles.require(ReportRoles.LIAISON);
        if (change == null || change.status() == null || change.version() == null) {
            throw new InvalidInput(List.of(Problem.at(0, STATUS_MISSING, change == null || change.status() == null ? "status" : "version",
                    "status (OPEN or DONE) and the version you read are required")));
        }
        FollowUp before = store.followUp(followUpId)
                .orElseThrow(() -> new NotFound(Accrediting.UNKNOWN, "No follow-up " + followUpId));
        LocalDate heldOn = store.meetingDateForUpdate(before.meetingId()).orElseThrow();
        if (before.status() == change.status()) {
            throw new Conflict(SAME_STATUS, "Follow-up " + followUpId + " is already " + before.status());
        }
        LocalDate doneOn = null;
        if (change.status() == FollowUpStatus.DONE) {
            doneOn = change.doneOn() == null ? today() : change.doneOn();
            if (doneOn.isBefore(heldOn) || doneOn.isAfter(today())) {
                throw new InvalidInput(List.of(Problem.at(0, BAD_DONE_DATE, "doneOn", "doneOn " + doneOn
                        + " must lie between the meeting (" + heldOn + ") and today (" + today() + ")")));
            }
        }
        if (before.version() != change.version() || !store.updateFollowUpStatus(followUpId, change.version(), change.status(), doneOn)) {
            throw new Conflict(Accrediting.STALE, "Follow-up " + followUpId + " was changed by someone else; reload and try again");
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("from", before.status().name());
        payload.put("to", change.status().name());
        payload.put("doneOn", doneOn == null ? null : doneOn.toString());
        audit.record("accreditation.liaison.follow-up." + change.status().name().toLowerCase(Locale.ROOT),
                "accreditation-liaison-follow-up:" + followUpId, payload);
        return store.followUp(followUpId).orElseThrow();
    }

    @Transactional(readOnly = true)
    List<Meeting> meetings(Long organisationId) {
        ReportRoles.require(ReportRoles.LIAISON);
        return store.meetings(organisationId);
    }

    @Transactional(readOnly = true)
    Meeting meeting(long id) {
        ReportRoles.require(ReportRoles.LIAISON);
        return store.meeting(id).orElseThrow(() -> new NotFound(Accrediting.UNKNOWN, "No liaison meeting " + id));
    }

    /** A follow-up with its text stripped, or null after adding its problems (prefixed by where it sits). */
    private static NewFollowUp checked(NewFollowUp f, LocalDate heldOn, String at, List<Problem> problems) {
        if (f == null) {
            problems.add(Problem.at(0, FOLLOW_UP_MISSING, at, "a follow-up needs action, owner and dueOn"));
            return null;
        }
        int before = problems.size();
        String action = text(f.action(), at + "action", MAX_TEXT, problems);
        String owner = text(f.owner(), at + "owner", MAX_TEXT, problems);
        if (action == null) {
            problems.add(Problem.at(0, FOLLOW_UP_MISSING, at + "action", "a follow-up needs an action"));
        }
        if (owner == null) {
            problems.add(Problem.at(0, FOLLOW_UP_MISSING, at + "owner", "a follow-up needs an owner"));
        }
        if (f.dueOn() == null) {
            problems.add(Problem.at(0, FOLLOW_UP_MISSING, at + "dueOn", "a follow-up needs a due date"));
        } else if (heldOn != null && f.dueOn().isBefore(heldOn)) {
            problems.add(Problem.at(0, DUE_BEFORE_MEETING, at + "dueOn",
                    "due date " + f.dueOn() + " is before the meeting on " + heldOn));
        }
        return problems.size() == before ? new NewFollowUp(action, owner, f.dueOn()) : null;
    }

    private static List<String> texts(List<String> values, String field, List<Problem> problems) {
        if (values == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String v : values) {
            String t = text(v, field, MAX_TEXT, problems);
            if (t != null && !out.contains(t)) {
                out.add(t);
            }
        }
        if (out.size() > MAX_ITEMS) {
            problems.add(Problem.at(0, TOO_LONG, field, "at most " + MAX_ITEMS + " " + field));
        }
        return out;
    }

    private static String text(String value, String field, int max, List<Problem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String t = value.strip();
        if (t.length() > max) {
            problems.add(Problem.at(0, TOO_LONG, field, field + " is longer than " + max + " characters"));
        }
        return t;
    }
}
