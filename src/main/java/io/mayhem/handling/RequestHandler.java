package io.mayhem.handling;

import io.mayhem.guardrails.Guardrails;
import io.mayhem.lease.InFlight;
import io.mayhem.lease.LeaseLost;
import io.mayhem.monitoring.LeaseExtendedEvent;
import io.mayhem.monitoring.Stats;
import io.mayhem.request.Outcome;
import io.mayhem.request.RestartRequest;
import io.mayhem.restart.Attempts;
import io.mayhem.restart.Restarts;
import io.mayhem.tasks.RootCause;
import io.mayhem.tasks.Scheduler;
import io.mayhem.tasks.TrackedExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Handles one request without holding up the caller (docs/design.md section 2): one task on the work executor saves
 * and restarts concurrently, both results are handled in argument order, then the request is acked exactly
 * once. Each request is recorded in {@link InFlight} while it is handled, whose lease rules decide when it is
 * extended, failed for holding its lease too long, or given up when the lease lapses (fencing: no restart
 * attempt starts, the running one is cancelled, nothing is acked); this class does what they decide.
 */
public final class RequestHandler {

    static final Duration FIRST_ACK_RETRY = Duration.ofMillis(500);
    static final Duration LAST_ACK_RETRY = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(RequestHandler.class.getName());

    private final Saves saves;
    private final Restarts restarts;
    private final Guardrails guardrails;
    private final InFlight inFlight;
    private final Acknowledger acks;
    private final TrackedExecutor executor;
    private final Scheduler scheduler;
    private final Stats stats;
    private final HandlingWatch watch;

    /**
     * @param guardrails checked before the restart (not the save); a refusal acks the request SKIPPED
     * @param inFlight where each request is recorded while it is handled, with its lease rules
     * @param scheduler waits before an ack is tried again
     */
    public RequestHandler(Saves saves, Restarts restarts, Guardrails guardrails, InFlight inFlight, Acknowledger acks,
                          TrackedExecutor executor, Scheduler scheduler, Stats stats, HandlingWatch watch) {
        this.saves = saves;
        this.restarts = restarts;
        this.guardrails = guardrails;
        this.inFlight = inFlight;
        this.acks = acks;
        this.executor = executor;
        this.scheduler = scheduler;
        this.stats = stats;
        this.watch = watch;
    }

    /**
     * Returns at once; the work is one task submitted to the executor. The future completes when the request
     * is acked, or fails with {@link LeaseLost} when this instance gave it up (its lease lapsed, or another
     * instance holds it now), or is cancelled by {@link InFlight#cancelAll()}. A request already being handled
     * here under the same owner is not handled again: the future it returns then is complete at once.
     *
     * @param owner the lease owner the request was stored or claimed under
     */
    public CompletableFuture<Void> handle(RestartRequest msg, String owner) {
        Handling handling = new Handling(msg, owner, executor.forMessage(msg.messageId()));
        Optional<InFlight.Entry> tracked = inFlight.track(msg, owner, handling);
        if (tracked.isEmpty()) {
            LOG.info(() -> "Not handling " + msg + " twice: it is being handled here already " + msg.tag());
            return CompletableFuture.completedFuture(null);
        }
        InFlight.Entry entry = tracked.get();
        handling.begin(entry);
        handling.done.whenComplete((ignored, error) -> inFlight.untrack(entry));
        handling.tasks.execute(handling::start);
        return handling.done;
    }

    private final class Handling implements Attempts, InFlight.Held {
        final RestartRequest msg;
        final String owner;
        final Executor tasks;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final AtomicBoolean finishing = new AtomicBoolean();
        final List<CompletableFuture<?>> work = new ArrayList<>();
        volatile InFlight.Entry entry;
        volatile HandlingWatch.Watched watched;

        Handling(RestartRequest msg, String owner, Executor tasks) {
            this.msg = msg;
            this.owner = owner;
            this.tasks = tasks;
        }

        /** Recorded in flight: the handling is timed from now. */
        void begin(InFlight.Entry entry) {
            this.entry = entry;
            this.watched = watch.started(entry);
        }

        void start() {
            if (!inFlight.start(entry)) {
                abandon("lease not held when its handling started");
                return;
            }
            CompletableFuture<Throwable> saved = errorOf(() -> saves.save(msg, tasks));
            CompletableFuture<Throwable> restarted = errorOf(() -> guardrails.check(msg, tasks)
                    .thenCompose(refusal -> refusal.isPresent()
                            ? CompletableFuture.failedFuture(new RestartSkipped(refusal.get()))
                            : restarts.restart(msg, tasks, this)));
            saved.thenCombine(restarted, (save, restart) -> {
                List<Throwable> results = new ArrayList<>();
                results.add(save);
                results.add(restart);
                return results;
            }).thenAcceptAsync(this::finish, tasks);
        }

        @Override
        public boolean mayStart() {
            return entry.mayWork();
        }

        @Override
        public boolean finishing() {
            return finishing.get();
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

        @Override
        public void extended() {
            int count = msg.countExtension();
            stats.extended();
            LeaseExtendedEvent event = new LeaseExtendedEvent();
            event.messageId = msg.messageId();
            event.extendedCount = count;
            event.commit();
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

        @Override
        public void lost(String reason) {
            abandon(reason);
        }

        @Override
        public void heldTooLong(String reason) {
            if (stop()) {
                ack(Outcome.FAILED, reason, FIRST_ACK_RETRY);
            }
        }

        @Override
        public boolean cancel() {
            if (!stop()) {
                return false;
            }
            done.cancel(false);
            return true;
        }

        /** Both results in argument order (save, restart); a failure wins over a guardrail's refusal. */
        void finish(List<Throwable> results) {
            if (!stop()) {
                return;
            }
            List<Throwable> errors = results.stream().filter(Objects::nonNull)
                    .filter(result -> !(result instanceof RestartSkipped)).toList();
            errors.forEach(error -> LOG.log(Level.WARNING,
                    () -> "Handling general error: " + error.getMessage() + " " + msg.tag()));
            if (!errors.isEmpty()) {
                ack(Outcome.FAILED, errors.stream().map(Throwable::getMessage).collect(Collectors.joining("; ")),
                        FIRST_ACK_RETRY);
            } else if (results.get(1) instanceof RestartSkipped skipped) {
                LOG.info(() -> "Skipped the restart of " + msg.hostname() + ": " + skipped.getMessage() + " " + msg.tag());
                ack(Outcome.SKIPPED, skipped.getMessage(), FIRST_ACK_RETRY);
            } else {
                ack(Outcome.DONE, null, FIRST_ACK_RETRY);
            }
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
            if (!entry.leaseHeld()) {
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
            } else if (outcome == Outcome.SKIPPED) {
                stats.skipped();
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
