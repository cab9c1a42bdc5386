package io.mayhem.restart;

import io.mayhem.configuration.Durations;
import io.mayhem.request.RestartRequest;
import io.mayhem.monitoring.Stats;
import io.mayhem.tasks.Cancellable;
import io.mayhem.tasks.Scheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Restarts a request's host, retrying {@link RestartFailed} with exponential backoff up to max-attempts (the
 * original only logged "Retrying for failure to restart"); {@link RestartRejected} and any other error end it at
 * once. An attempt not done within the timeout ({@code mayhem.restarter.timeout}) is cancelled, which stops it, and
 * counts as a {@link RestartFailed}. Each attempt starts only when {@link Attempts#mayStart()} allows it; otherwise
 * the restart fails with {@link RestartFenced}.
 */
public final class Restarts {

    private static final Logger LOG = Logger.getLogger(Restarts.class.getName());

    private final HostRestarter restarter;
    private final Scheduler scheduler;
    private final Stats stats;
    private final int maxAttempts;
    private final Duration backoff;
    private final Duration timeout;

    /** Attempts without a time limit (the simulated restarter's end by themselves): for tests of the other rules. */
    public Restarts(HostRestarter restarter, Scheduler scheduler, Stats stats, int maxAttempts, Duration backoff) {
        this(restarter, scheduler, stats, maxAttempts, backoff, null);
    }

    /**
     * @param scheduler the backoff's delays and the attempts' timeouts
     * @param maxAttempts attempts per request, at least 1 (mayhem.restart.max-attempts)
     * @param backoff the wait before the first retry, doubled for each further one (mayhem.restart.backoff)
     * @param timeout how long one attempt may take (mayhem.restarter.timeout); null for no limit
     */
    public Restarts(HostRestarter restarter, Scheduler scheduler, Stats stats, int maxAttempts, Duration backoff,
                    Duration timeout) {
        this.restarter = restarter;
        this.scheduler = scheduler;
        this.stats = stats;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.timeout = timeout;
    }

    /** Restarts without a lease to guard it. */
    public CompletableFuture<Void> restart(RestartRequest msg, Executor tasks) {
        return restart(msg, tasks, Attempts.unguarded());
    }

    /**
     * Returns at once; the future completes when the host restarted, or fails with the last attempt's error,
     * or with {@link RestartFenced} when an attempt was not allowed to start. Continuations run on {@code tasks}.
     */
    public CompletableFuture<Void> restart(RestartRequest msg, Executor tasks, Attempts attempts) {
        if (!attempts.mayStart()) {
            return CompletableFuture.failedFuture(new RestartFenced("Not restarting " + msg.hostname()
                    + ": the request's lease is no longer held here, or it is finished"));
        }
        int attempt = msg.countRestartAttempt();
        CompletableFuture<Void> running = restarter.restart(msg);
        attempts.running(running);
        return bounded(msg, running)
                .thenRunAsync(() -> {
                    msg.markRestarted();
                    stats.restarted();
                    LOG.info(() -> "Restarted " + msg.hostname() + " " + msg.tag());
                }, tasks)
                .exceptionallyComposeAsync(error -> retryOrFail(msg, tasks, attempts, attempt, unwrap(error)), tasks);
    }

    /**
     * The attempt, or a {@link RestartFailed} once the timeout passed; then the attempt is cancelled, which stops it
     * (a command's process tree is killed, an HTTP exchange aborted).
     */
    private CompletableFuture<Void> bounded(RestartRequest msg, CompletableFuture<Void> running) {
        if (timeout == null || running.isDone()) {
            return running;
        }
        CompletableFuture<Void> bounded = new CompletableFuture<>();
        Cancellable timer = scheduler.schedule(timeout, () -> {
            if (bounded.completeExceptionally(new RestartFailed("Restart of " + msg.hostname() + " timed out after "
                    + Durations.format(timeout)))) {
                running.cancel(true);
            }
        });
        running.whenComplete((ignored, error) -> {
            timer.cancel();
            if (error == null) {
                bounded.complete(null);
            } else {
                bounded.completeExceptionally(unwrap(error));
            }
        });
        return bounded;
    }

    private CompletableFuture<Void> retryOrFail(RestartRequest msg, Executor tasks, Attempts attempts, int attempt,
                                                Throwable error) {
        if (!(error instanceof RestartFailed) || attempt >= maxAttempts) {
            return CompletableFuture.failedFuture(error);
        }
        stats.restartRetried();
        LOG.log(Level.WARNING, () -> "Retrying for failure to restart: " + msg.hostname() + " " + msg.tag());
        Duration wait = backoff.multipliedBy(1L << Math.min(attempt - 1, 16));
        return scheduler.delay(wait).thenComposeAsync(ignored -> restart(msg, tasks, attempts), tasks);
    }

    static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
