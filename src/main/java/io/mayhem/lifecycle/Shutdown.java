package io.mayhem.lifecycle;

import io.mayhem.intake.Intake;
import io.mayhem.lease.InFlight;
import io.mayhem.lease.InstanceLease;
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
    private final InFlight inFlight;
    private final TrackedExecutor executor;
    private final Stats stats;
    private final Supplier<String> signal;
    private final Duration timeout;
    private final Consumer<String> log;
    private final AtomicBoolean started = new AtomicBoolean();

    /** {@code log} receives each shutdown line; {@code signal} names the signal that caused it, or null. */
    public Shutdown(Publisher publisher, Intake intake, InstanceLease lease, InFlight inFlight,
                    TrackedExecutor executor, Stats stats, Supplier<String> signal, Duration timeout,
                    Consumer<String> log) {
        this.publisher = publisher;
        this.intake = intake;
        this.lease = lease;
        this.inFlight = inFlight;
        this.executor = executor;
        this.stats = stats;
        this.signal = signal;
        this.timeout = timeout;
        this.log = log;
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
        int cancelled = inFlight.cancelAll();
        executor.close();
        log.accept("Cancelling outstanding tasks: " + cancelled + " requests, " + lease.release(owner));
        boolean idle = executor.awaitIdle(timeout);
        log.accept("Flushing metrics: " + metrics() + (idle ? "" : "; tasks still running after " + timeout));
        log.accept("Successfully shutdown the Mayhem service.");
        return true;
    }
}
