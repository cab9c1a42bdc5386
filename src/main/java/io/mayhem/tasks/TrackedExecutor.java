package io.mayhem.tasks;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * The executor the core submits work to. It knows which tasks are running (so shutdown can wait for them)
 * and is the one place where an exception escaping a task is caught and reported.
 */
public final class TrackedExecutor implements Executor {

    private final Executor delegate;
    private final BiConsumer<String, Throwable> uncaught;
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private final Object idle = new Object();
    private volatile boolean closed;

    public TrackedExecutor(Executor delegate, BiConsumer<String, Throwable> uncaught) {
        this.delegate = delegate;
        this.uncaught = uncaught;
    }

    @Override
    public void execute(Runnable task) {
        forMessage(null).execute(task);
    }

    /** A view whose escaped exceptions are reported with this message id. */
    public Executor forMessage(String messageId) {
        return task -> delegate.execute(() -> run(messageId, task));
    }

    private void run(String messageId, Runnable task) {
        if (closed) {
            return;
        }
        running.add(Thread.currentThread());
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            report(messageId, e);
        } finally {
            running.remove(Thread.currentThread());
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /** Reports an exception that a task caught itself but nobody else will see (for instance inside a future). */
    public void report(String messageId, Throwable error) {
        uncaught.accept(messageId, error);
    }

    /** From now on, tasks that were submitted but have not started are dropped: shutdown cancelled them. */
    public void close() {
        closed = true;
    }

    public int running() {
        return running.size();
    }

    /** Waits until no task runs or the timeout passes; true when idle. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (!running.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idle.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }
}
