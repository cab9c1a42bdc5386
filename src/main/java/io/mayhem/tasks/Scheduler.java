package io.mayhem.tasks;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Runs tasks later or periodically; the core's only notion of time passing. */
public interface Scheduler {

    Cancellable schedule(Duration delay, Runnable task);

    Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task);

    /** A non-blocking delay: the future completes after {@code delay}, no thread waits for it. */
    default CompletableFuture<Void> delay(Duration delay) {
        CompletableFuture<Void> elapsed = new CompletableFuture<>();
        schedule(delay, () -> elapsed.complete(null));
        return elapsed;
    }
}
