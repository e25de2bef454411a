package org.electora.accreditation.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

import org.electora.accreditation.InvitationReply;

/**
 * An invitation the foreign ministry sent to an organisation: who signed it, when, how (channel and reference), and
 * the reply with its date and the number of observers the organisation announced.
 */
record Invitation(long id, long organisationId, String sentBy, LocalDate sentOn, Channel channel, String reference,
                  InvitationReply reply, LocalDate replyDate, Integer observersAnnounced, int version,
                  Instant recordedAt) {

    enum Channel {
        DIPLOMATIC_NOTE,
        LETTER,
        EMAIL,
        IN_PERSON
    }

    Invitation {
        Objects.requireNonNull(sentBy, "sentBy");
        Objects.requireNonNull(sentOn, "sentOn");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(reply, "reply");
    }
}
