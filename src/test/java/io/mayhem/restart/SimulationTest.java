package io.mayhem.restart;

import static org.assertj.core.api.Assertions.assertThat;

import io.mayhem.testkit.ScriptedRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulationTest {

    @Test
    void drawsLatencyUniformlyUpToTheMaximumAndFailsBelowTheRate() {
        Simulation simulation = new Simulation(new ScriptedRandom(0.5, 0.24, 0.25, 0.1, 0.3), Duration.ofSeconds(2),
                0.25, 0.2);

        assertThat(simulation.latency()).isEqualTo(Duration.ofSeconds(1));
        assertThat(simulation.restartFails()).isTrue();
        assertThat(simulation.restartFails()).isFalse();
        assertThat(simulation.saveFails()).isTrue();
        assertThat(simulation.saveFails()).isFalse();
        assertThat(new Simulation(new ScriptedRandom(0.2), Duration.ZERO, 0.2, 0.2).saveFails()).isFalse();
        assertThat(new Simulation(new ScriptedRandom(0.2), Duration.ZERO, 0.2, 0.2).restartFails()).isFalse();
    }
}
