package io.mayhem.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.mayhem.testkit.LogCapture;
import io.mayhem.testkit.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PeriodicWorkTest {

    @RegisterExtension
    LogCapture logs = new LogCapture(PeriodicWork.class.getName());

    VirtualScheduler time = new VirtualScheduler();
    List<Boolean> cancelled = new ArrayList<>();

    /** Arms one task of its own per call and records whether it was cancelled. */
    private List<Cancellable> work() {
        int index = cancelled.size();
        cancelled.add(false);
        return List.of(() -> cancelled.set(index, true));
    }

    /** A scheduler whose tasks were killed: it takes them and never runs one. */
    private final Scheduler killed = new Scheduler() {
        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            return () -> { };
        }

        @Override
        public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
            return () -> { };
        }
    };

    @Test
    void armsOnceAndTheSchedulersHeartbeatRunsEverySecond() {
        Instant built = time.now();
        PeriodicWork periodic = new PeriodicWork(time, time.clock(), this::work);
        assertThat(periodic.heartbeat()).as("before the first tick").isEqualTo(built);
        assertThat(cancelled).as("nothing armed at deployment").isEmpty();

        periodic.ensureStarted();
        time.advance(Duration.ofMillis(5500));
        periodic.ensureStarted();

        assertThat(cancelled).containsExactly(false);
        assertThat(periodic.heartbeat()).isEqualTo(built.plusSeconds(5));
    }

    @Test
    void armsAgainWhenTheSchedulerRanNoneOfItWithinThreeSeconds() {
        PeriodicWork periodic = new PeriodicWork(killed, time.clock(), this::work);
        time.advance(Duration.ofMillis(200)); // the first timer tick comes after the deployment
        periodic.ensureStarted();

        time.advance(PeriodicWork.REARM_AFTER);
        periodic.ensureStarted();
        assertThat(cancelled).as("not past the bound yet").containsExactly(false);

        time.advance(Duration.ofMillis(1));
        periodic.ensureStarted();
        assertThat(cancelled).as("the killed work is cancelled and armed anew").containsExactly(true, false);
        assertThat(logs.messages(Level.WARNING)).containsExactly("The scheduler ran none of its periodic tasks within "
                + "3000 ms of arming them (killed during the start-up); arming them again");
    }

    @Test
    void stopCancelsTheWorkForGood() {
        PeriodicWork periodic = new PeriodicWork(time, time.clock(), this::work);
        periodic.ensureStarted();

        periodic.stop();
        time.advance(Duration.ofSeconds(10));
        periodic.ensureStarted();

        assertThat(cancelled).containsExactly(true);
        assertThat(time.pending()).as("the heartbeat is cancelled too").isZero();
        periodic.stop();
    }

    @Test
    void stoppedBeforeItStartedItNeverStarts() {
        PeriodicWork periodic = new PeriodicWork(time, time.clock(), this::work);

        periodic.stop();
        periodic.ensureStarted();

        assertThat(cancelled).isEmpty();
        assertThat(time.scheduledCount()).isZero();
    }
}
