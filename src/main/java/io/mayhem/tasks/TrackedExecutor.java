package io.mayhem.tasks;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * The executor the core submits work to. It counts the tasks running (tasks, not requests: what is in flight is
 * {@code lease.InFlight}'s record), so the shutdown can wait for them, and it is the one place where an exception
 * escaping a task is caught and reported.
 */
public final class TrackedExecutor implements Executor {

    private final Executor delegate;
    private final BiConsumer<String, Throwable> uncaught;
    private int running;
    /** Completes when the last running task ends; a new one replaces it when a task starts on an idle executor. */
    private CompletableFuture<Void> idle = CompletableFuture.completedFuture(null);
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
        started();
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            report(messageId, e);
        } finally {
            ended();
        }
    }

    private synchronized void started() {
        if (running++ == 0) {
            idle = new CompletableFuture<>();
        }
    }

    private synchronized void ended() {
        if (--running == 0) {
            idle.complete(null);
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

    /** How many tasks run now (tests; the shutdown waits with {@link #awaitIdle}). */
    synchronized int running() {
        return running;
    }

    /**
     * Waits until no task runs or the timeout passes.
     *
     * @return true when idle, false when tasks still ran at the timeout
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        CompletableFuture<Void> current;
        synchronized (this) {
            current = idle;
        }
        try {
            current.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("never completed exceptionally", e);
        }
    }
}
