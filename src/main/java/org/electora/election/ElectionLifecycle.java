package org.electora.election;

import static org.electora.election.ElectionAction.CALL;
import static org.electora.election.ElectionAction.CERTIFY_RESULTS;
import static org.electora.election.ElectionAction.CLOSE_POLLS;
import static org.electora.election.ElectionAction.OPEN_NOMINATIONS;
import static org.electora.election.ElectionAction.OPEN_POLLS;
import static org.electora.election.ElectionAction.START_CAMPAIGN;
import static org.electora.election.ElectionStatus.CALLED;
import static org.electora.election.ElectionStatus.CAMPAIGN;
import static org.electora.election.ElectionStatus.COUNTING;
import static org.electora.election.ElectionStatus.DRAFT;
import static org.electora.election.ElectionStatus.NOMINATIONS;
import static org.electora.election.ElectionStatus.POLLING;
import static org.electora.election.ElectionStatus.RESULTS_CERTIFIED;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.electora.platform.StateDiagrams;

/**
 * The single transition table of an election. Everything that needs to know whether an action is allowed
 * (services, pages hiding buttons, the generated diagram) asks this class, so the rules live in one place.
 */
public final class ElectionLifecycle {

    /** Rule code shown to users and written to the audit log when an action is not allowed in a status. */
    public static final String RULE_CODE = "ELE-010";

    private static final Map<ElectionStatus, Map<ElectionAction, ElectionStatus>> TABLE = table();

    private ElectionLifecycle() {
    }

    private static Map<ElectionStatus, Map<ElectionAction, ElectionStatus>> table() {
        var table = new EnumMap<ElectionStatus, Map<ElectionAction, ElectionStatus>>(ElectionStatus.class);
        for (ElectionStatus status : ElectionStatus.values()) {
            table.put(status, new EnumMap<>(ElectionAction.class));
        }
        // The election process is strictly linear: the law gives no way back once a phase has started
        // (a cancelled election is a new election, not a rewind of this one).
        table.get(DRAFT).put(CALL, CALLED);
        table.get(CALLED).put(OPEN_NOMINATIONS, NOMINATIONS);
        table.get(NOMINATIONS).put(START_CAMPAIGN, CAMPAIGN);
        table.get(CAMPAIGN).put(OPEN_POLLS, POLLING);
        table.get(POLLING).put(CLOSE_POLLS, COUNTING);
        table.get(COUNTING).put(CERTIFY_RESULTS, RESULTS_CERTIFIED);
        // RESULTS_CERTIFIED has no row entries: certified results are final.
        table.replaceAll((status, row) -> Collections.unmodifiableMap(row));
        return Collections.unmodifiableMap(table);
    }

    public static Transition apply(ElectionStatus from, ElectionAction action) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(action, "action");
        ElectionStatus to = TABLE.get(from).get(action);
        if (to != null) {
            return new Transition.Moved(from, to);
        }
        Set<ElectionAction> allowed = allowed(from);
        String reason = allowed.isEmpty()
                ? "%s is not allowed: an election in status %s is final".formatted(action, from)
                : "%s is not allowed in status %s; allowed: %s".formatted(action, from, allowed);
        return new Transition.Refused(from, action, RULE_CODE, reason);
    }

    public static Set<ElectionAction> allowed(ElectionStatus from) {
        Objects.requireNonNull(from, "from");
        Map<ElectionAction, ElectionStatus> row = TABLE.get(from);
        return row.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(ElectionAction.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(row.keySet()));
    }

    public static String mermaid() {
        return StateDiagrams.mermaid(DRAFT, TABLE, ElectionStatus.class);
    }
}
