package io.mayhem.tasks;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The requests' work pool and timer: plain executors whose threads come from the application's
 * ManagedThreadFactory, so a task pays no container context capture on submit (the managed executor's
 * capture cost 72 µs a submit here, a plain pool 1-1.5 µs) yet runs with the application's context. Threads
 * start with the first task, never during deployment (Payara Server kills a managed thread started then).
 */
public final class WorkPools {

    private final ThreadPoolExecutor work;
    private final ScheduledThreadPoolExecutor timer;

    /**
     * @param threads the ManagedThreadFactory (or any factory in tests)
     * @param workThreads threads of the work pool, at least 1
     */
    public WorkPools(ThreadFactory threads, int workThreads) {
        work = new ThreadPoolExecutor(workThreads, workThreads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                named(threads, "mayhem-work"));
        work.allowCoreThreadTimeOut(true);
        timer = new ScheduledThreadPoolExecutor(1, named(threads, "mayhem-timer"));
        timer.setRemoveOnCancelPolicy(true);
    }

    private static ThreadFactory named(ThreadFactory threads, String name) {
        return task -> {
            Thread thread = threads.newThread(task);
            thread.setName(name + "-" + thread.getId());
            return thread;
        };
    }

    /** Where request work and group commits run. */
    public Executor work() {
        return work;
    }

    /** The requests' non-blocking delays (simulated latency, retry backoff). */
    public Scheduler timer() {
        return new ManagedTasks(timer);
    }

    /** Stops both; waits up to {@code timeout} for running tasks. */
    public void stop(Duration timeout) throws InterruptedException {
        timer.shutdownNow();
        work.shutdown();
        if (!work.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            work.shutdownNow();
        }
    }
}
