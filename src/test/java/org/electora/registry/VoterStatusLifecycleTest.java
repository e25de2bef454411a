package org.electora.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.electora.registry.VoterStatusLifecycle.Action.DECLARE_DECEASED;
import static org.electora.registry.VoterStatusLifecycle.Action.DEPRIVE_BY_COURT;
import static org.electora.registry.VoterStatusLifecycle.Action.REINSTATE;
import static org.electora.registry.VoterStatusLifecycle.Action.REMOVE;
import static org.electora.registry.VoterStatusLifecycle.Action.RESTORE_BY_COURT;
import static org.electora.registry.VoterStatusLifecycle.Status.ACTIVE;
import static org.electora.registry.VoterStatusLifecycle.Status.DECEASED;
import static org.electora.registry.VoterStatusLifecycle.Status.DEPRIVED;
import static org.electora.registry.VoterStatusLifecycle.Status.REMOVED;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import org.electora.registry.VoterStatusLifecycle.Action;
import org.electora.registry.VoterStatusLifecycle.Status;
import org.electora.registry.VoterStatusLifecycle.Transition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

public class VoterStatusLifecycleTest {

    /** Written out by hand on purpose: the test must not trust the production table it is checking. */
    public static final Map<Status, Map<Action, Status>> EXPECTED = Map.of(
            ACTIVE, Map.of(DECLARE_DECEASED, DECEASED, DEPRIVE_BY_COURT, DEPRIVED, REMOVE, REMOVED),
            DEPRIVED, Map.of(RESTORE_BY_COURT, ACTIVE, DECLARE_DECEASED, DECEASED, REMOVE, REMOVED),
            REMOVED, Map.of(REINSTATE, ACTIVE),
            DECEASED, Map.of(REINSTATE, ACTIVE));

    static Stream<Arguments> everyStatusAndAction() {
        return Arrays.stream(Status.values()).flatMap(s -> Arrays.stream(Action.values()).map(a -> Arguments.of(s, a)));
    }

    @Test
    void expectedTableCoversEveryStatus() {
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrder(Status.values());
    }

    @ParameterizedTest(name = "{0} × {1}")
    @MethodSource("everyStatusAndAction")
    void eachStatusAndActionEitherMovesToTheTableTargetOrIsRefusedWithReg100(Status from, Action action) {
        Status expected = EXPECTED.get(from).get(action);

        switch (VoterStatusLifecycle.apply(from, action)) {
            case Transition.Moved moved -> {
                assertThat(expected).as("%s × %s should have been refused", from, action).isNotNull();
                assertThat(moved.to()).isEqualTo(expected);
            }
            case Transition.Refused refused -> {
                assertThat(expected).as("%s × %s should have moved", from, action).isNull();
                assertThat(refused.ruleCode()).isEqualTo("REG-100");
                assertThat(refused.reason()).contains(from.name(), action.name());
            }
        }
        assertThat(VoterStatusLifecycle.allowed(from)).containsExactlyInAnyOrderElementsOf(EXPECTED.get(from).keySet());
    }

    @Test
    void onlyCourtDecisionsNeedADecisionReference() {
        assertThat(Arrays.stream(Action.values()).filter(Action::courtDecision)).containsExactlyInAnyOrder(DEPRIVE_BY_COURT, RESTORE_BY_COURT);
    }

    @Test
    void onlyACourtRestoresAVoterACourtDeprived() {
        assertThat(Arrays.stream(Action.values()).filter(a -> VoterStatusLifecycle.apply(DEPRIVED, a) instanceof Transition.Moved m
                && m.to() == ACTIVE)).containsExactly(RESTORE_BY_COURT);
    }

    @Test
    void theDiagramInTheDocsIsTheTables() throws java.io.IOException {
        String docs = java.nio.file.Files.readString(java.nio.file.Path.of("docs/register.md"));

        assertThat(VoterStatusLifecycle.mermaid()).contains("DEPRIVED --> ACTIVE : RESTORE_BY_COURT", "DECEASED --> ACTIVE : REINSTATE");
        assertThat(docs).contains("```mermaid\n" + VoterStatusLifecycle.mermaid() + "```");
    }
}
