package org.electora.election;

/** Decisions about a candidacy; whether they are allowed depends on {@link CandidateLifecycle}. */
public enum CandidateAction {
    /** nominated → registered */
    REGISTER,
    /** nominated → refused; the commission must state its grounds */
    REFUSE,
    /** nominated or registered → withdrawn; the candidate or nominating party must state a reason */
    WITHDRAW
}
