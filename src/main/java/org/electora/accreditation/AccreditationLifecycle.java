package org.electora.accreditation;

import static org.electora.accreditation.ApplicationStatus.APPROVED;
import static org.electora.accreditation.ApplicationStatus.BADGE_ISSUED;
import static org.electora.accreditation.ApplicationStatus.EXPIRED;
import static org.electora.accreditation.ApplicationStatus.REJECTED;
import static org.electora.accreditation.ApplicationStatus.REVOKED;
import static org.electora.accreditation.ApplicationStatus.SUBMITTED;
import static org.electora.accreditation.ApplicationStatus.UNDER_REVIEW;
import static org.electora.accreditation.ReviewAction.APPROVE;
import static org.electora.accreditation.ReviewAction.EXPIRE;
import static org.electora.accreditation.ReviewAction.ISSUE_BADGE;
import static org.electora.accreditation.ReviewAction.REJECT;
import static org.electora.accreditation.ReviewAction.REVOKE;
import static org.electora.accreditation.ReviewAction.START_REVIEW;
import org.electora.platform.StateDiagrams;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The single transition table of an accreditation application, from submission to a revoked or expired badge. */
public final class AccreditationLifecycle {

    /** The action is not in the table for the current status. */
    public static final String NOT_ALLOWED = "ACC-020";
    /** A rejection or revocation without stated grounds cannot be explained to the mission, so it is not accepted. */
    public static final String REASON_REQUIRED = "ACC-021";

    private static final Map<ApplicationStatus, Map<ReviewAction, ApplicationStatus>> TABLE = table();
    private static final Set<ReviewAction> ACTIONS_REQUIRING_REASON = Collections.unmodifiableSet(EnumSet.of(REJECT, REVOKE));

    private AccreditationLifecycle() {
    }

    private static Map<ApplicationStatus, Map<ReviewAction, ApplicationStatus>> table() {
        var table = new EnumMap<ApplicationStatus, Map<ReviewAction, ApplicationStatus>>(ApplicationStatus.class);
        for (ApplicationStatus status : ApplicationStatus.values()) {
            table.put(status, new EnumMap<>(ReviewAction.class));
        }
        table.get(SUBMITTED).put(START_REVIEW, UNDER_REVIEW);
        // An obviously inadmissible application (e.g. no invitation) may be rejected without a review.
        table.get(SUBMITTED).put(REJECT, REJECTED);
        table.get(UNDER_REVIEW).put(APPROVE, APPROVED);
        table.get(UNDER_REVIEW).put(REJECT, REJECTED);
        table.get(APPROVED).put(ISSUE_BADGE, BADGE_ISSUED);
        table.get(BADGE_ISSUED).put(REVOKE, REVOKED);
        table.get(BADGE_ISSUED).put(EXPIRE, EXPIRED);
        // REJECTED, REVOKED and EXPIRED are final: the person applies again, and the new application is reviewed anew.
        table.replaceAll((status, row) -> Collections.unmodifiableMap(row));
        return Collections.unmodifiableMap(table);
    }

    /** Table first, reason second: "not allowed at all" is the more useful answer when both apply. */
    public static ReviewTransition apply(ApplicationStatus from, ReviewAction action, String reason) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(action, "action");
        ApplicationStatus to = TABLE.get(from).get(action);
        if (to == null) {
            Set<ReviewAction> allowed = allowed(from);
            String why = allowed.isEmpty()
                    ? "%s is not allowed: an application in status %s is final".formatted(action, from)
                    : "%s is not allowed in status %s; allowed: %s".formatted(action, from, allowed);
            return new ReviewTransition.Refused(from, action, NOT_ALLOWED, why);
        }
        String stated = reason == null ? "" : reason.strip();
        if (stated.isEmpty() && requiresReason(action)) {
            return new ReviewTransition.Refused(from, action, REASON_REQUIRED, "%s requires a stated reason".formatted(action));
        }
        return new ReviewTransition.Moved(from, to, stated);
    }

    public static boolean requiresReason(ReviewAction action) {
        return ACTIONS_REQUIRING_REASON.contains(Objects.requireNonNull(action, "action"));
    }

    public static Set<ReviewAction> allowed(ApplicationStatus from) {
        Map<ReviewAction, ApplicationStatus> row = TABLE.get(Objects.requireNonNull(from, "from"));
        return row.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(row.keySet()));
    }

    /** The table as a Mermaid state diagram (docs/accreditation.md shows it). */
    public static String mermaid() {
        return StateDiagrams.mermaid(SUBMITTED, TABLE, ApplicationStatus.class);
    }
}
