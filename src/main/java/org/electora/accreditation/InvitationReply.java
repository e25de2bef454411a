package org.electora.accreditation;

/** An organisation's answer to the foreign ministry's invitation to observe. */
public enum InvitationReply {
    NO_REPLY,
    ACCEPTED,
    DECLINED
}
