package io.mayhem.lease;

import io.mayhem.tasks.Cancellable;
import io.mayhem.tasks.RootCause;
import io.mayhem.tasks.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The one lease heartbeat of this instance (docs/design.md sections 2 and 3): every extend-every, on the scheduler
 * (never behind request work), one statement renews the heartbeat that all requests this instance holds point
 * at. A request is taken over by another instance only after its owner's heartbeat is older than extend-by.
 *
 * <p>Fencing: the lease is valid until the start of the last successful renewal plus extend-by. When that
 * time passes without a newer renewal (the database failed or stalled, or the scheduler ran late), or a
 * renewal finds that another instance expired the heartbeat, the lease has lapsed: {@link Holder#lapsed}
 * stops all work of its requests, and the next heartbeat starts a new epoch with a new owner id. Requests of
 * the old epoch are then swept like those of a dead instance, by any instance. Work for a request is started
 * only while {@link #holds(String)} is true for the owner it was stored under.
 *
 * <p>Assumes the instances' clocks agree to well within extend-by minus extend-every (1 s by default).
 */
public final class InstanceLease {

    /** What the lease keeps alive: the requests this instance works on. */
    public interface Holder {
        /** Called after each successful renewal: every request held was extended by {@code by}. */
        void renewed(String owner, Duration by);

        /** The lease of {@code owner} may be lost: stop all work of its requests at once, ack none of them. */
        void lapsed(String owner, String reason);
    }

    /** How often the shutdown tries to release the leases before it leaves them to lapse. */
    public static final int RELEASE_ATTEMPTS = 3;

    private static final Logger LOG = Logger.getLogger(InstanceLease.class.getName());

    private final LeaseStore store;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Supplier<String> ids;
    private final Duration every;
    private final Duration by;
    private Holder holder = new Holder() {
        @Override
        public void renewed(String owner, Duration by) {
        }

        @Override
        public void lapsed(String owner, String reason) {
        }
    };
    private volatile String owner;
    /** Null while no lease is held (before the first heartbeat, after a lapse). */
    private volatile Instant validUntil;
    /** Changes with every new epoch, lapse and stop: a renewal that began in another one changes nothing. */
    private Object epoch = new Object();
    private Cancellable fence = () -> { };
    private Cancellable beat = () -> { };
    private boolean failing;

    /**
     * @param store where heartbeats live
     * @param scheduler runs the heartbeat and the fence check; must never queue behind request work
     * @param clock the time heartbeats are written with and compared to
     * @param ids a new, unique owner id per call (one per epoch)
     * @param every how often the heartbeat runs (mayhem.lease.extend-every)
     * @param by how long a renewal keeps the lease valid (mayhem.lease.extend-by), longer than {@code every}
     * @throws IllegalArgumentException when {@code by} is not longer than {@code every}
     */
    public InstanceLease(LeaseStore store, Scheduler scheduler, Clock clock, Supplier<String> ids,
                         Duration every, Duration by) {
        if (by.compareTo(every) <= 0) {
            throw new IllegalArgumentException("extend-by (" + by + ") must be longer than extend-every (" + every + ")");
        }
        this.store = store;
        this.scheduler = scheduler;
        this.clock = clock;
        this.ids = ids;
        this.every = every;
        this.by = by;
    }

    /** Sets who is told about renewals and lapses (the request handler). */
    public void holder(Holder holder) {
        this.holder = holder;
    }

    /** Runs the heartbeat at once and then every extend-every, until {@link #stop()}; a second start replaces the first. */
    public synchronized void start() {
        beat.cancel();
        beat = scheduler.scheduleAtFixedRate(Duration.ZERO, every, this::heartbeat);
    }

    /** One heartbeat: renews the lease, or starts a new epoch when none is held. Never throws. */
    public void heartbeat() {
        Instant now = clock.instant();
        checkFence();
        String current;
        Object started;
        synchronized (this) {
            current = validUntil == null ? null : owner;
            started = epoch;
        }
        try {
            if (current == null) {
                String next = ids.get();
                store.register(next, now);
                begin(next, now, started);
            } else if (store.renew(current, now)) {
                renewed(current, now, started);
            } else {
                lapse(current, started, "another instance expired the heartbeat");
            }
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warning(() -> "Lease heartbeat failed (" + e + "); the lease lapses at " + validUntil
                        + " unless a renewal succeeds before");
            }
            failing = true;
        }
    }

    private synchronized void begin(String next, Instant now, Object started) {
        if (epoch != started) {
            return;
        }
        epoch = new Object();
        owner = next;
        validUntil = now.plus(by);
        scheduleFence(now);
        LOG.info(() -> "Lease heartbeat started for owner " + next);
    }

    private void renewed(String current, Instant now, Object started) {
        synchronized (this) {
            if (epoch != started || validUntil == null) {
                // it lapsed while this renewal ran: the epoch is given up, its requests are swept later
                return;
            }
            validUntil = now.plus(by);
            scheduleFence(now);
        }
        holder.renewed(current, by);
    }

    /**
     * Checks the fence when the lease runs out. Counted from the clock now, not from the renewal's start: a
     * renewal that stalled in the database returns late, and its lease runs out that much sooner.
     */
    private void scheduleFence(Instant now) {
        fence.cancel();
        Duration left = Duration.between(clock.instant(), validUntil);
        fence = scheduler.schedule(left.isNegative() ? Duration.ZERO : left, this::checkFence);
    }

    /** Lapses the lease when its time is up; runs at the end of every validity and before each heartbeat. */
    public void checkFence() {
        String current;
        Object started;
        synchronized (this) {
            Instant until = validUntil;
            if (until == null || clock.instant().isBefore(until)) {
                return;
            }
            current = owner;
            started = epoch;
        }
        lapse(current, started, "not renewed within mayhem.lease.extend-by (" + by + ")");
    }

    private void lapse(String current, Object started, String reason) {
        synchronized (this) {
            if (epoch != started || validUntil == null) {
                return;
            }
            validUntil = null;
            epoch = new Object();
            fence.cancel();
        }
        LOG.warning(() -> "Lease of owner " + current + " lapsed (" + reason + "): stopping all work on its "
                + "requests; they are taken over once its heartbeat is older than extend-by");
        holder.lapsed(current, reason);
    }

    /** True while this instance's lease is valid and {@code requestOwner} is its current owner id. */
    public boolean holds(String requestOwner) {
        Instant until = validUntil;
        return until != null && requestOwner != null && requestOwner.equals(owner) && clock.instant().isBefore(until);
    }

    /** The current owner id, or null while no lease is held (also once it ran out, before the fence check ran). */
    public String owner() {
        Instant until = validUntil;
        return until == null || !clock.instant().isBefore(until) ? null : owner;
    }

    /** Heartbeats older than this (at {@code now}) belong to owners whose requests may be taken over. */
    public Instant staleBefore(Instant now) {
        return now.minus(by);
    }

    /** How long a renewal keeps the lease. */
    public Duration extendBy() {
        return by;
    }

    /**
     * Stops the heartbeat and gives the lease up (shutdown): no further work starts under it. Returns the owner
     * id that held it, or null; the caller releases its requests ({@link #release}).
     */
    public synchronized String stop() {
        String current = validUntil == null ? null : owner;
        beat.cancel();
        validUntil = null;
        epoch = new Object();
        fence.cancel();
        return current;
    }

    /**
     * The shutdown's nack: releases the requests {@code owner} held, so another instance takes them over at once,
     * trying {@value #RELEASE_ATTEMPTS} times. A failure (say a lock timeout while a last task commits, or a store
     * the server has already stopped) does not stop the shutdown: the leases then lapse after extend-by instead,
     * and nothing is lost.
     *
     * @param owner what {@link #stop()} returned
     * @return what became of the leases, for the shutdown line: "N leases released", "no lease held", or
     *         "leases not released (cause), they lapse instead"
     */
    public String release(String owner) {
        if (owner == null) {
            return "no lease held";
        }
        RuntimeException failure = null;
        for (int attempt = 1; attempt <= RELEASE_ATTEMPTS; attempt++) {
            try {
                return store.release(owner) + " leases released";
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        return "leases not released (" + RootCause.of(failure) + "), they lapse instead";
    }
}
