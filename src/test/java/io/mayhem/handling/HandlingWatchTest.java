package io.mayhem.handling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.mayhem.lease.InFlight;
import io.mayhem.lease.InstanceLease;
import io.mayhem.lease.LeaseStore;
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
    Stats stats = new Stats(new LatencyWindow(time.clock(), Duration.ofSeconds(60), 100), () -> 0);
    InFlight inFlight = new InFlight(new InstanceLease(mock(LeaseStore.class), time, time.clock(), () -> "owner-1",
            Duration.ofSeconds(2), Duration.ofSeconds(3)), time.clock(), Duration.ofHours(1), 10);
    HandlingWatch watch = new HandlingWatch(time.clock(), stats, inFlight, Duration.ofSeconds(30));
    RestartRequest msg = new RestartRequest("6f1c6a2e-0000-4000-8000-000000000001", "cattle-1a2b", "example.net");

    /** Its handling starts now: recorded in flight (as the handler does) and timed. */
    private HandlingWatch.Watched started(RestartRequest request) {
        return watch.started(inFlight.track(request, "owner-1", mock(InFlight.Held.class)).orElseThrow());
    }

    /** Its handling ended, acked or not: no longer in flight. */
    private void ended(RestartRequest request) {
        inFlight.entries().stream().filter(e -> e.request() == request).toList().forEach(inFlight::untrack);
    }

    @Test
    void reportsAHandlingLongerThanTheThresholdOnceWithItsMessageId() {
        watch.startChecks(time, Runnable::run);
        started(msg);

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
        started(msg);
        HandlingWatch.Watched quickly = started(quick);
        time.advance(Duration.ofSeconds(10));
        started(late);
        quickly.acked(Outcome.DONE);
        ended(quick);

        time.advance(Duration.ofSeconds(45));

        assertThat(logs.messages(Level.WARNING)).hasSize(2)
                .anySatisfy(line -> assertThat(line).contains("cattle-1a2b").contains("has run for 31000 ms"))
                .anySatisfy(line -> assertThat(line).contains("cattle-late").contains("has run for 31000 ms"));
    }

    @Test
    void checksEverySecondUntilCancelled() {
        Cancellable checks = watch.startChecks(time, Runnable::run);
        assertThat(time.pending()).isEqualTo(1);
        started(msg);

        checks.cancel();
        time.advance(Duration.ofMinutes(5));

        assertThat(time.pending()).isZero();
        assertThat(logs.records()).isEmpty();
    }

    @Test
    void recordsTheHandlingTimeWhenAcked() {
        HandlingWatch.Watched watched = started(msg);
        time.advance(Duration.ofMillis(1234));
        watched.acked(Outcome.FAILED);

        assertThat(stats.snapshot()).containsEntry("handling_ms_p50", 1234L).containsEntry("handling_ms_p99", 1234L);
    }

    @Test
    void aHandlingEndedWithoutAckIsNeitherTimedNorReported() {
        watch.startChecks(time, Runnable::run);
        started(msg);
        ended(msg);

        time.advance(Duration.ofMinutes(2));

        assertThat(stats.snapshot()).containsEntry("handling_ms_p50", 0L);
        assertThat(logs.records()).isEmpty();
    }

    @Test
    void commitsARequestHandledFlightRecorderEventAtTheAck() {
        msg.countRestartAttempt();
        msg.countRestartAttempt();
        List<RecordedEvent> events = FlightEvents.during("mayhem.RequestHandled", () -> {
            HandlingWatch.Watched watched = started(msg);
            RestartRequest gone = new RestartRequest("6f1c6a2e-0000-4000-8000-000000000009", "cattle-gone", "example.net");
            started(gone);
            ended(gone);
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
