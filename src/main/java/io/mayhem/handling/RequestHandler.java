package io.mayhem.handling;

import io.mayhem.request.Outcome;
import io.mayhem.request.RestartRequest;
import io.mayhem.tasks.RootCause;
import io.mayhem.lease.InstanceLease;
import io.mayhem.lease.LeaseCapExceeded;
import io.mayhem.lease.LeaseLost;
import io.mayhem.monitoring.LeaseExtendedEvent;
import io.mayhem.monitoring.Stats;
import io.mayhem.restart.Attempts;
import io.mayhem.restart.Restarts;
import io.mayhem.tasks.Scheduler;
import io.mayhem.tasks.TrackedExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Handles one request without holding up the caller (docs/design.md section 2): one task on the work executor saves
 * and restarts concurrently, both results are handled in argument order, then the request is acked exactly
 * once. It is the {@link InstanceLease.Holder}: each heartbeat counts an extension for every request in flight
 * and fails those held past mayhem.lease.max-total; a lapsed lease stops all work at once (fencing: no restart
 * attempt starts, the running one is cancelled, nothing is acked).
 */
public final class RequestHandler implements InstanceLease.Holder {

    /** Up to this many requests in flight, each heartbeat logs one line per request, as the original did. */
    public static final int EXTENSION_LINES = 20;
    static final Duration FIRST_ACK_RETRY = Duration.ofMillis(500);
    static final Duration LAST_ACK_RETRY = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(RequestHandler.class.getName());

    private final Saves saves;
    private final Restarts restarts;
    private final InstanceLease lease;
    private final Acknowledger acks;
    private final TrackedExecutor executor;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Duration maxTotal;
    private final Stats stats;
    private final HandlingWatch watch;
    private final Set<Handling> outstanding = ConcurrentHashMap.newKeySet();

    /**
     * @param scheduler waits before an ack is tried again
     * @param maxTotal how long one request may hold its lease (mayhem.lease.max-total)
     */
    public RequestHandler(Saves saves, Restarts restarts, InstanceLease lease, Acknowledger acks,
                          TrackedExecutor executor, Scheduler scheduler, Clock clock, Duration maxTotal,
                          Stats stats, HandlingWatch watch) {
        this.saves = saves;
        this.restarts = restarts;
        this.lease = lease;
        this.acks = acks;
        this.executor = executor;
        this.scheduler = scheduler;
        this.clock = clock;
        this.maxTotal = maxTotal;
        this.stats = stats;
        this.watch = watch;
    }

    /**
     * Returns at once; the work is one task submitted to the executor. The future completes when the request
     * is acked, or fails with {@link LeaseLost} when this instance gave it up (its lease lapsed, or another
     * instance holds it now), or is cancelled by {@link #cancelAll()}.
     *
     * @param owner the lease owner the request was stored or claimed under
     */
    public CompletableFuture<Void> handle(RestartRequest msg, String owner) {
        Handling handling = new Handling(msg, owner, executor.forMessage(msg.messageId()));
        outstanding.add(handling);
        stats.started();
        handling.done.whenComplete((ignored, error) -> {
            outstanding.remove(handling);
            handling.watched.ended();
            stats.finished();
        });
        handling.tasks.execute(handling::start);
        return handling.done;
    }

    /** Requests being handled. */
    public int outstanding() {
        return outstanding.size();
    }

    /** Cancels every outstanding request that has not reached its ack: none of them will be acked by this instance. */
    public int cancelAll() {
        int count = 0;
        for (Handling handling : outstanding) {
            if (handling.stop()) {
                handling.done.cancel(false);
                count++;
            }
        }
        return count;
    }

    @Override
    public void renewed(String owner, Duration by) {
        Instant now = clock.instant();
        List<Handling> extended = new ArrayList<>();
        for (Handling handling : outstanding) {
            if (!owner.equals(handling.owner) || handling.finishing.get()) {
                continue;
            }
            if (Duration.between(handling.started, now).compareTo(maxTotal) >= 0) {
                handling.exceededCap();
            } else {
                handling.extended();
                extended.add(handling);
            }
        }
        if (extended.size() <= EXTENSION_LINES) {
            extended.forEach(handling -> handling.logExtension(by));
        } else {
            LOG.info(() -> "Extended deadline by " + by.toSeconds() + " seconds for " + extended.size()
                    + " messages (one heartbeat of owner " + owner + "; one line per message up to "
                    + EXTENSION_LINES + ")");
        }
    }

    @Override
    public void lapsed(String owner, String reason) {
        for (Handling handling : outstanding) {
            if (owner.equals(handling.owner)) {
                handling.abandon("lease lapsed: " + reason);
            }
        }
    }

    private final class Handling implements Attempts {
        final RestartRequest msg;
        final String owner;
        final Executor tasks;
        final Instant started;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final AtomicBoolean finishing = new AtomicBoolean();
        final HandlingWatch.Watched watched;
        final List<CompletableFuture<?>> work = new ArrayList<>();

