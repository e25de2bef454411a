package org.electora.audit;

/** How the recorded action ended (NIST SP 1500-101 "disposition"). */
public enum Disposition {
    SUCCESS,
    FAILURE,
    REJECTED
}
