package com.example.heartbeat;

import io.mayhem.tasks.Cancellable;
import io.mayhem.tasks.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * Code under test, written the way the test kit expects: time passes through a {@link Scheduler} and a
 * {@link Clock}, work runs on an {@link Executor}, all taken in the constructor. Every period it notes when the
 * beat was due and hands the beat to the executor, which logs it.
 */
public final class Heartbeat {

    private static final Logger LOG = Logger.getLogger(Heartbeat.class.getName());

    private final Scheduler scheduler;
    private final Executor executor;
    private final Clock clock;
    private final Duration period;
    private Cancellable ticking;
    private int beats;

    public Heartbeat(Scheduler scheduler, Executor executor, Clock clock, Duration period) {
        this.scheduler = scheduler;
        this.executor = executor;
        this.clock = clock;
        this.period = period;
    }

    /** The first beat is due one period from now. */
    public void start() {
        ticking = scheduler.scheduleAtFixedRate(period, period, () -> {
            Instant due = clock.instant();
            executor.execute(() -> beat(due));
        });
    }

    /** No beat is due after this; beats already handed to the executor still run. */
    public void stop() {
        ticking.cancel();
    }

    private void beat(Instant due) {
        beats++;
        LOG.info("Beat " + beats + " due at " + due);
    }
}
