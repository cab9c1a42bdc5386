package io.mayhem.simulation;

import io.mayhem.tasks.Cancellable;
import io.mayhem.tasks.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One virtual clock and one run queue for every simulated instance and the world around them (broker,
 * store, faults). Exactly one task runs at a time; the next one is picked at random (seeded) among all ready
 * tasks; timers fire at their virtual time. Deterministic for a seed.
 *
 * <p>A store call may <em>stall</em> in the middle of a task ({@link #stall(Duration)}): the task's stack
 * is parked on its carrier thread (a coroutine) while the simulation goes on, and resumes at its virtual
 * time. Threads only carry the baton: one runs, the others wait on their semaphore.
 */
final class SimWorld {

    /** A simulated process (an instance incarnation), or the world itself; its tasks die with it. */
    static final class Node {
        final String name;
        boolean alive = true;

        Node(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Unwinds the stack of a task whose node was killed while it was parked. */
    static final class Killed extends Error {
        Killed() {
            super("killed", null, false, false);
        }
    }

    private static final class Task {
        final Node node;
        final Runnable body;

        Task(Node node, Runnable body) {
            this.node = node;
            this.body = body;
        }
    }

    private static final class Timer {
        final Instant due;
        final long seq;
        final Task task;

        Timer(Instant due, long seq, Task task) {
            this.due = due;
            this.seq = seq;
            this.task = task;
        }
    }

    private final class Carrier {
        final Semaphore go = new Semaphore(0);
        boolean exit;
        Node node;

        void start() {
            Thread thread = new Thread(() -> {
                go.acquireUninterruptibly();
                drive(this);
            }, "sim-carrier");
            thread.setDaemon(true);
            thread.start();
        }
    }

    static final Node WORLD = new Node("world");
    static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    final Random random;
    final Trace trace;
    private Instant now = EPOCH;
    private long seq;
    private final List<Task> ready = new ArrayList<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(
            Comparator.comparing((Timer t) -> t.due).thenComparingLong(t -> t.seq));
    private final Deque<Carrier> idle = new ArrayDeque<>();
    private final List<Parking> parked = new ArrayList<>();
    private final List<java.util.Map.Entry<String, Runnable>> deferred = new ArrayList<>();
    private Carrier current;
    private final Semaphore finished = new Semaphore(0);
    private boolean over;
    private Throwable failure;
    private long steps;
    private BooleanSupplier stop = () -> false;
    private Runnable beforeAdvance = () -> { };
    private Instant limit = EPOCH.plus(Duration.ofDays(1));

    SimWorld(long seed, Trace trace) {
        this.random = new Random(seed);
        this.trace = trace;
    }

    Instant now() {
        return now;
    }

    /** Virtual time since the start, for trace lines. */
    String at() {
        long ms = Duration.between(EPOCH, now).toMillis();
        return String.format("%d.%03d", ms / 1000, ms % 1000);
    }

    Clock clock() {
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
                return now;
            }
        };
    }

    /** The node whose task runs now. */
    Node currentNode() {
        return current == null || current.node == null ? WORLD : current.node;
    }

    long steps() {
        return steps;
    }

    // ---- queueing

    void submit(Node node, Runnable body) {
        if (node.alive) {
            ready.add(new Task(node, body));
        }
    }

    Cancellable at(Instant due, Node node, Runnable body) {
        Task task = new Task(node, body);
        Timer timer = new Timer(due.isBefore(now) ? now : due, seq++, task);
        timers.add(timer);
        return () -> timers.remove(timer);
    }

    Cancellable after(Duration delay, Node node, Runnable body) {
        return at(now.plus(delay), node, body);
    }

    /** Runs once the current task is over (or before it parks): for work whose order must not depend on hashing. */
    void defer(String key, Runnable action) {
        deferred.add(java.util.Map.entry(key, action));
    }

    private void flushDeferred() {
        while (!deferred.isEmpty()) {
            List<java.util.Map.Entry<String, Runnable>> batch = new ArrayList<>(deferred);
            deferred.clear();
            batch.sort(java.util.Map.Entry.comparingByKey());
            batch.forEach(e -> e.getValue().run());
        }
    }

    /** A node's work executor: its tasks join the global run queue. */
    Executor executor(Node node) {
        return task -> submit(node, task);
    }

    /**
     * A node's scheduler. Periodic tasks never overlap themselves (like ScheduledThreadPoolExecutor): the next
     * run is due one period after the previous one was due, and is queued only when that run is over.
     * {@code lateness} may hold a firing back (a scheduler running late), given the firing's due time.
     */
    Scheduler scheduler(Node node, java.util.function.Function<Boolean, Duration> lateness) {
        return new Scheduler() {
            @Override
            public Cancellable schedule(Duration delay, Runnable task) {
                return at(now.plus(delay), node, () -> fire(task, false));
            }

            private void fire(Runnable task, boolean periodic) {
                Duration late = lateness == null ? Duration.ZERO : lateness.apply(periodic);
                if (late.isZero()) {
                    task.run();
                } else {
                    trace.add(at() + " " + node + " scheduler late by " + late.toMillis() + " ms");
                    after(late, node, task);
                }
            }

            @Override
            public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
                Periodic p = new Periodic(node, period, task, lateness);
                p.arm(now.plus(initialDelay));
                return p::cancel;
            }
        };
    }

    private final class Periodic {
        final Node node;
        final Duration period;
        final Runnable body;
        final java.util.function.Function<Boolean, Duration> lateness;
        boolean cancelled;
        Cancellable timer = () -> { };

        Periodic(Node node, Duration period, Runnable body, java.util.function.Function<Boolean, Duration> lateness) {
            this.node = node;
            this.period = period;
            this.body = body;
            this.lateness = lateness;
        }

        void arm(Instant due) {
            if (!cancelled) {
                timer = at(due, node, () -> fire(due));
            }
        }

        void fire(Instant due) {
            Duration late = lateness == null ? Duration.ZERO : lateness.apply(true);
            if (!late.isZero()) {
                trace.add(at() + " " + node + " periodic task late by " + late.toMillis() + " ms");
                timer = after(late, node, () -> run(due));
            } else {
                run(due);
            }
        }

        void run(Instant due) {
            if (cancelled) {
                return;
            }
            try {
                body.run();
            } finally {
                arm(due.plus(period));
            }
        }

        void cancel() {
            cancelled = true;
            timer.cancel();
        }
    }

    // ---- stalls and kills

    /** One parked task: resumed once, by its timer or by its node's death. */
    private static final class Parking {
        final Carrier carrier;
        final Node node;
        boolean killed;

        Parking(Carrier carrier, Node node) {
            this.carrier = carrier;
            this.node = node;
        }
    }

    /** Parks the running task for {@code delay} of virtual time; throws {@link Killed} when its node dies meanwhile. */
    void stall(Duration delay) {
        Carrier me = current;
        Node node = me.node;
        flushDeferred();
        Parking parking = new Parking(me, node);
        parked.add(parking);
        at(now.plus(delay), WORLD, () -> resume(parking));
        handOff(me, takeIdle());
        current = me;
        me.node = node;
        if (me.exit || parking.killed) {
            throw new Killed();
        }
    }

    /** Kills a node: its queued tasks and timers are dropped, its parked tasks unwind. */
    void kill(Node node) {
        node.alive = false;
        ready.removeIf(t -> t.node == node);
        for (Parking p : parked) {
            if (p.node == node && !p.killed) {
                p.killed = true;
                submit(WORLD, () -> resume(p));
            }
        }
    }

    private void resume(Parking target) {
        if (!parked.remove(target)) {
            return;
        }
        Carrier me = current;
        idle.push(me);
        handOff(me, target.carrier);
        // handed the baton again: drive on (or exit)
        current = me;
    }

    private Carrier takeIdle() {
        Carrier next = idle.poll();
        if (next == null) {
            next = new Carrier();
            next.start();
        }
        return next;
    }

    private void handOff(Carrier me, Carrier next) {
        current = next;
        next.go.release();
        me.go.acquireUninterruptibly();
    }

    // ---- running

    /**
     * Runs until {@code stop} holds when time is to advance, or until {@code limit}; returns false on the
     * limit. Throws what a task or a check threw (an AssertionError from an invariant, say).
     */
    boolean run(BooleanSupplier stop, Runnable beforeAdvance, Instant limit) {
        this.stop = stop;
        this.beforeAdvance = beforeAdvance;
        this.limit = limit;
        Carrier first = takeIdle();
        current = first;
        first.go.release();
        try {
            if (!finished.tryAcquire(120, TimeUnit.SECONDS)) {
                throw new AssertionError("simulation hung (real time)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return !reachedLimit;
    }

    private boolean reachedLimit;
    private Carrier finisher;
    private String violation;

    /** Records an invariant violation; the run stops after the current step. */
    void fail(String message) {
        if (violation == null) {
            violation = message;
        }
    }

    private void drive(Carrier me) {
        current = me;
        while (!over && !me.exit) {
            boolean more;
            try {
                more = step(me);
            } catch (Killed k) {
                // a dead node's stack unwound through the driver: nothing of it matters
                more = true;
            } catch (Throwable t) {
                if (!me.exit && failure == null) {
                    failure = t;
                }
                more = false;
            }
            if (me.exit) {
                break;
            }
            if (!more || violation != null) {
                finish(me);
                return;
            }
        }
        if (finisher != null && finisher != me) {
            finisher.go.release();
        }
    }

    /** One task, or a time advance; false when the run is over. */
    private boolean step(Carrier me) {
        if (ready.isEmpty()) {
            beforeAdvance.run();
            if (stop.getAsBoolean()) {
                return false;
            }
            Timer first = timers.peek();
            if (first == null || first.due.isAfter(limit)) {
                reachedLimit = true;
                return false;
            }
            now = first.due;
            while (!timers.isEmpty() && !timers.peek().due.isAfter(now)) {
                Timer t = timers.poll();
                if (t.task.node.alive) {
                    ready.add(t.task);
                }
            }
            return true;
        }
        int i = random.nextInt(ready.size());
        Task task = ready.get(i);
        int last = ready.size() - 1;
        ready.set(i, ready.get(last));
        ready.remove(last);
        if (!task.node.alive) {
            return true;
        }
        steps++;
        me.node = task.node;
        try {
            task.body.run();
        } finally {
            flushDeferred();
            me.node = null;
            Thread.interrupted();
        }
        return true;
    }

    /** Ends the run: parked stacks unwind one at a time, idle carriers exit, the test thread wakes. */
    private void finish(Carrier me) {
        over = true;
        finisher = me;
        List<Carrier> others = new ArrayList<>();
        parked.forEach(p -> others.add(p.carrier));
        parked.clear();
        others.addAll(idle);
        idle.clear();
        for (Carrier c : others) {
            c.exit = true;
            current = c;
            c.go.release();
            me.go.acquireUninterruptibly();
        }
        if (violation != null && failure == null) {
            failure = new AssertionError(violation);
        }
        finished.release();
    }
}
