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
 * A scheduler on virtual time, with its clock: the Java form of mocking {@code asyncio.sleep}.
 * {@link #advance(Duration)} runs exactly the tasks that real time would have run in that span, in order of
 * their due time (ties in the order they were scheduled), moving the clock to each task's time as it runs.
 *
 * <pre>{@code
 * VirtualScheduler time = new VirtualScheduler();
 * LeaseKeeper keeper = new LeaseKeeper(store, time, time.clock(), ...);
 * keeper.keep(msg, Runnable::run);
 * time.advance(Duration.ofSeconds(5));        // ticks at 0 s, 2 s and 4 s: exactly three extensions
 * }</pre>
 */
public final class VirtualScheduler implements Scheduler {

    private final PriorityQueue<Entry> queue = new PriorityQueue<>(
            Comparator.comparing((Entry e) -> e.due).thenComparingLong(e -> e.sequence));
    private Instant now;
    private long sequence;
    private int scheduled;

    public VirtualScheduler() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    public VirtualScheduler(Instant start) {
        this.now = start;
    }

    public synchronized Instant now() {
        return now;
    }

    /** A clock that reads the virtual time. */
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

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        return add(new Entry(now.plus(delay), null, task));
    }

    @Override
    public synchronized Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
        return add(new Entry(now.plus(initialDelay), period, task));
    }

    /** How many tasks were ever scheduled (periodic ones count once). */
    public synchronized int scheduledCount() {
        return scheduled;
    }

    /** Tasks waiting for their time (a periodic one counts once). */
    public synchronized int pending() {
        return queue.size();
    }

    /** Runs every task due up to now + {@code span}, in order, then leaves the clock at now + {@code span}. */
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
