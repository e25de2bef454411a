package org.electora.results;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.electora.platform.Conflict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.electora.results.ProtocolAction.*;
import static org.electora.results.ProtocolStatus.*;

class ProtocolLifecycleTest {

    /** The expected table, written out independently of the production table. */
    private static final Map<ProtocolStatus, Map<ProtocolAction, ProtocolStatus>> EXPECTED = new EnumMap<>(Map.of(
            ENTERED, Map.of(VERIFY, VERIFIED, QUARANTINE, QUARANTINED, CORRECT, ENTERED, ANNUL, ANNULLED),
            VERIFIED, Map.of(ACCEPT, ACCEPTED, CORRECT, ENTERED, ANNUL, ANNULLED),
            ACCEPTED, Map.of(AMEND, AMENDED, ANNUL, ANNULLED),
            AMENDED, Map.of(ACCEPT, ACCEPTED, QUARANTINE, QUARANTINED, ANNUL, ANNULLED),
            QUARANTINED, Map.of(CORRECT, ENTERED, RELEASE, ACCEPTED, ANNUL, ANNULLED),
            ANNULLED, Map.of()));

    @Test
    void everyStatusAndActionPairFollowsTheTable() {
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrder(ProtocolStatus.values());
        for (ProtocolStatus from : ProtocolStatus.values()) {
            for (ProtocolAction action : ProtocolAction.values()) {
                Optional<ProtocolStatus> expected = Optional.ofNullable(EXPECTED.get(from).get(action));
                assertThat(ProtocolLifecycle.next(from, action)).as(from + " × " + action).isEqualTo(expected);
            }
        }
    }

    @Test
    void aForbiddenStepIsAConflictNamingWhatIsAllowed() {
        assertThatThrownBy(() -> ProtocolLifecycle.require(ACCEPTED, RELEASE))
                .isInstanceOfSatisfying(Conflict.class, c -> {
                    assertThat(c.ruleCode()).isEqualTo("RES-010");
                    assertThat(c.getMessage()).isEqualTo("A protocol that is accepted cannot be released from quarantine;"
                            + " one that is accepted can be amended, annulled");
                });
        assertThatThrownBy(() -> ProtocolLifecycle.require(ANNULLED, ACCEPT)).hasMessage(
                "A protocol that is annulled cannot be accepted; it takes no further step");
    }

    @Test
    void annulledIsFinalAndOnlyAcceptedCounts() {
        assertThat(ProtocolLifecycle.allowed(ANNULLED)).isEmpty();
        for (ProtocolStatus s : ProtocolStatus.values()) {
            assertThat(ProtocolLifecycle.counted(s)).as(s.name()).isEqualTo(s == ACCEPTED);
        }
    }

    @Test
    void everyStatusIsReachableFromEntered() {
        var reached = java.util.EnumSet.of(ENTERED);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (ProtocolStatus from : java.util.List.copyOf(reached)) {
                for (ProtocolAction a : ProtocolLifecycle.allowed(from)) {
                    grew |= reached.add(ProtocolLifecycle.next(from, a).orElseThrow());
                }
            }
        }
        assertThat(reached).containsExactlyInAnyOrder(ProtocolStatus.values());
    }

    @Test
    void theDiagramShowsEveryTransition() {
        String diagram = ProtocolLifecycle.mermaid();
        EXPECTED.forEach((from, moves) -> moves.forEach((action, to) ->
                assertThat(diagram).contains(from + " --> " + to + " : " + action)));
    }
}
