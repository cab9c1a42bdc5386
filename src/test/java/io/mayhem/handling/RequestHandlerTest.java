package io.mayhem.handling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.mayhem.lease.LeaseKeeper;
import io.mayhem.lease.LeaseStore;
import io.mayhem.monitoring.Stats;
import io.mayhem.restart.HostRestarter;
import io.mayhem.restart.RestartFailed;
import io.mayhem.restart.Restarts;
import io.mayhem.restart.Simulation;
import io.mayhem.store.EventStore;
import io.mayhem.store.Saves;
import io.mayhem.tasks.TrackedExecutor;
import io.mayhem.testkit.LogCapture;
import io.mayhem.testkit.ManualExecutor;
import io.mayhem.testkit.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.InOrder;

class RequestHandlerTest {

    @RegisterExtension
    LogCapture logs = new LogCapture();

    ManualExecutor executor = new ManualExecutor();
    VirtualScheduler time = new VirtualScheduler();
    Stats stats = new Stats();
    List<Throwable> uncaught = new ArrayList<>();
    EventStore events = mock(EventStore.class);
    LeaseStore leaseStore = mock(LeaseStore.class);
    Acknowledger acks = mock(Acknowledger.class);
    HostRestarter restarter = mock(HostRestarter.class);
    Simulation simulation = mock(Simulation.class);
    HandlingWatch watch = new HandlingWatch(time.clock(), stats, Duration.ofSeconds(30));
    RequestHandler handler;
    PubSubMessage msg = new PubSubMessage("6f1c6a2e-0000-4000-8000-000000000001", "cattle-1a2b", "example.net");

    @BeforeEach
    void wire() {
        when(simulation.latency()).thenReturn(Duration.ofMillis(500));
        when(restarter.restart(anyString())).thenReturn(CompletableFuture.completedFuture(null));
        when(acks.ack(any(), any(), any())).thenAnswer(call -> call.getArgument(1));
        TrackedExecutor tasks = new TrackedExecutor(executor, (id, e) -> uncaught.add(e));
        handler = new RequestHandler(
                new Saves(events, time, simulation, stats),
                new Restarts(restarter, time, stats, 3, Duration.ofMillis(100)),
                new LeaseKeeper(leaseStore, time, time.clock(), stats, Duration.ofSeconds(2), Duration.ofSeconds(3),
                        Duration.ofHours(1)),
                acks, tasks, stats, watch);
    }

    /** Runs whatever is pending, advancing virtual time in small steps, until nothing is left to do. */
    private void settle(Duration span) {
        Duration step = Duration.ofMillis(100);
        for (Duration elapsed = Duration.ZERO; elapsed.compareTo(span) < 0; elapsed = elapsed.plus(step)) {
            executor.runUntilIdle();
            time.advance(step);
        }
        executor.runUntilIdle();
    }

    @Test
    void defersTheWorkInsteadOfRunningItInline() {
        CompletableFuture<Void> done = handler.handle(msg);

        assertThat(executor.pending()).isEqualTo(1);
        assertThat(done).isNotDone();
        verify(restarter, never()).restart(anyString());

        settle(Duration.ofSeconds(1));

        assertThat(done).isCompleted();
        assertThat(msg.acked()).isTrue();
    }

    @Test
    void acksDoneOnceAfterBothSaveAndRestartSucceeded() {
        handler.handle(msg);
        settle(Duration.ofSeconds(2));

        InOrder order = inOrder(events, restarter, acks);
        order.verify(events).record(msg);
        order.verify(acks).ack(msg, Outcome.DONE, null);
        verify(restarter, times(1)).restart("cattle-1a2b.example.net");
        verify(acks, times(1)).ack(any(), any(), any());
        assertThat(msg.saved()).isTrue();
        assertThat(msg.restarted()).isTrue();
        assertThat(logs.messages(Level.INFO)).contains("Done. Acked PubSubMessage(instance_name=cattle-1a2b) DONE");
        assertThat(stats.snapshot()).containsEntry("acked", 1L).containsEntry("failed", 0L)
                .containsEntry("in_flight", 0L);
    }

