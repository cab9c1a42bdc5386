package io.mayhem.restart;

import io.mayhem.handling.PubSubMessage;
import io.mayhem.monitoring.Stats;
import io.mayhem.tasks.Scheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Restarts a request's host, retrying {@link RestartFailed} with exponential backoff up to max-attempts. */
public final class Restarts {

    private static final Logger LOG = Logger.getLogger(Restarts.class.getName());

    private final HostRestarter restarter;
    private final Scheduler scheduler;
    private final Stats stats;
    private final int maxAttempts;
    private final Duration backoff;

    public Restarts(HostRestarter restarter, Scheduler scheduler, Stats stats, int maxAttempts, Duration backoff) {
        this.restarter = restarter;
        this.scheduler = scheduler;
        this.stats = stats;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
    }

    public CompletableFuture<Void> restart(PubSubMessage msg, Executor tasks) {
        int attempt = msg.countRestartAttempt();
        return restarter.restart(msg.hostname())
                .thenRunAsync(() -> {
                    msg.markRestarted();
                    stats.restarted();
                    LOG.info(() -> "Restarted " + msg.hostname() + " " + msg.tag());
                }, tasks)
                .exceptionallyComposeAsync(error -> retryOrFail(msg, tasks, attempt, unwrap(error)), tasks);
    }

    private CompletableFuture<Void> retryOrFail(PubSubMessage msg, Executor tasks, int attempt, Throwable error) {
        if (!(error instanceof RestartFailed) || attempt >= maxAttempts) {
            return CompletableFuture.failedFuture(error);
        }
        stats.restartRetried();
        LOG.log(Level.WARNING, () -> "Retrying for failure to restart: " + msg.hostname() + " " + msg.tag());
        Duration wait = backoff.multipliedBy(1L << Math.min(attempt - 1, 16));
        return scheduler.delay(wait).thenComposeAsync(ignored -> restart(msg, tasks), tasks);
    }

    static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