        Handling(RestartRequest msg, String owner, Executor tasks) {
            this.msg = msg;
            this.owner = owner;
            this.tasks = tasks;
            this.started = clock.instant();
            this.watched = watch.started(msg);
        }

        void start() {
            if (!lease.holds(owner)) {
                abandon("lease not held when its handling started");
                return;
            }
            // the lease taken when the request was stored or claimed: the original's first extension, at once
            extended();
            logExtension(lease.extendBy());
            CompletableFuture<Throwable> saved = errorOf(() -> saves.save(msg, tasks));
            CompletableFuture<Throwable> restarted = errorOf(() -> restarts.restart(msg, tasks, this));
            saved.thenCombine(restarted, (save, restart) -> {
                List<Throwable> results = new ArrayList<>();
                results.add(save);
                results.add(restart);
                return results;
            }).thenAcceptAsync(this::finish, tasks);
        }

        @Override
        public boolean mayStart() {
            return !finishing.get() && lease.holds(owner);
        }

        @Override
        public void running(CompletableFuture<Void> attempt) {
            synchronized (this) {
                work.add(attempt);
            }
            if (finishing.get()) {
                // stopped between mayStart() and now: stop() may have missed this attempt
                attempt.cancel(false);
            }
        }

        void extended() {
            int count = msg.countExtension();
            stats.extended();
            LeaseExtendedEvent event = new LeaseExtendedEvent();
            event.messageId = msg.messageId();
            event.extendedCount = count;
            event.commit();
        }

        void logExtension(Duration by) {
            LOG.info(() -> "Extended deadline by " + by.toSeconds() + " seconds for " + msg + " " + msg.tag());
        }

        /** Marks the handling finished; true for the one caller that did, which then cancels the running work. */
        boolean stop() {
            if (!finishing.compareAndSet(false, true)) {
                return false;
            }
            List<CompletableFuture<?>> running;
            synchronized (this) {
                running = new ArrayList<>(work);
            }
            running.forEach(future -> future.cancel(false));
            return true;
        }

        void abandon(String reason) {
            if (stop()) {
                LOG.info(() -> "Abandoned " + msg + " (" + reason + "); another instance takes it over " + msg.tag());
                done.completeExceptionally(new LeaseLost(reason));
            }
        }

        void exceededCap() {
            if (stop()) {
                ack(Outcome.FAILED, new LeaseCapExceeded("Lease held longer than mayhem.lease.max-total ("
                        + maxTotal + ") for " + msg).getMessage(), FIRST_ACK_RETRY);
            }
        }

        void finish(List<Throwable> results) {
            if (!stop()) {
                return;
            }
            results.stream().filter(Objects::nonNull).forEach(error -> LOG.log(Level.WARNING,
                    () -> "Handling general error: " + error.getMessage() + " " + msg.tag()));
            String error = results.stream().filter(Objects::nonNull).map(Throwable::getMessage)
                    .collect(Collectors.joining("; "));
            ack(error.isEmpty() ? Outcome.DONE : Outcome.FAILED, error.isEmpty() ? null : error, FIRST_ACK_RETRY);
        }

        void ack(Outcome outcome, String error, Duration nextRetry) {
            CompletableFuture<Optional<Outcome>> stored;
            try {
                stored = acks.ack(msg, owner, outcome, error);
            } catch (RuntimeException e) {
                stored = CompletableFuture.failedFuture(e);
            }
            stored.whenCompleteAsync((standing, failure) -> {
                if (failure != null) {
                    retryAck(outcome, error, nextRetry, failure);
                } else if (standing.isEmpty()) {
                    LOG.info(() -> "Not acking " + msg + ": another instance holds it now " + msg.tag());
                    done.completeExceptionally(new LeaseLost("taken over before its ack"));
                } else {
                    acked(standing.get());
                }
            }, tasks);
        }

        void retryAck(Outcome outcome, String error, Duration wait, Throwable failure) {
            if (done.isDone()) {
                return;
            }
            if (!lease.holds(owner)) {
                done.completeExceptionally(new LeaseLost("lease lapsed before the ack was stored"));
                return;
            }
            LOG.warning(() -> "Could not store the ack of " + msg + " (" + RootCause.of(failure) + "); trying again in "
                    + wait.toMillis() + " ms " + msg.tag());
            Duration next = wait.multipliedBy(2).compareTo(LAST_ACK_RETRY) < 0 ? wait.multipliedBy(2) : LAST_ACK_RETRY;
            scheduler.schedule(wait, () -> tasks.execute(() -> ack(outcome, error, next)));
        }

        void acked(Outcome outcome) {
            msg.markAcked();
            stats.acked();
            if (outcome == Outcome.FAILED) {
                stats.failed();
            }
            watched.acked(outcome);
            LOG.info(() -> "Done. Acked " + msg + " " + outcome + " " + msg.tag());
            done.complete(null);
        }
    }


    private static CompletableFuture<Throwable> errorOf(Supplier<CompletableFuture<Void>> work) {
        CompletableFuture<Void> started;
        try {
            started = work.get();
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        return started.handle((ignored, error) -> error instanceof CompletionException && error.getCause() != null
                ? error.getCause() : error);
    }
}