    @Test
    void timesTheHandlingFromItsStartToTheAck() {
        when(simulation.latency()).thenReturn(Duration.ofMillis(700), Duration.ofMillis(300));
        List<jdk.jfr.consumer.RecordedEvent> events = io.mayhem.testkit.FlightEvents.during("mayhem.RequestHandled", () -> {
            handler.handle(msg);
            assertThat(watch.running()).isEqualTo(1);
            settle(Duration.ofSeconds(2));
        });

        assertThat(stats.snapshot()).containsEntry("handling_ms_p50", 700L).containsEntry("handling_ms_p99", 700L);
        assertThat(watch.running()).isZero();
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.getString("messageId")).isEqualTo(msg.messageId());
            assertThat(event.getString("outcome")).isEqualTo("DONE");
            assertThat(event.getInt("attempts")).isEqualTo(1);
        });
    }

    @Test
    void aCancelledHandlingIsNoLongerWatchedNorTimed() {
        handler.handle(msg);
        settle(Duration.ofMillis(100));

        assertThat(handler.cancelAll()).isEqualTo(1);

        assertThat(watch.running()).isZero();
        assertThat(stats.snapshot()).containsEntry("handling_ms_p50", 0L);
    }

    @Test
    void doesNotAckBeforeTheSlowerOfSaveAndRestartFinished() {
        CompletableFuture<Void> restart = new CompletableFuture<>();
        when(restarter.restart(anyString())).thenReturn(restart);

        handler.handle(msg);
        settle(Duration.ofSeconds(3));
        assertThat(msg.saved()).isTrue();
        verify(acks, never()).ack(any(), any(), any());

        restart.complete(null);
        settle(Duration.ofMillis(100));
        verify(acks).ack(msg, Outcome.DONE, null);
    }

    @Test
    void acksFailedWithTheReasonWhenSaveFailsAndStillRestarts() {
        when(simulation.saveFails()).thenReturn(true);

        handler.handle(msg);
        settle(Duration.ofSeconds(2));

        verify(acks).ack(msg, Outcome.FAILED, "Could not save PubSubMessage(instance_name=cattle-1a2b)");
        verify(events, never()).record(any());
        assertThat(msg.restarted()).isTrue();
        assertThat(msg.saved()).isFalse();
        assertThat(logs.messages(Level.WARNING))
                .containsExactly("Handling general error: Could not save PubSubMessage(instance_name=cattle-1a2b)");
        assertThat(stats.snapshot()).containsEntry("failed", 1L).containsEntry("acked", 1L);
    }

    @Test
    void handlesResultsInArgumentOrderNotCompletionOrder() {
        when(simulation.saveFails()).thenReturn(true);
        when(restarter.restart(anyString())).thenReturn(CompletableFuture.failedFuture(new RestartFailed("Could not restart cattle-1a2b.example.net")));

        handler.handle(msg);
        settle(Duration.ofSeconds(3));

        assertThat(logs.messages(Level.WARNING)).endsWith(
                "Handling general error: Could not save PubSubMessage(instance_name=cattle-1a2b)",
                "Handling general error: Could not restart cattle-1a2b.example.net");
        verify(acks).ack(msg, Outcome.FAILED,
                "Could not save PubSubMessage(instance_name=cattle-1a2b); Could not restart cattle-1a2b.example.net");
        assertThat(msg.restartAttempts()).isEqualTo(3);
    }

    @Test
    void keepsTheLeaseWhileWorkingAndStopsOnCompletion() {
        when(simulation.latency()).thenReturn(Duration.ofMillis(4500));

        handler.handle(msg);
        settle(Duration.ofSeconds(10));

        assertThat(msg.extendedCount()).isEqualTo(3);
        verify(leaseStore, times(3)).extend(eq(msg.messageId()), any(), any(Integer.class));
        assertThat(time.pending()).isZero();
    }

    @Test
    void failsTheRequestWhenTheLeaseCapIsReached() {
        CompletableFuture<Void> never = new CompletableFuture<>();
        when(restarter.restart(anyString())).thenReturn(never);
        handler = new RequestHandler(new Saves(events, time, simulation, stats),
                new Restarts(restarter, time, stats, 1, Duration.ofMillis(100)),
                new LeaseKeeper(leaseStore, time, time.clock(), stats, Duration.ofSeconds(2), Duration.ofSeconds(3),
                        Duration.ofSeconds(5)),
                acks, new TrackedExecutor(executor, (id, e) -> uncaught.add(e)), stats,
                new HandlingWatch(time.clock(), stats, Duration.ofSeconds(30)));

        handler.handle(msg);
        settle(Duration.ofSeconds(8));

        verify(acks).ack(msg, Outcome.FAILED, "Lease held longer than mayhem.lease.max-total (PT5S) for "
                + "PubSubMessage(instance_name=cattle-1a2b)");
        never.complete(null);
        settle(Duration.ofSeconds(1));
        verify(acks, times(1)).ack(any(), any(), any());
    }

    @Test
    void aFailedAckIsReportedAndLeavesTheRequestUnacked() {
        doThrow(new IllegalStateException("database down")).when(acks).ack(any(), any(), any());

        CompletableFuture<Void> done = handler.handle(msg);
        settle(Duration.ofSeconds(2));

        assertThat(done).isCompletedExceptionally();
        assertThat(msg.acked()).isFalse();
        assertThat(uncaught).extracting(Throwable::getMessage).containsExactly("database down");
        assertThat(watch.running()).isZero();
        assertThat(stats.snapshot()).containsEntry("handling_ms_p50", 0L);
        assertThat(stats.snapshot()).containsEntry("acked", 0L).containsEntry("in_flight", 0L);
    }

    @Test
    void stopsExtendingEveryOutstandingLeaseOnRequest() {
        when(restarter.restart(anyString())).thenReturn(new CompletableFuture<>());
        handler.handle(msg);
        executor.runUntilIdle();
        time.advance(Duration.ZERO);
        executor.runUntilIdle();
        assertThat(handler.outstanding()).isEqualTo(1);
        assertThat(msg.extendedCount()).isEqualTo(1);

        handler.stopLeaseKeeping();
        settle(Duration.ofSeconds(5));

        assertThat(msg.extendedCount()).isEqualTo(1);
        assertThat(handler.outstanding()).isEqualTo(1);
    }

    @Test
    void cancelledRequestsAreNeverAcked() {
        CompletableFuture<Void> done = handler.handle(msg);
        executor.runUntilIdle();

        assertThat(handler.cancelAll()).isEqualTo(1);
        settle(Duration.ofSeconds(2));

        assertThat(done).isCancelled();
        verify(acks, never()).ack(any(), any(), any());
        assertThat(handler.outstanding()).isZero();
        assertThat(handler.cancelAll()).isZero();
    }
}
