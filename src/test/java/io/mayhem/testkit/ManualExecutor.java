package io.mayhem.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;

/**
 * An executor that runs nothing until the test says so: the Java form of gathering the tasks that
 * {@code asyncio.create_task} scheduled but nobody awaited.
 *
 * <pre>{@code
 * ManualExecutor executor = new ManualExecutor();
 * publisher.publish(3);                       // hands three sends to the executor
 * assertThat(executor.pending()).isEqualTo(3); // nothing sent yet
 * executor.runUntilIdle();                     // runs them, and whatever they submit
 * }</pre>
 */
public final class ManualExecutor implements Executor {

    private final Deque<Runnable> queue = new ArrayDeque<>();
    private int ran;

    @Override
    public synchronized void execute(Runnable task) {
        queue.add(task);
    }

    /** Tasks submitted and not yet run. */
    public synchronized int pending() {
        return queue.size();
    }

    /** Tasks run so far. */
    public synchronized int ran() {
        return ran;
    }

    /** Runs the oldest pending task; fails when there is none. */
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

    /** Runs tasks, including those that tasks submit, until none is pending; returns how many ran. */
    public int runUntilIdle() {
        int count = 0;
        while (pending() > 0) {
            runNext();
            count++;
        }
        return count;
    }
}
