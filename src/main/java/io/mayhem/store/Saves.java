package io.mayhem.store;

import io.mayhem.handling.PubSubMessage;
import io.mayhem.monitoring.Stats;
import io.mayhem.restart.Simulation;
import io.mayhem.tasks.Scheduler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/** Saves a request's restart event after the simulated latency; fails at the simulated save-failure rate. */
public final class Saves {

    private static final Logger LOG = Logger.getLogger(Saves.class.getName());

    private final EventStore store;
    private final Scheduler scheduler;
    private final Simulation simulation;
    private final Stats stats;

    public Saves(EventStore store, Scheduler scheduler, Simulation simulation, Stats stats) {
        this.store = store;
        this.scheduler = scheduler;
        this.simulation = simulation;
        this.stats = stats;
    }

    public CompletableFuture<Void> save(PubSubMessage msg, Executor tasks) {
        return scheduler.delay(simulation.latency()).thenRunAsync(() -> {
            if (simulation.saveFails()) {
                throw new SaveFailed("Could not save " + msg);
            }
            store.record(msg);
            msg.markSaved();
            stats.saved();
            LOG.info(() -> "Saved " + msg + " into database " + msg.tag());
        }, tasks);
    }
}
