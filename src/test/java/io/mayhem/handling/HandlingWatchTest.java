package io.mayhem.handling;

import static org.assertj.core.api.Assertions.assertThat;

import io.mayhem.monitoring.LatencyWindow;
import io.mayhem.monitoring.Stats;
import io.mayhem.request.Outcome;
import io.mayhem.request.RestartRequest;
import io.mayhem.tasks.Cancellable;
import io.mayhem.testkit.FlightEvents;
import io.mayhem.testkit.LogCapture;
import io.mayhem.testkit.VirtualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HandlingWatchTest {

    @RegisterExtension
    LogCapture logs = new LogCapture();

    VirtualScheduler time = new VirtualScheduler();
    Stats stats = new Stats(new LatencyWindow(time.clock(), Duration.ofSeconds(60), 100));
    HandlingWatch watch = new HandlingWatch(time.clock(), stats, Duration.ofSeconds(30));
    RestartRequest msg = new RestartRequest("6f1c6a2e-0000-4000-8000-000000000001", "cattle-1a2b", "example.net");

    @Test
    void reportsAHandlingLongerThanTheThresholdOnceWithItsMessageId() {
        watch.startChecks(time, Runnable::run);
        watch.started(msg);

        time.advance(Duration.ofSeconds(30));
        assertThat(logs.records()).isEmpty();
        time.advance(Duration.ofSeconds(1));
        time.advance(Duration.ofSeconds(60));

        assertThat(logs.records()).extracting(LogRecord::getLevel, LogRecord::getMessage).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Level.WARNING, "Slow task: handling PubSubMessage(instance_name=cattle-1a2b)"
                        + " has run for 31000 ms, longer than mayhem.tasks.slow-threshold (30000 ms)"
                        + " [message_id=6f1c6a2e-0000-4000-8000-000000000001]"));
    }

    @Test
    void reportsEachSlowHandlingButNotTheOnesThatEndedInTime() {
        RestartRequest quick = new RestartRequest("6f1c6a2e-0000-4000-8000-000000000002", "cattle-quick", "example.net");
        RestartRequest late = new RestartRequest("6f1c6a2e-0000-4000-8000-000000000003", "cattle-late", "example.net");
        watch.startChecks(time, Runnable::run);
        watch.started(msg);
        HandlingWatch.Watched quickly = watch.started(quick);
        time.advance(Duration.ofSeconds(10));
        watch.started(late);
        quickly.acked(Outcome.DONE);

        time.advance(Duration.ofSeconds(45));

        assertThat(logs.messages(Level.WARNING)).hasSize(2)
                .anySatisfy(line -> assertThat(line).contains("cattle-1a2b").contains("has run for 31000 ms"))
                .anySatisfy(line -> assertThat(line).contains("cattle-late").contains("has run for 31000 ms"));
    }

    @Test
    void checksEverySecondUntilCancelled() {
        Cancellable checks = watch.startChecks(time, Runnable::run);
        assertThat(time.pending()).isEqualTo(1);
        watch.started(msg);

        checks.cancel();
        time.advance(Duration.ofMinutes(5));

        assertThat(time.pending()).isZero();
        assertThat(logs.records()).isEmpty();
    }

    @Test
    void recordsTheHandlingTimeWhenAcked() {
        HandlingWatch.Watched watched = watch.started(msg);
        time.advance(Duration.ofMillis(1234));
        watched.acked(Outcome.FAILED);

        assertThat(stats.snapshot()).containsEntry("handling_ms_p50", 1234L).containsEntry("handling_ms_p99", 1234L);
        assertThat(watch.running()).isZero();
    }

    @Test
    void aHandlingEndedWithoutAckIsNeitherTimedNorReported() {
        watch.startChecks(time, Runnable::run);
        HandlingWatch.Watched watched = watch.started(msg);
        assertThat(watch.running()).isEqualTo(1);
        watched.ended();

        time.advance(Duration.ofMinutes(2));

        assertThat(watch.running()).isZero();
        assertThat(stats.snapshot()).containsEntry("handling_ms_p50", 0L);
        assertThat(logs.records()).isEmpty();
    }

    @Test
    void commitsARequestHandledFlightRecorderEventAtTheAck() {
        msg.countRestartAttempt();
        msg.countRestartAttempt();
        List<RecordedEvent> events = FlightEvents.during("mayhem.RequestHandled", () -> {
            HandlingWatch.Watched watched = watch.started(msg);
            watch.started(new RestartRequest("6f1c6a2e-0000-4000-8000-000000000009", "cattle-gone", "example.net"))
                    .ended();
            watched.acked(Outcome.DONE);
        });

        assertThat(events).hasSize(1);
        RecordedEvent event = events.get(0);
        assertThat(event.getString("messageId")).isEqualTo("6f1c6a2e-0000-4000-8000-000000000001");
        assertThat(event.getString("outcome")).isEqualTo("DONE");
        assertThat(event.getInt("attempts")).isEqualTo(2);
        assertThat(event.getDuration()).isPositive();
        assertThat(event.getEventType().getCategoryNames()).containsExactly("Mayhem", "Handling");
    }
}
