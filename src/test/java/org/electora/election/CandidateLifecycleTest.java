package org.electora.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.electora.election.CandidateAction.REFUSE;
import static org.electora.election.CandidateAction.REGISTER;
import static org.electora.election.CandidateAction.WITHDRAW;
import static org.electora.election.CandidateStatus.NOMINATED;
import static org.electora.election.CandidateStatus.REFUSED;
import static org.electora.election.CandidateStatus.REGISTERED;
import static org.electora.election.CandidateStatus.WITHDRAWN;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CandidateLifecycleTest {

    /** Written out by hand on purpose: the test must not trust the production table it is checking. */
    private static final Map<CandidateStatus, Map<CandidateAction, CandidateStatus>> EXPECTED = Map.of(
            NOMINATED, Map.of(REGISTER, REGISTERED, REFUSE, REFUSED, WITHDRAW, WITHDRAWN),
            REGISTERED, Map.of(WITHDRAW, WITHDRAWN),
            WITHDRAWN, Map.of(),
            REFUSED, Map.of());

    static Stream<Arguments> everyStatusAndAction() {
        return Arrays.stream(CandidateStatus.values())
                .flatMap(s -> Arrays.stream(CandidateAction.values()).map(a -> Arguments.of(s, a)));
    }

    @Test
    void expectedTableCoversEveryStatus() {
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrder(CandidateStatus.values());
    }

    @ParameterizedTest(name = "{0} × {1}")
    @MethodSource("everyStatusAndAction")
    void eachStatusAndActionWithAReasonEitherMovesToTheTableTargetOrIsRefusedWithCan002(
            CandidateStatus from, CandidateAction action) {
        CandidateStatus expectedTarget = EXPECTED.get(from).get(action);

        CandidateTransition outcome = CandidateLifecycle.apply(from, action, "documents in order");

        switch (outcome) {
            case CandidateTransition.Moved moved -> {
                assertThat(expectedTarget).as("%s × %s should have been refused", from, action).isNotNull();
                assertThat(moved.from()).isEqualTo(from);
                assertThat(moved.to()).isEqualTo(expectedTarget);
                assertThat(moved.reason()).isEqualTo("documents in order");
            }
            case CandidateTransition.Refused refused -> {
                assertThat(expectedTarget).as("%s × %s should have moved", from, action).isNull();
                assertThat(refused.ruleCode()).isEqualTo("CAN-002");
                assertThat(refused.action()).isEqualTo(action);
                assertThat(refused.reason()).contains(action.name()).contains(from.name());
            }
        }
    }

    static Stream<CandidateStatus> everyStatus() {
        return Arrays.stream(CandidateStatus.values());
    }

    @ParameterizedTest
    @MethodSource("everyStatus")
    void allowedActionsAreExactlyTheTableRow(CandidateStatus status) {
        assertThat(CandidateLifecycle.allowed(status))
                .containsExactlyInAnyOrderElementsOf(EXPECTED.get(status).keySet());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\t\n"})
    void refusingANomineeWithoutGroundsIsRejectedWithCan001(String missingReason) {
        assertThat(CandidateLifecycle.apply(NOMINATED, REFUSE, missingReason))
                .isEqualTo(new CandidateTransition.Refused(NOMINATED, REFUSE, "CAN-001", "REFUSE requires a stated reason"));
    }

    @Test
    void withdrawingWithoutAReasonIsRejectedWithCan001FromEveryStatusThatAllowsWithdrawal() {
        assertThat(CandidateLifecycle.apply(NOMINATED, WITHDRAW, null))
                .isInstanceOfSatisfying(CandidateTransition.Refused.class,
                        r -> assertThat(r.ruleCode()).isEqualTo("CAN-001"));
        assertThat(CandidateLifecycle.apply(REGISTERED, WITHDRAW, " "))
                .isInstanceOfSatisfying(CandidateTransition.Refused.class,
                        r -> assertThat(r.ruleCode()).isEqualTo("CAN-001"));
    }

    @Test
    void registeringNeedsNoReason() {
        assertThat(CandidateLifecycle.apply(NOMINATED, REGISTER, null))
                .isEqualTo(new CandidateTransition.Moved(NOMINATED, REGISTERED, ""));
    }

    @Test
    void aForbiddenTransitionIsReportedAsCan002EvenWhenTheReasonIsAlsoMissing() {
        assertThat(CandidateLifecycle.apply(REFUSED, WITHDRAW, null))
                .isInstanceOfSatisfying(CandidateTransition.Refused.class,
                        r -> assertThat(r.ruleCode()).isEqualTo("CAN-002"));
    }

    @Test
    void reasonIsStoredWithoutSurroundingWhitespace() {
        assertThat(CandidateLifecycle.apply(NOMINATED, REFUSE, "  forged signatures \n"))
                .isEqualTo(new CandidateTransition.Moved(NOMINATED, REFUSED, "forged signatures"));
    }

    @Test
    void refusedAndWithdrawnCandidaciesAreFinal() {
        assertThat(CandidateLifecycle.allowed(REFUSED)).isEmpty();
        assertThat(CandidateLifecycle.allowed(WITHDRAWN)).isEmpty();
    }

    @Test
    void registeredCandidateCannotBeRefusedAnyMore() {
        assertThat(CandidateLifecycle.apply(REGISTERED, REFUSE, "late objection"))
                .isInstanceOfSatisfying(CandidateTransition.Refused.class,
                        r -> assertThat(r.ruleCode()).isEqualTo("CAN-002"));
    }

    @Test
    void everyStatusIsReachableFromNominated() {
        var reached = EnumSet.of(NOMINATED);
        var queue = new ArrayDeque<CandidateStatus>(reached);
        while (!queue.isEmpty()) {
            CandidateStatus current = queue.poll();
            for (CandidateAction action : CandidateLifecycle.allowed(current)) {
                if (CandidateLifecycle.apply(current, action, "reason") instanceof CandidateTransition.Moved moved
                        && reached.add(moved.to())) {
                    queue.add(moved.to());
                }
            }
        }
        assertThat(reached).containsExactlyInAnyOrder(CandidateStatus.values());
    }

    @Test
    void mermaidDiagramListsEveryTransitionAndMarksBothFinalStatuses() {
        assertThat(CandidateLifecycle.mermaid().lines().toList()).containsExactly(
                "stateDiagram-v2",
                "    [*] --> NOMINATED",
                "    NOMINATED --> REGISTERED : REGISTER",
                "    NOMINATED --> REFUSED : REFUSE",
                "    NOMINATED --> WITHDRAWN : WITHDRAW",
                "    REGISTERED --> WITHDRAWN : WITHDRAW",
                "    WITHDRAWN --> [*]",
                "    REFUSED --> [*]");
    }
}
