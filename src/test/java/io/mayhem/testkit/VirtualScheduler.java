package io.mayhem.testkit;

import io.mayhem.tasks.Cancellable;
import io.mayhem.tasks.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A scheduler on virtual time, with its clock: delays and periodic work run when the test moves time, never
 * by themselves, and never on another thread.
 *
 * <p>What it replaces: mocking {@code asyncio.sleep} (asynctest's {@code CoroutineMock}, pytest-asyncio with
 * {@code mock.patch("asyncio.sleep")}), and the virtual loop time of asynctest's {@code ClockedTestCase}
 * ({@code await self.advance(5)}) or the looptime plugin for pytest-asyncio. Code under test takes this
 * project's {@link Scheduler} (delays are scheduled tasks, {@link Scheduler#delay(Duration)} is the
 * non-blocking {@code asyncio.sleep}) and a {@link Clock} ({@code loop.time()}); the test hands it this class
 * and {@link #clock()}. {@link #advance(Duration)} runs exactly the tasks that real time would have run in that
 * span, in order of their due time (ties in the order they were scheduled), moving the clock to each task's
 * time as it runs, so a five-second retry loop is tested in microseconds.
 *
 * <pre>{@code
 * VirtualScheduler time = new VirtualScheduler();
 * List<Instant> ticks = new ArrayList<>();
 * time.scheduleAtFixedRate(Duration.ZERO, Duration.ofSeconds(2), () -> ticks.add(time.clock().instant()));
 * time.advance(Duration.ofSeconds(5));          // ticks at 0 s, 2 s and 4 s: exactly three
 * assertThat(ticks).hasSize(3);
 * assertThat(time.now()).isEqualTo(Instant.parse("2026-01-01T00:00:05Z"));
 * }</pre>
 */
public final class VirtualScheduler implements Scheduler {

    private final PriorityQueue<Entry> queue = new PriorityQueue<>(
            Comparator.comparing((Entry e) -> e.due).thenComparingLong(e -> e.sequence));
    private Instant now;
    private long sequence;
    private int scheduled;

    /** Virtual time starting at 2026-01-01T00:00:00Z. */
    public VirtualScheduler() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    /**
     * Virtual time starting at {@code start}.
     *
     * @param start the first value of {@link #now()} and of {@link #clock()}
     */
    public VirtualScheduler(Instant start) {
        this.now = start;
    }

    /** {@return the virtual time} {@code loop.time()}; it moves only in {@link #advance(Duration)}. */
    public synchronized Instant now() {
        return now;
    }

    /** {@return a UTC clock that reads the virtual time}, for code under test that takes a {@link Clock}. */
    public Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now();
            }
        };
    }

    /**
     * Runs {@code task} once, {@code delay} after now, when {@link #advance(Duration)} reaches that time:
     * {@code loop.call_later(delay, task)}.
     *
     * @return cancels the task if it has not run yet
     */
    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        return add(new Entry(now.plus(delay), null, task));
    }

    /**
     * Runs {@code task} at now + {@code initialDelay} and then every {@code period} of virtual time.
     *
     * @return cancels the remaining runs
     */
    @Override
    public synchronized Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
        return add(new Entry(now.plus(initialDelay), period, task));
    }

    /** {@return how many tasks were ever scheduled} A periodic one counts once. */
    public synchronized int scheduledCount() {
        return scheduled;
    }

    /** {@return how many tasks wait for their time} A periodic one counts once. */
    public synchronized int pending() {
        return queue.size();
    }

    /**
     * Runs every task due up to now + {@code span}, in order of due time, on the calling thread, then leaves the
     * clock at now + {@code span}: asynctest's {@code ClockedTestCase.advance}. A task due exactly at the end
     * runs; tasks that a task schedules inside the span run too. {@code advance(Duration.ZERO)} runs what is due
     * now.
     *
     * @param span how much virtual time passes; zero or more
     */
    public void advance(Duration span) {
        Instant end;
        synchronized (this) {
            end = now.plus(span);
        }
        while (true) {
            Entry next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due.isAfter(end)) {
                    now = end;
                    return;
                }
                queue.poll();
                now = next.due;
                if (next.period != null) {
                    next.due = next.due.plus(next.period);
                    next.sequence = sequence++;
                    queue.add(next);
                }
            }
            next.task.run();
        }
    }

    private Cancellable add(Entry entry) {
        entry.sequence = sequence++;
        scheduled++;
        queue.add(entry);
        return () -> {
            synchronized (VirtualScheduler.this) {
                queue.remove(entry);
            }
        };
    }

    private static final class Entry {
        Instant due;
        final Duration period;
        final Runnable task;
        long sequence;

        Entry(Instant due, Duration period, Runnable task) {
            this.due = due;
            this.period = period;
            this.task = task;
        }
    }
}
