package org.electora.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.electora.registry.RegistrationLifecycle.Event.ISSUE_TRANSFER_CERTIFICATE;
import static org.electora.registry.RegistrationLifecycle.Event.MOVE_ABROAD;
import static org.electora.registry.RegistrationLifecycle.Event.STRIKE_OFF;
import static org.electora.registry.RegistrationLifecycle.Status.ACTIVE;
import static org.electora.registry.RegistrationLifecycle.Status.MOVED;
import static org.electora.registry.RegistrationLifecycle.Status.STRUCK_OFF;
import static org.electora.registry.RegistrationLifecycle.Status.TRANSFERRED;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import org.electora.registry.RegistrationLifecycle.Event;
import org.electora.registry.RegistrationLifecycle.Status;
import org.electora.registry.RegistrationLifecycle.Transition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RegistrationLifecycleTest {

    /** Written out by hand on purpose: the test must not trust the production table it is checking. */
    private static final Map<Status, Map<Event, Status>> EXPECTED = Map.of(
            ACTIVE, Map.of(ISSUE_TRANSFER_CERTIFICATE, TRANSFERRED, MOVE_ABROAD, MOVED, STRIKE_OFF, STRUCK_OFF),
            TRANSFERRED, Map.of(),
            MOVED, Map.of(),
            STRUCK_OFF, Map.of());

    static Stream<Arguments> everyStatusAndEvent() {
        return Arrays.stream(Status.values()).flatMap(s -> Arrays.stream(Event.values()).map(e -> Arguments.of(s, e)));
    }

    @Test
    void expectedTableCoversEveryStatus() {
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrder(Status.values());
    }

    @ParameterizedTest(name = "{0} × {1}")
    @MethodSource("everyStatusAndEvent")
    void eachStatusAndEventEitherMovesToTheTableTargetOrIsRefusedWithReg070(Status from, Event event) {
        Status expected = EXPECTED.get(from).get(event);

        switch (RegistrationLifecycle.apply(from, event)) {
            case Transition.Moved moved -> {
                assertThat(expected).as("%s × %s should have been refused", from, event).isNotNull();
                assertThat(moved.to()).isEqualTo(expected);
            }
            case Transition.Refused refused -> {
                assertThat(expected).as("%s × %s should have moved", from, event).isNull();
                assertThat(refused.ruleCode()).isEqualTo("REG-070");
                assertThat(refused.reason()).contains(from.name(), event.name());
            }
        }
        assertThat(RegistrationLifecycle.allowed(from)).containsExactlyInAnyOrderElementsOf(EXPECTED.get(from).keySet());
    }

    @Test
    void onlyAnActiveRegistrationIsCountedOnItsList() {
        assertThat(Arrays.stream(Status.values()).filter(RegistrationLifecycle::counted)).containsExactly(ACTIVE);
    }

    @Test
    void mermaidDiagramShowsEveryTransitionAndTheFinalStates() {
        assertThat(RegistrationLifecycle.mermaid()).startsWith("stateDiagram-v2\n    [*] --> ACTIVE\n")
                .contains("ACTIVE --> TRANSFERRED : ISSUE_TRANSFER_CERTIFICATE", "ACTIVE --> MOVED : MOVE_ABROAD",
                        "ACTIVE --> STRUCK_OFF : STRIKE_OFF", "TRANSFERRED --> [*]", "MOVED --> [*]", "STRUCK_OFF --> [*]");
    }

    @Test
    void theDiagramInTheDocsIsTheTables() throws java.io.IOException {
        String docs = java.nio.file.Files.readString(java.nio.file.Path.of("docs/register.md"));

        assertThat(docs).contains("```mermaid\n" + RegistrationLifecycle.mermaid() + "```");
    }
}
