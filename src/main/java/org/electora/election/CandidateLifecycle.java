package org.electora.election;

import static org.electora.election.CandidateAction.REFUSE;
import static org.electora.election.CandidateAction.REGISTER;
import static org.electora.election.CandidateAction.WITHDRAW;
import static org.electora.election.CandidateStatus.NOMINATED;
import static org.electora.election.CandidateStatus.REFUSED;
import static org.electora.election.CandidateStatus.REGISTERED;
import static org.electora.election.CandidateStatus.WITHDRAWN;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.electora.platform.StateDiagrams;

/** The single transition table of a candidacy. */
public final class CandidateLifecycle {

    /** A refusal or withdrawal without stated grounds cannot be published or appealed, so it is not accepted. */
    public static final String REASON_REQUIRED = "CAN-001";
    /** The action is not in the table for the current status. */
    public static final String NOT_ALLOWED = "CAN-002";

    private static final Map<CandidateStatus, Map<CandidateAction, CandidateStatus>> TABLE = table();

    private static final Set<CandidateAction> ACTIONS_REQUIRING_REASON =
            Collections.unmodifiableSet(EnumSet.of(REFUSE, WITHDRAW));

    private CandidateLifecycle() {
    }

    private static Map<CandidateStatus, Map<CandidateAction, CandidateStatus>> table() {
        var table = new EnumMap<CandidateStatus, Map<CandidateAction, CandidateStatus>>(CandidateStatus.class);
        for (CandidateStatus status : CandidateStatus.values()) {
            table.put(status, new EnumMap<>(CandidateAction.class));
        }
        table.get(NOMINATED).put(REGISTER, REGISTERED);
        table.get(NOMINATED).put(REFUSE, REFUSED);
        table.get(NOMINATED).put(WITHDRAW, WITHDRAWN);
        // A registered candidate can still withdraw, but cannot be "refused": removing a registered candidate
        // is a court's cancellation of registration, which is a different procedure outside this lifecycle.
        table.get(REGISTERED).put(WITHDRAW, WITHDRAWN);
        // REFUSED and WITHDRAWN are final: a refused or withdrawn person must be nominated again from scratch.
        table.replaceAll((status, row) -> Collections.unmodifiableMap(row));
        return Collections.unmodifiableMap(table);
    }

    /** Table first, reason second: "not allowed at all" is the more useful answer when both apply. */
    public static CandidateTransition apply(CandidateStatus from, CandidateAction action, String reason) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(action, "action");
        CandidateStatus to = TABLE.get(from).get(action);
        if (to == null) {
            Set<CandidateAction> allowed = allowed(from);
            String why = allowed.isEmpty()
                    ? "%s is not allowed: a candidacy in status %s is final".formatted(action, from)
                    : "%s is not allowed in status %s; allowed: %s".formatted(action, from, allowed);
            return new CandidateTransition.Refused(from, action, NOT_ALLOWED, why);
        }
        String stated = reason == null ? "" : reason.strip();
        if (stated.isEmpty() && requiresReason(action)) {
            return new CandidateTransition.Refused(from, action, REASON_REQUIRED,
                    "%s requires a stated reason".formatted(action));
        }
        return new CandidateTransition.Moved(from, to, stated);
    }

    public static boolean requiresReason(CandidateAction action) {
        return ACTIONS_REQUIRING_REASON.contains(Objects.requireNonNull(action, "action"));
    }

    public static Set<CandidateAction> allowed(CandidateStatus from) {
        Objects.requireNonNull(from, "from");
        Map<CandidateAction, CandidateStatus> row = TABLE.get(from);
        return row.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(CandidateAction.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(row.keySet()));
    }

    public static String mermaid() {
        return StateDiagrams.mermaid(NOMINATED, TABLE, CandidateStatus.class);
    }
}
