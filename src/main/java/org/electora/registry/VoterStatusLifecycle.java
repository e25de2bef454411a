package org.electora.registry;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.electora.platform.StateDiagrams;

/**
 * The single transition table of a voter's status in the register. Every change carries a reason and an effective
 * date, court decisions also their reference; a voter who stops being ACTIVE is struck off the lists of every
 * election in preparation in the same transaction (docs/register.md).
 */
public final class VoterStatusLifecycle {

    /** Rule code of an action the voter's status does not allow. */
    public static final String RULE_CODE = "REG-100";

    /** The statuses of the {@code voter} table. */
    public enum Status {
        /** In the register and entitled to be on a list. */
        ACTIVE,
        DECEASED,
        /** Deprived of voting rights by a court decision; a later court decision may restore them. */
        DEPRIVED,
        /** Taken out of the register by the registry (e.g. a duplicate of another voter, loss of citizenship). */
        REMOVED
    }

    public enum Action {
        DECLARE_DECEASED,
        DEPRIVE_BY_COURT,
        RESTORE_BY_COURT,
        REMOVE,
        /** Undoes a removal found wrong (e.g. a merge of two different people), or a death recorded in error. */
        REINSTATE;

        /** Whether the action rests on a court decision, whose reference it must then carry. */
        public boolean courtDecision() {
            return this == DEPRIVE_BY_COURT || this == RESTORE_BY_COURT;
        }
    }

    /** The outcome of applying an action: a value, never an exception. */
    public sealed interface Transition {
        record Moved(Status from, Status to) implements Transition {
        }

        record Refused(Status from, Action action, String ruleCode, String reason) implements Transition {
        }
    }

    private static final Map<Status, Map<Action, Status>> TABLE = table();

    private VoterStatusLifecycle() {
    }

    private static Map<Status, Map<Action, Status>> table() {
        var table = new EnumMap<Status, Map<Action, Status>>(Status.class);
        for (Status status : Status.values()) {
            table.put(status, new EnumMap<>(Action.class));
        }
        table.get(Status.ACTIVE).put(Action.DECLARE_DECEASED, Status.DECEASED);
        table.get(Status.ACTIVE).put(Action.DEPRIVE_BY_COURT, Status.DEPRIVED);
        table.get(Status.ACTIVE).put(Action.REMOVE, Status.REMOVED);
        // Only a court gives back what a court took away.
        table.get(Status.DEPRIVED).put(Action.RESTORE_BY_COURT, Status.ACTIVE);
        table.get(Status.DEPRIVED).put(Action.DECLARE_DECEASED, Status.DECEASED);
        table.get(Status.DEPRIVED).put(Action.REMOVE, Status.REMOVED);
        table.get(Status.REMOVED).put(Action.REINSTATE, Status.ACTIVE);
        // A death the registry recorded is kept by every later import (RegisterImporter, REG-149), so a death
        // recorded in error is undone here, by a decision with its reason, as a removal found wrong is.
        table.get(Status.DECEASED).put(Action.REINSTATE, Status.ACTIVE);
        table.replaceAll((status, row) -> Collections.unmodifiableMap(row));
        return Collections.unmodifiableMap(table);
    }

    public static Transition apply(Status from, Action action) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(action, "action");
        Status to = TABLE.get(from).get(action);
        if (to != null) {
            return new Transition.Moved(from, to);
        }
        Set<Action> allowed = allowed(from);
        return new Transition.Refused(from, action, RULE_CODE, allowed.isEmpty()
                ? "%s is not allowed: a voter who is %s stays so".formatted(action, from)
                : "%s is not allowed for a voter who is %s; allowed: %s".formatted(action, from, allowed));
    }

    public static Set<Action> allowed(Status from) {
        Map<Action, Status> row = TABLE.get(Objects.requireNonNull(from, "from"));
        return row.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(row.keySet()));
    }

    public static String mermaid() {
        return StateDiagrams.mermaid(Status.ACTIVE, TABLE, Status.class);
    }
}
