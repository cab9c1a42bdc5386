package io.mayhem.handling;

import io.mayhem.lease.LeaseKeeper;
import io.mayhem.monitoring.Stats;
import io.mayhem.restart.Restarts;
import io.mayhem.store.Saves;
import io.mayhem.tasks.TrackedExecutor;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Handles one request without holding up the caller: keeps its lease, saves and restarts concurrently,
 * handles both results in argument order, then acks exactly once (DESIGN.md section 2).
 */
public final class RequestHandler {

    private static final Logger LOG = Logger.getLogger(RequestHandler.class.getName());

    private final Saves saves;
    private final Restarts restarts;
    private final LeaseKeeper leases;
    private final Acknowledger acks;
    private final TrackedExecutor executor;
    private final Stats stats;
    private final HandlingWatch watch;
    private final Set<Handling> outstanding = ConcurrentHashMap.newKeySet();

    public RequestHandler(Saves saves, Restarts restarts, LeaseKeeper leases, Acknowledger acks,
                          TrackedExecutor executor, Stats stats, HandlingWatch watch) {
        this.saves = saves;
        this.restarts = restarts;
        this.leases = leases;
        this.acks = acks;
        this.executor = executor;
        this.stats = stats;
        this.watch = watch;
    }

    /** Returns at once; the work is submitted to the executor. The future completes when the request is acked. */
    public CompletableFuture<Void> handle(PubSubMessage msg) {
        Handling handling = new Handling(msg, executor.forMessage(msg.messageId()));
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

    public int outstanding() {
        return outstanding.size();
    }

    /** Stops extending every outstanding lease (shutdown: no more periodic database writes). */
    public void stopLeaseKeeping() {
        outstanding.forEach(Handling::stopLease);
    }

    /** Cancels every outstanding request: none of them will be acked by this instance. */
    public int cancelAll() {
        int count = 0;
        for (Handling handling : outstanding) {
            if (handling.finishing.compareAndSet(false, true)) {
                handling.stopLease();
                handling.done.cancel(false);
                count++;
            }
        }
        return count;
    }

    private final class Handling {
        final PubSubMessage msg;
        final Executor tasks;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final AtomicBoolean finishing = new AtomicBoolean();
        final HandlingWatch.Watched watched;
        volatile LeaseKeeper.Lease lease;

        Handling(PubSubMessage msg, Executor tasks) {
            this.msg = msg;
            this.tasks = tasks;
            this.watched = watch.started(msg);
        }

        void start() {
            lease = leases.keep(msg, tasks);
            CompletableFuture<Throwable> saved = errorOf(() -> saves.save(msg, tasks));
            CompletableFuture<Throwable> restarted = errorOf(() -> restarts.restart(msg, tasks));
            saved.thenCombine(restarted, (save, restart) -> Arrays.asList(save, restart))
                    .thenAcceptAsync(this::finish, tasks);
            lease.lost().whenComplete((ignored, lost) -> tasks.execute(() -> finish(Arrays.asList(null, null, lost))));
        }

        void finish(List<Throwable> results) {
            if (!finishing.compareAndSet(false, true)) {
                return;
            }
            stopLease();
            results.stream().filter(Objects::nonNull).forEach(error -> LOG.log(Level.WARNING,
                    () -> "Handling general error: " + error.getMessage() + " " + msg.tag()));
            String error = results.stream().filter(Objects::nonNull).map(Throwable::getMessage)
                    .collect(Collectors.joining("; "));
            Outcome outcome;
            try {
                outcome = acks.ack(msg, error.isEmpty() ? Outcome.DONE : Outcome.FAILED, error.isEmpty() ? null : error);
            } catch (RuntimeException e) {
                executor.report(msg.messageId(), e);
                done.completeExceptionally(e);
                return;
            }
            msg.markAcked();
            stats.acked();
            if (outcome == Outcome.FAILED) {
                stats.failed();
            }
            watched.acked(outcome);
            LOG.info(() -> "Done. Acked " + msg + " " + outcome + " " + msg.tag());
            done.complete(null);
        }

        void stopLease() {
            LeaseKeeper.Lease current = lease;
            if (current != null) {
                current.stop();
            }
        }
    }

    private static CompletableFuture<Throwable> errorOf(java.util.function.Supplier<CompletableFuture<Void>> work) {
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
