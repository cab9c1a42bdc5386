package io.mayhem.lease;

import io.mayhem.handling.PubSubMessage;
import io.mayhem.monitoring.LeaseExtendedEvent;
import io.mayhem.monitoring.Stats;
import io.mayhem.tasks.Cancellable;
import io.mayhem.tasks.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * Keeps a request's lease alive while it is worked on: at once, then every extend-every, move the lease
 * extend-by into the future. Gives up after max-total and fails the request.
 */
public final class LeaseKeeper {

    private static final Logger LOG = Logger.getLogger(LeaseKeeper.class.getName());

    private final LeaseStore store;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Stats stats;
    private final Duration every;
    private final Duration by;
    private final Duration maxTotal;

    public LeaseKeeper(LeaseStore store, Scheduler scheduler, Clock clock, Stats stats,
                       Duration every, Duration by, Duration maxTotal) {
        this.store = store;
        this.scheduler = scheduler;
        this.clock = clock;
        this.stats = stats;
        this.every = every;
        this.by = by;
        this.maxTotal = maxTotal;
    }

    /** Starts keeping the lease; the returned lease's {@code lost()} fails when the cap is reached. */
    public Lease keep(PubSubMessage msg, Executor tasks) {
        return new Lease(msg, tasks);
    }

    /** One request's lease keeping; {@link #stop()} ends it. */
    public final class Lease {
        private final PubSubMessage msg;
        private final Instant started;
        private final CompletableFuture<Void> lost = new CompletableFuture<>();
        private final Cancellable ticks;
        private volatile boolean stopped;

        private Lease(PubSubMessage msg, Executor tasks) {
            this.msg = msg;
            this.started = clock.instant();
            this.ticks = scheduler.scheduleAtFixedRate(Duration.ZERO, every, () -> tasks.execute(this::extend));
        }

        private void extend() {
            if (stopped) {
                return;
            }
            Instant now = clock.instant();
            if (Duration.between(started, now).compareTo(maxTotal) >= 0) {
                stop();
                lost.completeExceptionally(new LeaseCapExceeded(
                        "Lease held longer than mayhem.lease.max-total (" + maxTotal + ") for " + msg));
                return;
            }
            int count = msg.countExtension();
            store.extend(msg.messageId(), now.plus(by), count);
            stats.extended();
            LeaseExtendedEvent event = new LeaseExtendedEvent();
            event.messageId = msg.messageId();
            event.extendedCount = count;
            event.commit();
            LOG.info(() -> "Extended deadline by " + by.toSeconds() + " seconds for " + msg + " " + msg.tag());
        }

        /** Fails exceptionally with {@link LeaseCapExceeded} when the lease cannot be held any longer. */
        public CompletableFuture<Void> lost() {
            return lost;
        }

        public void stop() {
            stopped = true;
            ticks.cancel();
        }
    }
}
