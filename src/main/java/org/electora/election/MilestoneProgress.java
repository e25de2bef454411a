package org.electora.election;

/** State of a milestone on a given day. */
public enum MilestoneProgress {
    DONE,
    /** Not done, and the due date is today or later. */
    OPEN,
    /** Not done, and the due date has passed. */
    LATE
}
