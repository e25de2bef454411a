package org.electora.demo.internal;

import org.electora.registry.RegisterSample;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoRegisterCommandTest {

    @Test
    void fullMeansTheDemoRepublicsSizeAndNothingMeansNoCommand() {
        assertThat(DemoRegisterCommand.spec("FULL")).isEqualTo(RegisterSample.Spec.demoRepublic(DemoRepublicLoader.SAMPLE_SEED));
        assertThat(DemoRegisterCommand.spec("full").voters()).isEqualTo(6_500_000);
        assertThat(DemoRegisterCommand.spec("")).isNull();
        assertThat(DemoRegisterCommand.spec(null)).isNull();
    }

    @Test
    void aNumberLoadsThatManyVotersWithFewerBusinessTrips() {
        RegisterSample.Spec spec = DemoRegisterCommand.spec("20_000");
        assertThat(spec.voters()).isEqualTo(20_000);
        assertThat(spec.businessTrips()).isEqualTo(6);
    }

    @Test
    void refusesAnythingElse() {
        assertThatThrownBy(() -> DemoRegisterCommand.spec("HUGE")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FULL or a number");
        assertThatThrownBy(() -> DemoRegisterCommand.spec("-5")).isInstanceOf(IllegalArgumentException.class);
    }
}
