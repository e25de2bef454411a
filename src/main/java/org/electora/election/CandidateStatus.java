package org.electora.election;

/** Where a candidacy stands; the only way between statuses is {@link CandidateLifecycle}. */
public enum CandidateStatus {
    NOMINATED,
    REGISTERED,
    WITHDRAWN,
    REFUSED
}
