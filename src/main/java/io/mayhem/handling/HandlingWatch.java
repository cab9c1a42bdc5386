package io.mayhem.handling;

import io.mayhem.monitoring.RequestHandledEvent;
import io.mayhem.monitoring.Stats;
import io.mayhem.request.Outcome;
import io.mayhem.request.RestartRequest;
import io.mayhem.tasks.Cancellable;
import io.mayhem.tasks.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Times each request's handling: its duration goes into the stats' latency window and a
 * {@code mayhem.RequestHandled} flight-recorder event; a handling that runs longer than the slow threshold
 * is reported once, with a WARN, by a periodic check.
 */
public final class HandlingWatch {

    /** How often the periodic check looks for slow handlings. */
    public static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(HandlingWatch.class.getName());

    private final Clock clock;
    private final Stats stats;
    private final Duration slowThreshold;
    private final Set<Watched> running = ConcurrentHashMap.newKeySet();

    public HandlingWatch(Clock clock, Stats stats, Duration slowThreshold) {
        this.clock = clock;
        this.stats = stats;
        this.slowThreshold = slowThreshold;
    }

    /** Starts timing the handling of {@code msg}. */
    public Watched started(RestartRequest msg) {
        Watched watched = new Watched(msg, clock.instant());
        running.add(watched);
        return watched;
    }

    /** Runs {@link #reportSlow()} every {@link #CHECK_EVERY} on {@code executor}. */
    public Cancellable startChecks(Scheduler scheduler, Executor executor) {
        return scheduler.scheduleAtFixedRate(CHECK_EVERY, CHECK_EVERY, () -> executor.execute(this::reportSlow));
    }

    /** Logs a WARN, once per request, for each handling that has run longer than the threshold. */
    public void reportSlow() {
        Instant now = clock.instant();
        for (Watched watched : running) {
            Duration elapsed = Duration.between(watched.started, now);
            if (elapsed.compareTo(slowThreshold) > 0 && watched.reported.compareAndSet(false, true)) {
                LOG.warning(() -> "Slow task: handling " + watched.msg + " has run for " + elapsed.toMillis()
                        + " ms, longer than mayhem.tasks.slow-threshold (" + slowThreshold.toMillis() + " ms) "
                        + watched.msg.tag());
            }
        }
    }

    /** Handlings started and not yet ended. */
    public int running() {
        return running.size();
    }

    /** One request's handling being timed. */
    public final class Watched {
        private final RestartRequest msg;
        private final Instant started;
        private final RequestHandledEvent event = new RequestHandledEvent();
        private final AtomicBoolean reported = new AtomicBoolean();

        private Watched(RestartRequest msg, Instant started) {
            this.msg = msg;
            this.started = started;
            event.begin();
        }

        /** The request was acked: records its handling time and commits its flight-recorder event. */
        public void acked(Outcome outcome) {
            stats.handled(Duration.between(started, clock.instant()));
            event.messageId = msg.messageId();
            event.outcome = outcome.name();
            event.attempts = msg.restartAttempts();
            event.commit();
            ended();
        }

        /** The handling is over, acked or not (cancelled, or the ack failed): no longer watched. */
        public void ended() {
            running.remove(this);
        }
    }
}
