package io.mayhem.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import io.mayhem.handling.PubSubMessage;
import io.mayhem.monitoring.Stats;
import io.mayhem.testkit.FlightEvents;
import io.mayhem.testkit.LogCapture;
import io.mayhem.testkit.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.logging.Level;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.InOrder;

class LeaseKeeperTest {

    @RegisterExtension
    LogCapture logs = new LogCapture();

    VirtualScheduler time = new VirtualScheduler(Instant.parse("2026-01-01T00:00:00Z"));
    LeaseStore store = mock(LeaseStore.class);
    Stats stats = new Stats();
    LeaseKeeper keeper = new LeaseKeeper(store, time, time.clock(), stats, Duration.ofSeconds(2),
            Duration.ofSeconds(3), Duration.ofSeconds(7));
    PubSubMessage msg = new PubSubMessage("6f1c6a2e-0000-4000-8000-000000000001", "cattle-1a2b", "example.net");

    @Test
    void extendsAtOnceThenEveryTwoSecondsOfVirtualTime() {
        keeper.keep(msg, Runnable::run);
        time.advance(Duration.ofSeconds(5));

        assertThat(msg.extendedCount()).isEqualTo(3);
        InOrder order = inOrder(store);
        order.verify(store).extend(msg.messageId(), Instant.parse("2026-01-01T00:00:03Z"), 1);
        order.verify(store).extend(msg.messageId(), Instant.parse("2026-01-01T00:00:05Z"), 2);
        order.verify(store).extend(msg.messageId(), Instant.parse("2026-01-01T00:00:07Z"), 3);
        assertThat(logs.messages(Level.INFO)).containsExactlyElementsOf(Collections.nCopies(3,
                "Extended deadline by 3 seconds for PubSubMessage(instance_name=cattle-1a2b)"));
        assertThat(stats.snapshot()).containsEntry("extended", 3L);
    }

    @Test
    void commitsALeaseExtendedFlightRecorderEventPerExtension() {
        List<RecordedEvent> events = FlightEvents.during("mayhem.LeaseExtended", () -> {
            keeper.keep(msg, Runnable::run);
            time.advance(Duration.ofSeconds(3));
        });

        assertThat(events).extracting(e -> e.getString("messageId")).containsOnly(msg.messageId());
        assertThat(events).extracting(e -> e.getInt("extendedCount")).containsExactly(1, 2);
    }

    @Test
    void extendsNoMoreOnceStopped() {
        LeaseKeeper.Lease lease = keeper.keep(msg, Runnable::run);
        time.advance(Duration.ofSeconds(1));
        lease.stop();
        time.advance(Duration.ofSeconds(10));

        assertThat(msg.extendedCount()).isEqualTo(1);
        assertThat(time.pending()).isZero();
    }

    @Test
    void givesUpAtTheCapAndFailsTheLease() {
        LeaseKeeper.Lease lease = keeper.keep(msg, Runnable::run);
        time.advance(Duration.ofSeconds(7));

        assertThat(msg.extendedCount()).isEqualTo(4);
        assertThat(lease.lost()).isNotDone();
        time.advance(Duration.ofSeconds(1));

        assertThat(lease.lost()).isCompletedExceptionally();
        assertThat(lease.lost()).failsWithin(Duration.ZERO).withThrowableThat().havingCause()
                .isInstanceOf(LeaseCapExceeded.class);
        time.advance(Duration.ofSeconds(10));
        assertThat(msg.extendedCount()).isEqualTo(4);
    }

    @Test
    void theCapIsReachedAtExactlyMaxTotalAndNoTickIsLeftScheduled() {
        LeaseKeeper sixSeconds = new LeaseKeeper(store, time, time.clock(), stats, Duration.ofSeconds(2),
                Duration.ofSeconds(3), Duration.ofSeconds(6));
        LeaseKeeper.Lease lease = sixSeconds.keep(msg, Runnable::run);
        time.advance(Duration.ofSeconds(6));

        assertThat(msg.extendedCount()).isEqualTo(3);
        assertThat(lease.lost()).isCompletedExceptionally();
        assertThat(time.pending()).isZero();
    }

    @Test
    void ticksThatWereAlreadyQueuedDoNothingAfterStop() {
        java.util.List<Runnable> queued = new java.util.ArrayList<>();
        LeaseKeeper.Lease lease = keeper.keep(msg, queued::add);
        time.advance(Duration.ofSeconds(0));
        lease.stop();
        queued.forEach(Runnable::run);

        assertThat(msg.extendedCount()).isZero();
        verifyNoMoreInteractions(store);
    }
}
