package io.mayhem.lifecycle;

import io.mayhem.intake.Intake;
import io.mayhem.lease.InFlight;
import io.mayhem.lease.InstanceLease;
import io.mayhem.monitoring.Stats;
import io.mayhem.publishing.Publisher;
import io.mayhem.tasks.PeriodicWork;
import io.mayhem.tasks.TrackedExecutor;
import io.mayhem.tasks.WorkPools;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The graceful shutdown of docs/design.md section 4: the original's lines in the original's order, each followed
 * by what it says; runs once however often it is called.
 */
public final class Shutdown {

    /** How long the work pools get to stop once the wait for running tasks is over. */
    static final Duration THREADS_STOP = Duration.ofSeconds(1);

    /** The service's parts that the shutdown stops. */
    public record Parts(Publisher publisher, Intake intake, PeriodicWork periodic, InstanceLease lease,
                        InFlight inFlight, TrackedExecutor executor, WorkPools pools, Stats stats) {
    }

    private final Parts parts;
    private final Supplier<String> signal;
    private final Duration timeout;
    private final Consumer<String> log;
    private final AtomicBoolean started = new AtomicBoolean();

    /**
     * @param signal names the signal that caused the shutdown, or null
     * @param timeout how long running tasks get (mayhem.shutdown.timeout)
     * @param log receives each shutdown line
     */
    public Shutdown(Parts parts, Supplier<String> signal, Duration timeout, Consumer<String> log) {
        this.parts = parts;
        this.signal = signal;
        this.timeout = timeout;
        this.log = log;
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
        // nothing new comes in: the publisher stops, and messages that arrive from now on stay in the broker
        parts.publisher().stop();
        parts.intake().close();

        log.accept("Closing database connections");
        // The service holds no connection of its own between calls (the server's pool lends one per transaction
        // and closes when the application stops), so what it closes is its own use of the database: the periodic
        // work stops (the lease heartbeat, the sweep, the outbox resend, the purge, and the checks with them), and
        // with the lease given up no work starts under it. The one database write left is the nack's release.
        parts.periodic().stop();
        String owner = parts.lease().stop();

        log.accept("Nacking outstanding messages");
        // Every request in flight is stopped and never acked here, then its lease is released, so another
        // instance (or the next start) takes it over at once. Design section 4 names the release first; the
        // requests are stopped first so that none is still worked on here once another instance may take it.
        int nacked = parts.inFlight().cancelAll();
        String released = parts.lease().release(owner);

        log.accept("Cancelling outstanding tasks (nacked " + nacked + " requests; " + released + ")");
        // tasks queued and not started are dropped; running ones get the timeout, then the pools stop
        parts.executor().close();
        boolean idle = parts.executor().awaitIdle(timeout);
        parts.pools().stop(THREADS_STOP);

        // The counters live in memory and are read when asked (GET /api/stats, JMX): nothing is buffered to be
        // pushed anywhere, so the flush is this line, which writes the final counters out.
        log.accept("Flushing metrics: " + metrics() + (idle ? "" : "; tasks still running after " + timeout));
        log.accept("Successfully shutdown the Mayhem service.");
        return true;
    }

    /** The counters; a failure to read them (say a class the stopped server cannot load) must not stop the shutdown. */
    private String metrics() {
        try {
            return String.valueOf(parts.stats().snapshot());
        } catch (RuntimeException | LinkageError e) {
            return "unavailable (" + e + ")";
        }
    }
}
