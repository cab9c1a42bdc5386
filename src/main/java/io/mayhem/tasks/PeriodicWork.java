package io.mayhem.tasks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The service's periodic work (lease heartbeat, sweep, outbox resend, purge, checks) on the scheduler, with the
 * scheduler's own heartbeat that liveness reads. It starts with the first timer tick or delivery, not at
 * deployment, and is armed again when the scheduler ran none of it within {@link #REARM_AFTER}: Payara Server
 * 6.2025.9 kills the scheduler's tasks while the application still starts, and a periodic task that was killed is
 * never run again (docs/decisions/0014-periodic-work-started-late-and-rearmed.md).
 */
public final class PeriodicWork {

    /** The scheduler ran none of the work within this long of arming it: its tasks were killed. */
    public static final Duration REARM_AFTER = Duration.ofSeconds(3);
    /** How often the scheduler's own heartbeat runs. */
    public static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(PeriodicWork.class.getName());

    private final Scheduler scheduler;
    private final Clock clock;
    private final Supplier<List<Cancellable>> work;
    private volatile Instant heartbeat;
    private List<Cancellable> running;
    private Instant armed;
    private boolean stopped;

    /** @param work schedules the periodic work on {@code scheduler} and returns its handles */
    public PeriodicWork(Scheduler scheduler, Clock clock, Supplier<List<Cancellable>> work) {
        this.scheduler = scheduler;
        this.clock = clock;
        this.work = work;
        this.heartbeat = clock.instant();
    }

    /**
     * Starts the work if it is not running, or arms it again when the scheduler's heartbeat has not run within
     * {@link #REARM_AFTER} of arming it. Called by every timer tick and the first delivery of each listener.
     * Does nothing once {@link #stop() stopped}.
     */
    public synchronized void ensureStarted() {
        if (stopped) {
            return;
        }
        Instant now = clock.instant();
        if (running == null || heartbeat.isBefore(armed) && Duration.between(armed, now).compareTo(REARM_AFTER) > 0) {
            if (running != null) {
                running.forEach(Cancellable::cancel);
                LOG.warning(() -> "The scheduler ran none of its periodic tasks within " + REARM_AFTER.toMillis()
                        + " ms of arming them (killed during the start-up); arming them again");
            }
            armed = now;
            running = new ArrayList<>();
            running.add(scheduler.scheduleAtFixedRate(Duration.ZERO, HEARTBEAT_EVERY, () -> heartbeat = clock.instant()));
            running.addAll(work.get());
        }
    }

    /** Cancels the work for good (shutdown): it is not armed again. */
    public synchronized void stop() {
        stopped = true;
        if (running != null) {
            running.forEach(Cancellable::cancel);
            running = null;
        }
    }

    /** When the scheduler last ran its heartbeat (or when this was built): a stale one means a stuck scheduler. */
    public Instant heartbeat() {
        return heartbeat;
    }
}
