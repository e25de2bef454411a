package org.electora.accreditation.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.electora.accreditation.InvitationReply;
import org.electora.audit.AuditLog;
import org.electora.platform.Conflict;
import org.electora.platform.InvalidInput;
import org.electora.platform.NotFound;
import org.electora.platform.Problem;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The foreign ministry's invitations to observe: sent (by whom, when, channel and reference), then answered. An
 * organisation of an invited kind ({@link Accrediting#INVITED_KINDS}) may apply only once an invitation was accepted.
 */
@Service
class Invitations {

    static final String BAD_INVITATION = "ACC-115";
    static final String REPLY_BEFORE_SENT = "ACC-116";
    static final String BAD_ANNOUNCED = "ACC-117";

    record NewInvitation(String sentBy, LocalDate sentOn, Invitation.Channel channel, String reference) {
    }

    record Reply(InvitationReply reply, LocalDate replyDate, Integer observersAnnounced, Integer version) {
    }

    private final IntakeStore store;
    private final Accrediting accrediting;
    private final AuditLog audit;
    private final Clock clock;

    Invitations(IntakeStore store, Accrediting accrediting, AuditLog audit, Clock clock) {
        this.store = store;
        this.accrediting = accrediting;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    Invitation send(long organisationId, NewInvitation in) {
        Accrediting.requireOfficer();
        accrediting.organisation(organisationId);
        List<Problem> problems = new ArrayList<>();
        String sentBy = in.sentBy() == null || in.sentBy().isBlank() ? null : in.sentBy().strip();
        if (sentBy == null) {
            problems.add(Problem.at(0, Accrediting.MISSING, "sentBy", "sentBy (who signed the invitation) is required"));
        }
        if (in.sentOn() == null) {
            problems.add(Problem.at(0, Accrediting.MISSING, "sentOn", "sentOn is required"));
        }
        if (in.channel() == null) {
            problems.add(Problem.at(0, BAD_INVITATION, "channel", "channel is required, one of " + List.of(Invitation.Channel.values())));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        String reference = in.reference() == null || in.reference().isBlank() ? null : in.reference().strip();
        long id = store.insertInvitation(new Invitation(0, organisationId, sentBy, in.sentOn(), in.channel(), reference,
                InvitationReply.NO_REPLY, null, null, 0, clock.instant()));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("organisationId", organisationId);
        payload.put("sentBy", sentBy);
        payload.put("sentOn", in.sentOn().toString());
        payload.put("channel", in.channel().name());
        payload.put("reference", reference);
        audit.record("accreditation.invitation.sent", "accreditation-invitation:" + id, payload);
        return store.invitation(id).orElseThrow();
    }

    @Transactional
    Invitation reply(long invitationId, Reply in) {
        Accrediting.requireOfficer();
        Invitation before = invitation(invitationId);
        List<Problem> problems = new ArrayList<>();
        if (in.reply() == null || in.version() == null) {
            problems.add(Problem.at(0, Accrediting.MISSING, in.reply() == null ? "reply" : "version",
                    "reply (" + List.of(InvitationReply.values()) + ") and the version you read are required"));
            throw new InvalidInput(problems);
        }
        boolean answered = in.reply() != InvitationReply.NO_REPLY;
        if (answered && in.replyDate() == null) {
            problems.add(Problem.at(0, Accrediting.MISSING, "replyDate", "replyDate is required with a reply"));
        }
        if (!answered && in.replyDate() != null) {
            problems.add(Problem.at(0, BAD_INVITATION, "replyDate", "NO_REPLY has no reply date"));
        }
        if (in.replyDate() != null && in.replyDate().isBefore(before.sentOn())) {
            problems.add(Problem.at(0, REPLY_BEFORE_SENT, "replyDate", "replyDate " + in.replyDate() + " is before the invitation was sent on " + before.sentOn()));
        }
        if (in.observersAnnounced() != null && (in.observersAnnounced() < 0 || in.reply() != InvitationReply.ACCEPTED)) {
            problems.add(Problem.at(0, BAD_ANNOUNCED, "observersAnnounced",
                    "observersAnnounced is a non-negative number, given only with an ACCEPTED reply"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        if (!store.recordReply(invitationId, in.version(), in.reply(), in.replyDate(), in.observersAnnounced())) {
            throw new Conflict(Accrediting.STALE, "Invitation " + invitationId + " was changed by someone else; reload and try again");
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("organisationId", before.organisationId());
        payload.put("from", before.reply().name());
        payload.put("reply", in.reply().name());
        payload.put("replyDate", in.replyDate() == null ? null : in.replyDate().toString());
        payload.put("observersAnnounced", in.observersAnnounced());
        audit.record("accreditation.invitation.replied", "accreditation-invitation:" + invitationId, payload);
        return store.invitation(invitationId).orElseThrow();
    }

    @Transactional(readOnly = true)
    Invitation invitation(long id) {
        Accrediting.requireOfficer();
        return store.invitation(id).orElseThrow(() -> new NotFound(Accrediting.UNKNOWN, "No invitation " + id));
    }

    @Transactional(readOnly = true)
    List<Invitation> invitations(long organisationId) {
        accrediting.organisation(organisationId);
        return store.invitations(organisationId);
    }
}
