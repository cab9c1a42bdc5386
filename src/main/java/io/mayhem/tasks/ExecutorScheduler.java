package io.mayhem.tasks;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The core's {@link Scheduler} on a scheduled executor: the managed scheduled executor for the heartbeat and the
 * periodic checks (handed over by {@code lifecycle.ManagedExecutors}), or a plain one on managed threads for the
 * requests' timers ({@link WorkPools#timer()}).
 */
public final class ExecutorScheduler implements Scheduler {

    private final ScheduledExecutorService scheduled;

    public ExecutorScheduler(ScheduledExecutorService scheduled) {
        this.scheduled = scheduled;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> future = scheduled.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
        ScheduledFuture<?> future = scheduled.scheduleAtFixedRate(task, initialDelay.toNanos(), period.toNanos(),
                TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }
}
