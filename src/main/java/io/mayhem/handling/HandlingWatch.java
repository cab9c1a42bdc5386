package io.mayhem.handling;

import io.mayhem.lease.InFlight;
import io.mayhem.monitoring.RequestHandledEvent;
import io.mayhem.monitoring.Stats;
import io.mayhem.request.Outcome;
import io.mayhem.request.RestartRequest;
import io.mayhem.tasks.Cancellable;
import io.mayhem.tasks.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * Times each request's handling: its duration goes into the stats' latency window and a
 * {@code mayhem.RequestHandled} flight-recorder event; a handling in flight longer than the slow threshold
 * is reported once, with a WARN, by a periodic check of {@link InFlight}.
 */
public final class HandlingWatch {

    /** How often the periodic check looks for slow handlings. */
    public static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(HandlingWatch.class.getName());

    private final Clock clock;
    private final Stats stats;
    private final InFlight inFlight;
    private final Duration slowThreshold;

    public HandlingWatch(Clock clock, Stats stats, InFlight inFlight, Duration slowThreshold) {
        this.clock = clock;
        this.stats = stats;
        this.inFlight = inFlight;
        this.slowThreshold = slowThreshold;
    }

    /** Starts timing the handling of the entry's request, from when it was recorded in flight. */
    public Watched started(InFlight.Entry entry) {
        return new Watched(entry);
    }

    /** Runs {@link #reportSlow()} every {@link #CHECK_EVERY} on {@code executor}. */
    public Cancellable startChecks(Scheduler scheduler, Executor executor) {
        return scheduler.scheduleAtFixedRate(CHECK_EVERY, CHECK_EVERY, () -> executor.execute(this::reportSlow));
    }

    /** Logs a WARN, once per request, for each handling in flight longer than the threshold. */
    public void reportSlow() {
        Instant now = clock.instant();
        for (InFlight.Entry entry : inFlight.entries()) {
            Duration elapsed = Duration.between(entry.since(), now);
            if (elapsed.compareTo(slowThreshold) > 0 && entry.firstSlowReport()) {
                RestartRequest msg = entry.request();
                LOG.warning(() -> "Slow task: handling " + msg + " has run for " + elapsed.toMillis()
                        + " ms, longer than mayhem.tasks.slow-threshold (" + slowThreshold.toMillis() + " ms) "
                        + msg.tag());
            }
        }
    }

    /** One request's handling being timed. */
    public final class Watched {
        private final InFlight.Entry entry;
        private final RequestHandledEvent event = new RequestHandledEvent();

        private Watched(InFlight.Entry entry) {
            this.entry = entry;
            event.begin();
        }

        /** The request was acked: records its handling time and commits its flight-recorder event. */
        public void acked(Outcome outcome) {
            RestartRequest msg = entry.request();
            stats.handled(Duration.between(entry.since(), clock.instant()));
            event.messageId = msg.messageId();
            event.outcome = outcome.name();
            event.attempts = msg.restartAttempts();
            event.commit();
        }
    }
}
