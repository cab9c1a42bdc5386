package io.mayhem.handling;

import io.mayhem.request.RestartRequest;
import io.mayhem.monitoring.Stats;
import io.mayhem.restart.Simulation;
import io.mayhem.tasks.Scheduler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * Saves a request's restart event (the original's "save into database") after the simulated latency; fails at
 * the simulated save-failure rate. The write goes through the {@link EventJournal}, which group-commits it
 * with the other requests' events.
 */
public final class Saves {

    private static final Logger LOG = Logger.getLogger(Saves.class.getName());

    private final EventJournal journal;
    private final Scheduler scheduler;
    private final Simulation simulation;
    private final Stats stats;

    public Saves(EventJournal journal, Scheduler scheduler, Simulation simulation, Stats stats) {
        this.journal = journal;
        this.scheduler = scheduler;
        this.simulation = simulation;
        this.stats = stats;
    }

    /** Returns at once; the future completes when the event is stored, or fails with {@link SaveFailed} or the store's error. */
    public CompletableFuture<Void> save(RestartRequest msg, Executor tasks) {
        return scheduler.delay(simulation.latency())
                .thenComposeAsync(ignored -> {
                    if (simulation.saveFails()) {
                        throw new SaveFailed("Could not save " + msg);
                    }
                    return journal.record(msg);
                }, tasks)
                .thenRunAsync(() -> {
                    msg.markSaved();
                    stats.saved();
                    LOG.info(() -> "Saved " + msg + " into database " + msg.tag());
                }, tasks);
    }
}
