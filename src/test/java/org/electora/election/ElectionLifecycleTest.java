package org.electora.election;

import static org.assertj.core.api.Assertions.assertThat;
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

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ElectionLifecycleTest {

    /** Written out by hand on purpose: the test must not trust the production table it is checking. */
    private static final Map<ElectionStatus, Map<ElectionAction, ElectionStatus>> EXPECTED = Map.of(
            DRAFT, Map.of(CALL, CALLED),
            CALLED, Map.of(OPEN_NOMINATIONS, NOMINATIONS),
            NOMINATIONS, Map.of(START_CAMPAIGN, CAMPAIGN),
            CAMPAIGN, Map.of(OPEN_POLLS, POLLING),
            POLLING, Map.of(CLOSE_POLLS, COUNTING),
            COUNTING, Map.of(CERTIFY_RESULTS, RESULTS_CERTIFIED),
            RESULTS_CERTIFIED, Map.of());

    static Stream<Arguments> everyStatusAndAction() {
        return Arrays.stream(ElectionStatus.values())
                .flatMap(s -> Arrays.stream(ElectionAction.values()).map(a -> Arguments.of(s, a)));
    }

    @Test
    void expectedTableCoversEveryStatus() {
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrder(ElectionStatus.values());
    }

    @ParameterizedTest(name = "{0} × {1}")
    @MethodSource("everyStatusAndAction")
    void eachStatusAndActionEitherMovesToTheTableTargetOrIsRefusedWithEle010(
            ElectionStatus from, ElectionAction action) {
        ElectionStatus expectedTarget = EXPECTED.get(from).get(action);

        Transition outcome = ElectionLifecycle.apply(from, action);

        switch (outcome) {
            case Transition.Moved moved -> {
                assertThat(expectedTarget).as("%s × %s should have been refused", from, action).isNotNull();
                assertThat(moved.from()).isEqualTo(from);
                assertThat(moved.to()).isEqualTo(expectedTarget);
            }
            case Transition.Refused refused -> {
                assertThat(expectedTarget).as("%s × %s should have moved", from, action).isNull();
                assertThat(refused.ruleCode()).isEqualTo("ELE-010");
                assertThat(refused.from()).isEqualTo(from);
                assertThat(refused.action()).isEqualTo(action);
                assertThat(refused.reason()).contains(action.name()).contains(from.name());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("everyStatus")
    void allowedActionsAreExactlyTheTableRow(ElectionStatus status) {
        assertThat(ElectionLifecycle.allowed(status)).containsExactlyInAnyOrderElementsOf(EXPECTED.get(status).keySet());
    }

    static Stream<ElectionStatus> everyStatus() {
        return Arrays.stream(ElectionStatus.values());
    }

    @Test
    void certifiedResultsAreFinal() {
        assertThat(ElectionLifecycle.allowed(RESULTS_CERTIFIED)).isEmpty();
        for (ElectionAction action : ElectionAction.values()) {
            assertThat(ElectionLifecycle.apply(RESULTS_CERTIFIED, action)).isInstanceOf(Transition.Refused.class);
        }
    }

    @Test
    void rejectsCertificationBeforeCounting() {
        assertThat(ElectionLifecycle.apply(POLLING, CERTIFY_RESULTS))
                .isEqualTo(new Transition.Refused(POLLING, CERTIFY_RESULTS, "ELE-010",
                        "CERTIFY_RESULTS is not allowed in status POLLING; allowed: [CLOSE_POLLS]"));
    }

    @Test
    void everyStatusIsReachableFromDraft() {
        var reached = EnumSet.of(DRAFT);
        var queue = new ArrayDeque<ElectionStatus>(reached);
        while (!queue.isEmpty()) {
            ElectionStatus current = queue.poll();
            for (ElectionAction action : ElectionLifecycle.allowed(current)) {
                if (ElectionLifecycle.apply(current, action) instanceof Transition.Moved(var from, var to)
                        && reached.add(to)) {
                    queue.add(to);
                }
            }
        }
        assertThat(reached).containsExactlyInAnyOrder(ElectionStatus.values());
    }

    @Test
    void mermaidDiagramNamesEveryStatusAndEveryTransition() {
        String mermaid = ElectionLifecycle.mermaid();

        assertThat(mermaid).startsWith("stateDiagram-v2\n").contains("[*] --> DRAFT");
        for (ElectionStatus status : ElectionStatus.values()) {
            assertThat(mermaid).contains(status.name());
        }
        EXPECTED.forEach((from, row) -> row.forEach((action, to) ->
                assertThat(mermaid).contains(from + " --> " + to + " : " + action)));
        assertThat(mermaid).contains("RESULTS_CERTIFIED --> [*]");
    }

    @Test
    void mermaidDiagramIsDeterministic() {
        assertThat(ElectionLifecycle.mermaid()).isEqualTo(ElectionLifecycle.mermaid());
        assertThat(ElectionLifecycle.mermaid().lines().toList()).containsExactly(
                "stateDiagram-v2",
                "    [*] --> DRAFT",
                "    DRAFT --> CALLED : CALL",
                "    CALLED --> NOMINATIONS : OPEN_NOMINATIONS",
                "    NOMINATIONS --> CAMPAIGN : START_CAMPAIGN",
                "    CAMPAIGN --> POLLING : OPEN_POLLS",
                "    POLLING --> COUNTING : CLOSE_POLLS",
                "    COUNTING --> RESULTS_CERTIFIED : CERTIFY_RESULTS",
                "    RESULTS_CERTIFIED --> [*]");
    }
}
