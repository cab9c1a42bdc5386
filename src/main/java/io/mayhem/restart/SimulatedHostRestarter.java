package io.mayhem.restart;

import io.mayhem.request.RestartRequest;
import io.mayhem.tasks.Scheduler;
import java.util.concurrent.CompletableFuture;

/** Pretends to restart a host: a non-blocking delay of U(0, max-latency), then success or RestartFailed. */
public final class SimulatedHostRestarter implements HostRestarter {

    private final Scheduler scheduler;
    private final Simulation simulation;

    public SimulatedHostRestarter(Scheduler scheduler, Simulation simulation) {
        this.scheduler = scheduler;
        this.simulation = simulation;
    }

    @Override
    public CompletableFuture<Void> restart(RestartRequest request) {
        String hostname = request.hostname();
        return scheduler.delay(simulation.latency()).thenRun(() -> {
            if (simulation.restartFails()) {
                throw new RestartFailed("Could not restart " + hostname);
            }
        });
    }

    @Override
    public String describe(RestartRequest request) {
        return "simulate a restart of " + request.hostname();
    }
}
