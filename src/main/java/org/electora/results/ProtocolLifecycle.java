package org.electora.results;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.electora.results.ProtocolAction.ACCEPT;
import static org.electora.results.ProtocolAction.AMEND;
import static org.electora.results.ProtocolAction.ANNUL;
import static org.electora.results.ProtocolAction.CORRECT;
import static org.electora.results.ProtocolAction.QUARANTINE;
import static org.electora.results.ProtocolAction.RELEASE;
import static org.electora.results.ProtocolAction.VERIFY;
import static org.electora.results.ProtocolStatus.ACCEPTED;
import static org.electora.results.ProtocolStatus.AMENDED;
import static org.electora.results.ProtocolStatus.ANNULLED;
import static org.electora.results.ProtocolStatus.ENTERED;
import static org.electora.results.ProtocolStatus.QUARANTINED;
import static org.electora.results.ProtocolStatus.VERIFIED;

/** The one transition table of a protocol: status × action → status. */
public final class ProtocolLifecycle {

    private static final Map<ProtocolStatus, Map<ProtocolAction, ProtocolStatus>> TABLE = new EnumMap<>(ProtocolStatus.class);

    static {
        TABLE.put(ENTERED, Map.of(VERIFY, VERIFIED, QUARANTINE, QUARANTINED, CORRECT, ENTERED, ANNUL, ANNULLED));
        TABLE.put(VERIFIED, Map.of(ACCEPT, ACCEPTED, CORRECT, ENTERED, ANNUL, ANNULLED));
        TABLE.put(ACCEPTED, Map.of(AMEND, AMENDED, ANNUL, ANNULLED));
        TABLE.put(AMENDED, Map.of(ACCEPT, ACCEPTED, QUARANTINE, QUARANTINED, ANNUL, ANNULLED));
        TABLE.put(QUARANTINED, Map.of(CORRECT, ENTERED, RELEASE, ACCEPTED, ANNUL, ANNULLED));
        TABLE.put(ANNULLED, Map.of());
    }

    private ProtocolLifecycle() {
    }

    public static Optional<ProtocolStatus> next(ProtocolStatus from, ProtocolAction action) {
        return Optional.ofNullable(TABLE.get(from).get(action));
    }

    /**
     * The next status, or a {@link org.electora.platform.Conflict} with rule RES-010 saying, in words, what the
     * protocol's status allows (e.g. "A protocol that is annulled cannot be accepted; it takes no further step").
     */
    public static ProtocolStatus require(ProtocolStatus from, ProtocolAction action) {
        return next(from, action).orElseThrow(() -> {
            String status = from.name().toLowerCase(Locale.ROOT);
            String allowed = allowed(from).stream().sorted().map(ProtocolLifecycle::done).collect(Collectors.joining(", "));
            return new org.electora.platform.Conflict("RES-010", "A protocol that is " + status + " cannot be " + done(action)
                    + (allowed.isEmpty() ? "; it takes no further step"
                            : "; one that is " + status + " can be " + allowed));
        });
    }

    /** The action as the status it leaves a protocol in, in words: "accepted", "released from quarantine". */
    private static String done(ProtocolAction action) {
        return switch (action) {
            case VERIFY -> "verified";
            case ACCEPT -> "accepted";
            case QUARANTINE -> "quarantined";
            case CORRECT -> "corrected";
            case RELEASE -> "released from quarantine";
            case AMEND -> "amended";
            case ANNUL -> "annulled";
        };
    }

    public static Set<ProtocolAction> allowed(ProtocolStatus from) {
        return Collections.unmodifiableSet(TABLE.get(from).keySet());
    }

    /** Whether the numbers of a protocol in this status are in the totals. */
    public static boolean counted(ProtocolStatus status) {
        return status == ACCEPTED;
    }

    public static String mermaid() {
        return org.electora.platform.StateDiagrams.mermaid(ENTERED, TABLE, ProtocolStatus.class);
    }
}
