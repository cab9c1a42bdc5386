package io.mayhem.tasks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The requests' work pool and timer: plain executors whose threads come from the application's
 * ManagedThreadFactory, so a task pays no container context capture on submit (the managed executor's
 * capture was 11% of the CPU in the old profile; a plain submit is a queue insert) yet runs with the
 * application's context. Threads start with the first task.
 *
 * <p>Payara Server 6.2025.9 kills a managed thread started while the application is still starting, before it
 * runs anything (docs/decisions/0014-periodic-work-started-late-and-rearmed.md): the pool then counts a worker that does not exist, and once
 * it counts only such workers, queued tasks would wait for ever. {@link #checkProgress()} (run periodically)
 * finds a pool whose queue holds tasks while no worker ran one since the last check and replaces it, moving
 * the queued tasks over.
 */
public final class WorkPools {

    private static final Logger LOG = Logger.getLogger(WorkPools.class.getName());
    /** A work thread idle this long exits (a quiet service holds no threads); the next task starts one again. */
    public static final Duration KEEP_ALIVE = Duration.ofSeconds(60);

    private final ThreadFactory threads;
    private final int workThreads;
    private final Duration keepAlive;
    private volatile ThreadPoolExecutor work;
    /** Tasks running now (the pool's own active count also counts workers that never started). */
    private final AtomicInteger busy = new AtomicInteger();
    private final ScheduledThreadPoolExecutor timer;
    private long lastCompleted = -1;
    private int replaced;

    /**
     * @param threads the ManagedThreadFactory (or any factory in tests)
     * @param workThreads threads of the work pool, at least 1
     */
    public WorkPools(ThreadFactory threads, int workThreads) {
        this(threads, workThreads, KEEP_ALIVE);
    }

    /** @param keepAlive how long an idle work thread waits for a task before it exits */
    WorkPools(ThreadFactory threads, int workThreads, Duration keepAlive) {
        this.threads = threads;
        this.workThreads = workThreads;
        this.keepAlive = keepAlive;
        this.work = newWorkPool();
        timer = new ScheduledThreadPoolExecutor(1, named(threads, "mayhem-timer"));
        timer.setRemoveOnCancelPolicy(true);
    }

    private ThreadPoolExecutor newWorkPool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(workThreads, workThreads, keepAlive.toMillis(), TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), named(threads, "mayhem-work"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
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
        return task -> work.execute(() -> {
            busy.incrementAndGet();
            try {
                task.run();
            } finally {
                busy.decrementAndGet();
            }
        });
    }

    /** The requests' non-blocking delays (simulated latency, retry backoff). */
    public Scheduler timer() {
        return new ExecutorScheduler(timer);
    }

    /**
     * Replaces the work pool when tasks are queued and none completed since the last check although no worker is
     * busy (its workers were killed before they ran). Returns true when it did.
     */
    public synchronized boolean checkProgress() {
        ThreadPoolExecutor current = work;
        long completed = current.getCompletedTaskCount();
        boolean stuck = !current.getQueue().isEmpty() && completed == lastCompleted && busy.get() == 0;
        lastCompleted = completed;
        if (!stuck) {
            return false;
        }
        ThreadPoolExecutor fresh = newWorkPool();
        work = fresh;
        List<Runnable> queued = new ArrayList<>();
        current.getQueue().drainTo(queued);
        current.shutdownNow();
        queued.forEach(fresh::execute);
        replaced++;
        lastCompleted = -1;
        LOG.warning(() -> "The work pool ran nothing while " + queued.size() + " tasks waited (its threads were "
                + "killed before they started); replaced it and moved the tasks over");
        return true;
    }

    /** Delays waiting on the timer; a cancelled delay leaves at once (it may be far in the future). */
    int pendingDelays() {
        return timer.getQueue().size();
    }

    /** How often the work pool was replaced. */
    public synchronized int replaced() {
        return replaced;
    }

    /** Stops both; waits up to {@code timeout} for running tasks. */
    public void stop(Duration timeout) throws InterruptedException {
        timer.shutdownNow();
        ThreadPoolExecutor current = work;
        current.shutdown();
        if (!current.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            current.shutdownNow();
        }
    }
}
