package io.mayhem.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import io.mayhem.configuration.RestarterSettings;
import io.mayhem.configuration.RestarterSettings.Texts;
import io.mayhem.kubernetes.Kubernetes;
import io.mayhem.kubernetes.PodRestarter;
import io.mayhem.kubernetes.PodSelectorTargets;
import io.mayhem.publishing.FixedTargets;
import io.mayhem.publishing.RandomCattle;
import io.mayhem.request.RestartRequest;
import io.mayhem.restart.CommandHostRestarter;
import io.mayhem.restart.HttpHostRestarter;
import io.mayhem.restart.SimulatedHostRestarter;
import io.mayhem.restart.Simulation;
import io.mayhem.testkit.ScriptedRandom;
import io.mayhem.testkit.VirtualScheduler;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RestarterWiringTest {

    VirtualScheduler time = new VirtualScheduler();
    Simulation simulation = new Simulation(new ScriptedRandom(0.5), Duration.ofSeconds(1), 0.25, 0.25);
    Kubernetes kubernetes = mock(Kubernetes.class);
    AtomicInteger connections = new AtomicInteger();
    RestartRequest request = new RestartRequest("6f1c6a2e-0000-4000-8000-000000000001", "web-1", "example.net");

    RestarterWiring wiring(String restarter, String command, String url, String targets) {
        return new RestarterWiring(RestarterSettings.of(new Texts(restarter, "60s", command, url, null, "chaos", "30s",
                null, targets)), () -> {
                    connections.incrementAndGet();
                    return kubernetes;
                });
    }

    @Test
    void theDefaultsAreTheOriginalsSimulationAndRandomCattleWithoutKubernetes() {
        RestarterWiring wiring = wiring("simulated", null, null, "random");

        assertThat(wiring.restarter(time, simulation)).isInstanceOf(SimulatedHostRestarter.class);
        assertThat(wiring.targets(new Random(1), time.clock())).isInstanceOf(RandomCattle.class);
        assertThat(wiring.summary()).isEqualTo("Restarting hosts with the simulated restarter, publishing for random targets");
        wiring.close();
        assertThat(connections).hasValue(0);
    }

    @Test
    void buildsTheCommandAndHttpRestartersAndAListOfTargets() {
        RestarterWiring command = wiring("command", "ssh,{hostname},reboot", null, "list:web-1,web-2");
        RestarterWiring http = wiring("http", null, "https://chaos.example.net/restart", "random");

        assertThat(command.restarter(time, simulation)).isInstanceOf(CommandHostRestarter.class)
                .satisfies(r -> assertThat(r.describe(request)).isEqualTo("run [ssh, web-1.example.net, reboot]"));
        assertThat(command.targets(new Random(1), time.clock())).isInstanceOf(FixedTargets.class);
        assertThat(http.restarter(time, simulation)).isInstanceOf(HttpHostRestarter.class)
                .satisfies(r -> assertThat(r.describe(request)).isEqualTo("POST to https://chaos.example.net/restart"));
        assertThat(command.summary()).isEqualTo("Restarting hosts with the command restarter (dry run: restarts are "
                + "only described), publishing for list targets");
        assertThat(connections).hasValue(0);
    }

    @Test
    void connectsToKubernetesOnceForTheRestarterAndTheSelectorAndClosesIt() {
        RestarterWiring wiring = wiring("kubernetes", null, null, "selector:app=web");

        assertThat(wiring.restarter(time, simulation)).isInstanceOf(PodRestarter.class);
        assertThat(wiring.targets(new Random(1), time.clock())).isInstanceOf(PodSelectorTargets.class);
        verifyNoInteractions(kubernetes);
        wiring.close();
        wiring.close();

        assertThat(connections).hasValue(1);
        verify(kubernetes, times(1)).close();
    }
}
