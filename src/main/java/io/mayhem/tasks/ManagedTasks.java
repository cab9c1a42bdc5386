package io.mayhem.tasks;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The core's {@link Scheduler} on a scheduled executor: the managed scheduled executor for the heartbeat and
 * the periodic checks, or a plain one on managed threads for the requests' timers.
 */
public final class ManagedTasks implements Scheduler {

    /**
     * Tasks get the application's context (class loader, naming), which is all they need, and nothing else
     * of the submitting thread: no transaction, no security context.
     */
    public static final String CONTEXT = "java:app/concurrent/MayhemContext";
    public static final String SCHEDULER = "java:app/concurrent/MayhemScheduler";
    public static final String THREADS = "java:app/concurrent/MayhemThreads";

    private final ScheduledExecutorService scheduled;

    public ManagedTasks(ScheduledExecutorService scheduled) {
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
