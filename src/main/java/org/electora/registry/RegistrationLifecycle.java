package org.electora.registry;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The single transition table of a voter's registration for one election. A registration starts ACTIVE (on its
 * station's list, counted); every move to another list ends it in the same transaction that starts the next one,
 * so the voter is never on two lists. Ended registrations are final: a voter who comes back gets a new registration.
 */
public final class RegistrationLifecycle {

    /** Rule code of an event a registration's status does not allow. */
    public static final String RULE_CODE = "REG-070";

    public enum Status {
        /** On the station's list and counted. */
        ACTIVE,
        /** A transfer certificate was issued: still printed on the home list, marked, and not counted there. */
        TRANSFERRED,
        /** The voter moved to another list (an approved application to vote abroad). */
        MOVED,
        /** The voter stopped being active (deceased, deprived by a court, removed): off the list. */
        STRUCK_OFF
    }

    public enum Event {
        ISSUE_TRANSFER_CERTIFICATE,
        MOVE_ABROAD,
        /** The voter's status changed away from ACTIVE ({@link VoterStatusLifecycle}). */
        STRIKE_OFF
    }

    /** The outcome of applying an event: a value, never an exception. */
    public sealed interface Transition {
        record Moved(Status from, Status to) implements Transition {
        }

        record Refused(Status from, Event event, String ruleCode, String reason) implements Transition {
        }
    }

    private static final Map<Status, Map<Event, Status>> TABLE = table();

    private RegistrationLifecycle() {
    }

    private static Map<Status, Map<Event, Status>> table() {
        var table = new EnumMap<Status, Map<Event, Status>>(Status.class);
        for (Status status : Status.values()) {
            table.put(status, new EnumMap<>(Event.class));
        }
        table.get(Status.ACTIVE).put(Event.ISSUE_TRANSFER_CERTIFICATE, Status.TRANSFERRED);
        table.get(Status.ACTIVE).put(Event.MOVE_ABROAD, Status.MOVED);
        table.get(Status.ACTIVE).put(Event.STRIKE_OFF, Status.STRUCK_OFF);
        // TRANSFERRED, MOVED and STRUCK_OFF are final: the certificate or the new list is where the voter is now.
        table.replaceAll((status, row) -> Collections.unmodifiableMap(row));
        return Collections.unmodifiableMap(table);
    }

    public static Transition apply(Status from, Event event) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(event, "event");
        Status to = TABLE.get(from).get(event);
        if (to != null) {
            return new Transition.Moved(from, to);
        }
        return new Transition.Refused(from, event, RULE_CODE,
                "%s is not allowed: a registration that is %s is final".formatted(event, from));
    }

    public static Set<Event> allowed(Status from) {
        Map<Event, Status> row = TABLE.get(Objects.requireNonNull(from, "from"));
        return row.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(row.keySet()));
    }

    /** Whether a registration in this status is on (and counted on) its station's list. */
    public static boolean counted(Status status) {
        return status == Status.ACTIVE;
    }

    public static String mermaid() {
        var sb = new StringBuilder("stateDiagram-v2\n    [*] --> ACTIVE\n");
        for (Status from : Status.values()) {
            TABLE.get(from).forEach((event, to) ->
                    sb.append("    ").append(from).append(" --> ").append(to).append(" : ").append(event).append('\n'));
            if (TABLE.get(from).isEmpty()) {
                sb.append("    ").append(from).append(" --> [*]\n");
            }
        }
        return sb.toString();
    }
}
