package io.mayhem.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;

/**
 * An executor that runs nothing until the test says so, on the test's own thread.
 *
 * <p>What it replaces: in asyncio tests, the event loop that asynctest or pytest-asyncio hands the test, and
 * draining it with {@code loop.run_until_complete(asyncio.gather(*asyncio.all_tasks()))} to run the tasks that
 * {@code asyncio.create_task} scheduled but nobody awaited. Here the code under test takes an
 * {@link Executor}; {@link #pending()} is {@code len(asyncio.all_tasks())}, {@link #runNext()} is one turn of
 * the loop, {@link #runUntilIdle()} is the drain. No thread is started, so nothing races the assertions and
 * a test never waits.
 *
 * <pre>{@code
 * ManualExecutor executor = new ManualExecutor();
 * CompletableFuture<String> greeting = CompletableFuture.supplyAsync(() -> "hello", executor);
 * assertThat(greeting).isNotDone();             // deferred, not run inline
 * assertThat(executor.pending()).isEqualTo(1);
 * executor.runUntilIdle();                      // runs it, and whatever it submits in turn
 * assertThat(greeting).isCompletedWithValue("hello");
 * }</pre>
 */
public final class ManualExecutor implements Executor {

    private final Deque<Runnable> queue = new ArrayDeque<>();
    private int ran;

    /** An executor with nothing pending. */
    public ManualExecutor() {
    }

    /** Queues the task; it runs only when the test calls {@link #runNext()} or {@link #runUntilIdle()}. */
    @Override
    public synchronized void execute(Runnable task) {
        queue.add(task);
    }

    /** {@return how many tasks were submitted and have not run yet} {@code len(asyncio.all_tasks())}. */
    public synchronized int pending() {
        return queue.size();
    }

    /** {@return how many tasks ran so far} */
    public synchronized int ran() {
        return ran;
    }

    /**
     * Runs the oldest pending task on the calling thread: one turn of the loop.
     *
     * @throws IllegalStateException when no task is pending
     */
    public void runNext() {
        Runnable next;
        synchronized (this) {
            if (queue.isEmpty()) {
                throw new IllegalStateException("No task is pending");
            }
            next = queue.poll();
            ran++;
        }
        next.run();
    }

    /**
     * Runs tasks, oldest first and including those that tasks submit, until none is pending: the drain of
     * {@code loop.run_until_complete}. A task that always submits another never lets it return.
     *
     * @return how many tasks ran
     */
    public int runUntilIdle() {
        int count = 0;
        while (pending() > 0) {
            runNext();
            count++;
        }
        return count;
    }
}
