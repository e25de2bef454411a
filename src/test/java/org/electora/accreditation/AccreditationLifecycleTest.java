package org.electora.accreditation;

import static org.assertj.core.api.Assertions.assertThat;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AccreditationLifecycleTest {

    /** Written out by hand on purpose: the test must not trust the production table it is checking. */
    private static final Map<ApplicationStatus, Map<ReviewAction, ApplicationStatus>> EXPECTED = Map.of(
            SUBMITTED, Map.of(START_REVIEW, UNDER_REVIEW, REJECT, REJECTED),
            UNDER_REVIEW, Map.of(APPROVE, APPROVED, REJECT, REJECTED),
            APPROVED, Map.of(ISSUE_BADGE, BADGE_ISSUED),
            BADGE_ISSUED, Map.of(REVOKE, REVOKED, EXPIRE, EXPIRED),
            REJECTED, Map.of(),
            REVOKED, Map.of(),
            EXPIRED, Map.of());

    static Stream<Arguments> everyStatusAndAction() {
        return Arrays.stream(ApplicationStatus.values())
                .flatMap(s -> Arrays.stream(ReviewAction.values()).map(a -> Arguments.of(s, a)));
    }

    @Test
    void expectedTableCoversEveryStatus() {
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrder(ApplicationStatus.values());
    }

    @ParameterizedTest(name = "{0} × {1}")
    @MethodSource("everyStatusAndAction")
    void eachStatusAndActionEitherMovesToTheTableTargetOrIsRefusedWithAcc020(ApplicationStatus from, ReviewAction action) {
        ApplicationStatus expectedTarget = EXPECTED.get(from).get(action);

        ReviewTransition outcome = AccreditationLifecycle.apply(from, action, "grounds stated");

        switch (outcome) {
            case ReviewTransition.Moved moved -> {
                assertThat(expectedTarget).as("%s × %s should have been refused", from, action).isNotNull();
                assertThat(moved.from()).isEqualTo(from);
                assertThat(moved.to()).isEqualTo(expectedTarget);
                assertThat(moved.reason()).isEqualTo("grounds stated");
            }
            case ReviewTransition.Refused refused -> {
                assertThat(expectedTarget).as("%s × %s should have moved", from, action).isNull();
                assertThat(refused.ruleCode()).isEqualTo("ACC-020");
                assertThat(refused.reason()).contains(action.name()).contains(from.name());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStatus")
    void allowedActionsAreExactlyTheTableRow(ApplicationStatus status) {
        assertThat(AccreditationLifecycle.allowed(status)).containsExactlyInAnyOrderElementsOf(EXPECTED.get(status).keySet());
    }

    static Stream<ApplicationStatus> everyStatus() {
        return Arrays.stream(ApplicationStatus.values());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void rejectingOrRevokingWithoutGroundsIsRefusedWithAcc021(String reason) {
        assertThat(AccreditationLifecycle.apply(UNDER_REVIEW, REJECT, reason))
                .isInstanceOfSatisfying(ReviewTransition.Refused.class, r -> assertThat(r.ruleCode()).isEqualTo("ACC-021"));
        assertThat(AccreditationLifecycle.apply(BADGE_ISSUED, REVOKE, reason))
                .isInstanceOfSatisfying(ReviewTransition.Refused.class, r -> assertThat(r.ruleCode()).isEqualTo("ACC-021"));
    }

    @Test
    void actionsOtherThanRejectAndRevokeNeedNoReason() {
        assertThat(AccreditationLifecycle.apply(SUBMITTED, START_REVIEW, null))
                .isEqualTo(new ReviewTransition.Moved(SUBMITTED, UNDER_REVIEW, ""));
    }

    @Test
    void aForbiddenActionIsReportedAsNotAllowedEvenWithoutAReason() {
        assertThat(AccreditationLifecycle.apply(REVOKED, REVOKE, null))
                .isInstanceOfSatisfying(ReviewTransition.Refused.class, r -> assertThat(r.ruleCode()).isEqualTo("ACC-020"));
    }

    @Test
    void mermaidDiagramHasEveryTransitionAndTheDocsShowThisVeryDiagram() throws Exception {
        String mermaid = AccreditationLifecycle.mermaid();
        EXPECTED.forEach((from, row) -> row.forEach((action, to) ->
                assertThat(mermaid).contains("    " + from + " --> " + to + " : " + action + "\n")));
        assertThat(mermaid).contains("[*] --> SUBMITTED").contains("REJECTED --> [*]").contains("REVOKED --> [*]")
                .contains("EXPIRED --> [*]");
        assertThat(Files.readString(Path.of("docs/accreditation.md"))).contains(mermaid);
    }
}
