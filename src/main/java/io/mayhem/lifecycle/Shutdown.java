package io.mayhem.lifecycle;

import io.mayhem.tasks.RootCause;
import io.mayhem.handling.RequestHandler;
import io.mayhem.intake.Intake;
import io.mayhem.lease.InstanceLease;
import io.mayhem.lease.LeaseStore;
import io.mayhem.monitoring.Stats;
import io.mayhem.publishing.Publisher;
import io.mayhem.tasks.TrackedExecutor;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The graceful shutdown of docs/design.md section 4, in the original's order; runs once however often it is called. */
public final class Shutdown {

    private final Publisher publisher;
    private final Intake intake;
    private final InstanceLease lease;
    private final LeaseStore leases;
    private final RequestHandler handler;
    private final TrackedExecutor executor;
    private final Stats stats;
    private final Supplier<String> signal;
    private final Duration timeout;
    private final Consumer<String> log;
    private final AtomicBoolean started = new AtomicBoolean();
    private static final int RELEASE_ATTEMPTS = 3;

    /** {@code log} receives each shutdown line; {@code signal} names the signal that caused it, or null. */
    public Shutdown(Publisher publisher, Intake intake, InstanceLease lease, LeaseStore leases, RequestHandler handler,
                    TrackedExecutor executor, Stats stats, Supplier<String> signal, Duration timeout,
                    Consumer<String> log) {
        this.publisher = publisher;
        this.intake = intake;
        this.lease = lease;
        this.leases = leases;
        this.handler = handler;
        this.executor = executor;
        this.stats = stats;
        this.signal = signal;
        this.timeout = timeout;
        this.log = log;
    }

    /**
     * Releases this instance's leases so another instance can take the requests over at once. A failure (say a
     * lock timeout while a last task commits) must not stop the shutdown: the leases then lapse after
     * extend-by instead, and nothing is lost.
     */
    private String releaseLeases(String owner) {
        if (owner == null) {
            return "no lease held";
        }
        RuntimeException failure = null;
        for (int attempt = 1; attempt <= RELEASE_ATTEMPTS; attempt++) {
            try {
                return leases.release(owner) + " leases released";
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        return "leases not released (" + RootCause.of(failure) + "), they lapse instead";
    }

    /** The counters; a failure to read them (say a class the stopped server cannot load) must not stop the shutdown. */
    private String metrics() {
        try {
            return String.valueOf(stats.snapshot());
        } catch (RuntimeException | LinkageError e) {
            return "unavailable (" + e + ")";
        }
    }


    /** Returns false when shutdown had already run. */
    public boolean run() throws InterruptedException {
        if (!started.compareAndSet(false, true)) {
            return false;
        }
        String received = signal.get();
        if (received != null) {
            log.accept("Received exit signal " + received + "...");
        }
        publisher.stop();
        intake.close();
        log.accept("Closing database connections");
        // the heartbeat stops: no more periodic database writes, and no work starts under the lease
        String owner = lease.stop();
        log.accept("Nacking outstanding messages");
        int cancelled = handler.cancelAll();
        executor.close();
        log.accept("Cancelling outstanding tasks: " + cancelled + " requests, " + releaseLeases(owner));
        boolean idle = executor.awaitIdle(timeout);
        log.accept("Flushing metrics: " + metrics() + (idle ? "" : "; tasks still running after " + timeout));
        log.accept("Successfully shutdown the Mayhem service.");
        return true;
    }
}
