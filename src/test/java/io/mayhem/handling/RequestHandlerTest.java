package io.mayhem.handling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.mayhem.guardrails.Guardrails;
import io.mayhem.lease.InFlight;
import io.mayhem.lease.InstanceLease;
import io.mayhem.lease.LeaseLost;
import io.mayhem.lease.LeaseStore;
import io.mayhem.monitoring.Stats;
import io.mayhem.request.Outcome;
import io.mayhem.request.RestartRequest;
import io.mayhem.restart.HostRestarter;
import io.mayhem.restart.RestartFailed;
import io.mayhem.restart.Restarts;
import io.mayhem.restart.Simulation;
import io.mayhem.tasks.TrackedExecutor;
import io.mayhem.testkit.FlightEvents;
import io.mayhem.testkit.LogCapture;
import io.mayhem.testkit.ManualExecutor;
import io.mayhem.testkit.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.InOrder;

class RequestHandlerTest {

    static final String OWNER = "owner-1";

    @RegisterExtension
    LogCapture logs = new LogCapture();

    ManualExecutor executor = new ManualExecutor();
    VirtualScheduler time = new VirtualScheduler();
    Stats stats = new Stats(() -> this.inFlight.size());
    List<Throwable> uncaught = new ArrayList<>();
    EventJournal events = mock(EventJournal.class);
    LeaseStore leaseStore = mock(LeaseStore.class);
    InstanceLease lease = new InstanceLease(leaseStore, time, time.clock(), () -> OWNER, Duration.ofSeconds(2),
            Duration.ofSeconds(3));
    Acknowledger acks = mock(Acknowledger.class);
    HostRestarter restarter = mock(HostRestarter.class);
    Simulation simulation = mock(Simulation.class);
    Guardrails guardrails = Guardrails.none(time.clock());
    InFlight inFlight;
    RequestHandler handler;
    RestartRequest msg = new RestartRequest("6f1c6a2e-0000-4000-8000-000000000001", "cattle-1a2b", "example.net");

    @BeforeEach
    void wire() {
        when(simulation.latency()).thenReturn(Duration.ofMillis(500));
        when(restarter.restart(any(RestartRequest.class))).thenReturn(CompletableFuture.completedFuture(null));
        when(events.record(any())).thenAnswer(call -> CompletableFuture.completedFuture(null));
        when(leaseStore.renew(anyString(), any())).thenReturn(true);
        when(acks.ack(any(), anyString(), any(), any()))
                .thenAnswer(call -> CompletableFuture.completedFuture(Optional.of(call.<Outcome>getArgument(2))));
        handler = handler(Duration.ofHours(1), 3);
        lease.start();
        time.advance(Duration.ZERO);
        assertThat(lease.holds(OWNER)).isTrue();
    }

    private RequestHandler handler(Duration maxTotal, int maxAttempts) {
        return handler(maxTotal, new Restarts(restarter, time, stats, maxAttempts, Duration.ofMillis(100)));
    }

    /** As the service wires it: the handler records its requests in flight, whose lease rules act on them. */
    private RequestHandler handler(Duration maxTotal, Restarts restarts) {
        inFlight = new InFlight(lease, time.clock(), maxTotal, 1000);
        lease.holder(inFlight);
        return new RequestHandler(new Saves(events, time, simulation, stats), restarts, guardrails, inFlight, acks,
                new TrackedExecutor(executor, (id, e) -> uncaught.add(e)), time, stats,
                new HandlingWatch(time.clock(), stats, inFlight, Duration.ofSeconds(30)));
    }

    /** Runs whatever is pending, advancing virtual time in small steps, until the span has passed. */
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
        CompletableFuture<Void> done = handler.handle(msg, OWNER);

        assertThat(executor.pending()).isEqualTo(1);
        assertThat(done).isNotDone();
        verify(restarter, never()).restart(any(RestartRequest.class));

        settle(Duration.ofSeconds(1));

        assertThat(done).isCompleted();
        assertThat(msg.acked()).isTrue();
    }

    @Test
    void acksDoneOnceAfterBothSaveAndRestartSucceeded() {
        handler.handle(msg, OWNER);
        settle(Duration.ofSeconds(2));

        InOrder order = inOrder(events, restarter, acks);
        order.verify(events).record(msg);
        order.verify(acks).ack(msg, OWNER, Outcome.DONE, null);
        verify(restarter, times(1)).restart(argThat(r -> r.hostname().equals("cattle-1a2b.example.net")));
        verify(acks, times(1)).ack(any(), any(), any(), any());
        assertThat(msg.saved()).isTrue();
        assertThat(msg.restarted()).isTrue();
        assertThat(logs.messages(Level.INFO)).contains("Done. Acked PubSubMessage(instance_name=cattle-1a2b) DONE");
        assertThat(stats.snapshot()).containsEntry("acked", 1L).containsEntry("failed", 0L)
                .containsEntry("in_flight", 0L);
    }

    @Test
    void aRequestAlreadyBeingHandledHereUnderTheSameOwnerIsNotHandledASecondTime() {
        CompletableFuture<Void> first = handler.handle(msg, OWNER);
        CompletableFuture<Void> second = handler.handle(msg, OWNER);

        assertThat(second).as("the second comes back at once, with nothing to do").isCompleted();
        assertThat(first).isNotDone();
        settle(Duration.ofSeconds(2));

        assertThat(first).isCompleted();
        verify(restarter, times(1)).restart(any(RestartRequest.class));
        verify(events, times(1)).record(msg);
        verify(acks, times(1)).ack(any(), any(), any(), any());
        assertThat(logs.messages(Level.INFO)).contains(
                "Not handling PubSubMessage(instance_name=cattle-1a2b) twice: it is being handled here already");
    }

    @Test
    void timesTheHandlingFromItsStartToTheAck() {
        when(simulation.latency()).thenReturn(Duration.ofMillis(700), Duration.ofMillis(300));
        List<jdk.jfr.consumer.RecordedEvent> handled = FlightEvents.during("mayhem.RequestHandled", () -> {
            handler.handle(msg, OWNER);
            assertThat(inFlight.size()).isEqualTo(1);
            settle(Duration.ofSeconds(2));
        });

        assertThat(stats.snapshot()).containsEntry("handling_ms_p50", 700L).containsEntry("handling_ms_p99", 700L);
        assertThat(inFlight.size()).isZero();
        assertThat(handled).singleElement().satisfies(event -> {
            assertThat(event.getString("messageId")).isEqualTo(msg.messageId());
            assertThat(event.getString("outcome")).isEqualTo("DONE");
            assertThat(event.getInt("attempts")).isEqualTo(1);
        });
    }

    @Test
    void aCancelledHandlingIsNoLongerWatchedNorTimed() {
        handler.handle(msg, OWNER);
        settle(Duration.ofMillis(100));

        assertThat(inFlight.cancelAll()).isEqualTo(1);

        assertThat(inFlight.size()).isZero();
        assertThat(stats.snapshot()).containsEntry("handling_ms_p50", 0L);
    }

    @Test
    void doesNotAckBeforeTheSlowerOfSaveAndRestartFinished() {
        CompletableFuture<Void> restart = new CompletableFuture<>();
        when(restarter.restart(any(RestartRequest.class))).thenReturn(restart);

        handler.handle(msg, OWNER);
        settle(Duration.ofSeconds(3));
        assertThat(msg.saved()).isTrue();
        verify(acks, never()).ack(any(), any(), any(), any());

        restart.complete(null);
        settle(Duration.ofMillis(100));
        verify(acks).ack(msg, OWNER, Outcome.DONE, null);
    }

    @Test
    void acksFailedWithTheReasonWhenSaveFailsAndStillRestarts() {
        when(simulation.saveFails()).thenReturn(true);

        handler.handle(msg, OWNER);
        settle(Duration.ofSeconds(2));

        verify(acks).ack(msg, OWNER, Outcome.FAILED, "Could not save PubSubMessage(instance_name=cattle-1a2b)");
        verify(events, never()).record(any());
        assertThat(msg.restarted()).isTrue();
        assertThat(msg.saved()).isFalse();
        assertThat(logs.messages(Level.WARNING))
                .containsExactly("Handling general error: Could not save PubSubMessage(instance_name=cattle-1a2b)");
        assertThat(stats.snapshot()).containsEntry("failed", 1L).containsEntry("acked", 1L);
    }

    @Test
    void aGuardrailsRefusalSkipsTheRestartButNotTheSaveAndAcksSkippedWithTheReason() {
        guardrails = new Guardrails(List.of((request, now) -> Optional.of("quiet time: Saturday")), null, time.clock());
        handler = handler(Duration.ofHours(1), 3);

        CompletableFuture<Void> done = handler.handle(msg, OWNER);
        settle(Duration.ofSeconds(2));

        assertThat(done).isCompleted();
        verify(restarter, never()).restart(any(RestartRequest.class));
        verify(events).record(msg);
        verify(acks).ack(msg, OWNER, Outcome.SKIPPED, "quiet time: Saturday");
        assertThat(msg.restarted()).isFalse();
        assertThat(msg.restartAttempts()).isZero();
        assertThat(logs.messages(Level.INFO)).containsOnlyOnce(
                "Skipped the restart of cattle-1a2b.example.net: quiet time: Saturday");
        assertThat(logs.messages(Level.WARNING)).isEmpty();
        assertThat(stats.snapshot()).containsEntry("skipped", 1L).containsEntry("acked", 1L)
                .containsEntry("failed", 0L).containsEntry("restarted", 0L);
    }

    @Test
    void aFailedSaveWinsOverAGuardrailsRefusal() {
        guardrails = new Guardrails(List.of((request, now) -> Optional.of("dry run")), null, time.clock());
        handler = handler(Duration.ofHours(1), 3);
        when(simulation.saveFails()).thenReturn(true);

        handler.handle(msg, OWNER);
        settle(Duration.ofSeconds(2));

        verify(acks).ack(msg, OWNER, Outcome.FAILED, "Could not save PubSubMessage(instance_name=cattle-1a2b)");
        assertThat(stats.snapshot()).containsEntry("skipped", 0L).containsEntry("failed", 1L);
    }

    @Test
    void aGuardrailThatCannotBeCheckedFailsTheRequest() {
        guardrails = new Guardrails(List.of((request, now) -> {
            throw new IllegalStateException("database down");
        }), null, time.clock());
        handler = handler(Duration.ofHours(1), 3);

        handler.handle(msg, OWNER);
        settle(Duration.ofSeconds(2));

        verify(restarter, never()).restart(any(RestartRequest.class));
        verify(acks).ack(msg, OWNER, Outcome.FAILED, "database down");
    }

    @Test
    void handlesResultsInArgumentOrderNotCompletionOrder() {
        when(simulation.saveFails()).thenReturn(true);
        when(restarter.restart(any(RestartRequest.class))).thenReturn(CompletableFuture.failedFuture(new RestartFailed("Could not restart cattle-1a2b.example.net")));

        handler.handle(msg, OWNER);
        settle(Duration.ofSeconds(3));

        assertThat(logs.messages(Level.WARNING)).endsWith(
                "Handling general error: Could not save PubSubMessage(instance_name=cattle-1a2b)",
                "Handling general error: Could not restart cattle-1a2b.example.net");
        verify(acks).ack(msg, OWNER, Outcome.FAILED,
                "Could not save PubSubMessage(instance_name=cattle-1a2b); Could not restart cattle-1a2b.example.net");
        assertThat(msg.restartAttempts()).isEqualTo(3);
    }

    @Test
    void countsAnExtensionAtTheStartAndOnEachHeartbeatWhileItWorks() {
        when(simulation.latency()).thenReturn(Duration.ofMillis(4500));
        List<jdk.jfr.consumer.RecordedEvent> extended = FlightEvents.during("mayhem.LeaseExtended", () -> {
            handler.handle(msg, OWNER);
            settle(Duration.ofSeconds(10));
        });

        // at the start (the lease taken at intake), then the heartbeats at 2 s and 4 s; none after the ack
        assertThat(msg.extendedCount()).isEqualTo(3);
        assertThat(stats.snapshot()).containsEntry("extended", 3L);
        assertThat(extended).extracting(e -> e.getInt("extendedCount")).containsExactly(1, 2, 3);
        assertThat(logs.messages(Level.INFO)).filteredOn(m -> m.equals("Extended deadline by 3 seconds for "
                + "PubSubMessage(instance_name=cattle-1a2b)")).hasSize(3);
        verify(leaseStore, times(5)).renew(eq(OWNER), any());
    }

    @Test
    void logsOneLineForAHeartbeatOfManyRequests() {
        when(restarter.restart(any(RestartRequest.class))).thenReturn(new CompletableFuture<>());
        for (int i = 0; i < InFlight.EXTENSION_LINES + 1; i++) {
            handler.handle(new RestartRequest("6f1c6a2e-0000-4000-8000-0000000001%02d".formatted(i), "cattle-" + i,
                    "example.net"), OWNER);
        }
        executor.runUntilIdle();
        logs.clear();

        time.advance(Duration.ofSeconds(2));
        executor.runUntilIdle();

        assertThat(logs.messages(Level.INFO)).filteredOn(m -> m.startsWith("Extended deadline")).containsExactly(
                "Extended deadline by 3 seconds for 21 messages (one heartbeat of owner owner-1; one line per message up to 20)");
        assertThat(stats.snapshot()).containsEntry("extended", 42L);
    }

    @Test
    void failsTheRequestWhenTheLeaseCapIsReachedAndCancelsItsRestart() {
        CompletableFuture<Void> never = new CompletableFuture<>();
        when(restarter.restart(any(RestartRequest.class))).thenReturn(never);
        handler = handler(Duration.ofSeconds(5), 1);

        handler.handle(msg, OWNER);
        settle(Duration.ofSeconds(8));

        verify(acks).ack(msg, OWNER, Outcome.FAILED, "Lease held longer than mayhem.lease.max-total (PT5S) for "
                + "PubSubMessage(instance_name=cattle-1a2b)");
        assertThat(never).isCancelled();
        settle(Duration.ofSeconds(1));
        verify(acks, times(1)).ack(any(), any(), any(), any());
        assertThat(msg.restarted()).isFalse();
    }

    @Test
    void aLapsedLeaseCancelsTheRunningRestartAndAcksNothing() {
        CompletableFuture<Void> running = new CompletableFuture<>();
        when(restarter.restart(any(RestartRequest.class))).thenReturn(running);
        when(leaseStore.renew(anyString(), any())).thenReturn(false);

        CompletableFuture<Void> done = handler.handle(msg, OWNER);
        settle(Duration.ofMillis(1900));
        assertThat(running).isNotDone();
        settle(Duration.ofMillis(200));

        assertThat(running).as("the restart in progress is stopped").isCancelled();
        assertThat(done).isCompletedExceptionally();
        assertThat(done.handle((ok, e) -> e)).succeedsWithin(Duration.ZERO).isInstanceOf(LeaseLost.class);
        verify(acks, never()).ack(any(), any(), any(), any());
        assertThat(inFlight.size()).isZero();
        assertThat(stats.snapshot()).containsEntry("in_flight", 0L).containsEntry("acked", 0L);
        assertThat(logs.messages(Level.INFO)).anyMatch(m -> m.startsWith("Abandoned PubSubMessage(instance_name=cattle-1a2b) "
                + "(lease lapsed: another instance expired the heartbeat)"));
    }

    @Test
    void aStalledHeartbeatFencesTheRequestsAtExtendBy() {
        CompletableFuture<Void> running = new CompletableFuture<>();
        when(restarter.restart(any(RestartRequest.class))).thenReturn(running);
        when(leaseStore.renew(anyString(), any())).thenThrow(new IllegalStateException("database stalled"));

        CompletableFuture<Void> done = handler.handle(msg, OWNER);
        settle(Duration.ofMillis(2900));
        assertThat(done).isNotDone();
        settle(Duration.ofMillis(100));

        assertThat(running).isCancelled();
        assertThat(done).isCompletedExceptionally();
    }

    @Test
    void noRetryStartsOnceTheLeaseLapsed() {
        when(restarter.restart(any(RestartRequest.class))).thenReturn(CompletableFuture.failedFuture(new RestartFailed("no")));
        when(simulation.latency()).thenReturn(Duration.ofSeconds(10));
        handler = handler(Duration.ofHours(1), new Restarts(restarter, time, stats, 5, Duration.ofSeconds(1)));
        when(leaseStore.renew(anyString(), any())).thenReturn(false);

        handler.handle(msg, OWNER);
        settle(Duration.ofSeconds(20));

        // attempts at 0 s and 1 s; the lease lapses at 2 s, before the third attempt at 3 s
        verify(restarter, times(2)).restart(any(RestartRequest.class));
        verify(acks, never()).ack(any(), any(), any(), any());
    }

    @Test
    void aRequestStoredUnderAnotherOwnerIsNotWorkedOn() {
        CompletableFuture<Void> done = handler.handle(msg, "an-older-epoch");
        settle(Duration.ofSeconds(2));

        assertThat(done).isCompletedExceptionally();
        verify(restarter, never()).restart(any(RestartRequest.class));
        verify(events, never()).record(any());
    }

    @Test
    void aRequestTakenOverBeforeItsAckIsNotCountedAsAcked() {
        org.mockito.Mockito.doReturn(CompletableFuture.completedFuture(Optional.empty()))
                .when(acks).ack(any(), anyString(), any(), any());

        CompletableFuture<Void> done = handler.handle(msg, OWNER);
        settle(Duration.ofSeconds(2));

        assertThat(done).isCompletedExceptionally();
        assertThat(msg.acked()).isFalse();
        assertThat(stats.snapshot()).containsEntry("acked", 0L).containsEntry("in_flight", 0L);
        assertThat(logs.messages(Level.INFO)).contains("Not acking PubSubMessage(instance_name=cattle-1a2b): another "
                + "instance holds it now");
    }

    @Test
    void aFailedAckIsTriedAgainWithBackoffUntilItIsStored() {
        org.mockito.Mockito.doReturn(CompletableFuture.failedFuture(new IllegalStateException("database down")))
                .doThrow(new IllegalStateException("still down"))
                .doReturn(CompletableFuture.completedFuture(Optional.of(Outcome.DONE)))
                .when(acks).ack(any(), anyString(), any(), any());

        CompletableFuture<Void> done = handler.handle(msg, OWNER);
        settle(Duration.ofMillis(600));
        verify(acks, times(1)).ack(any(), any(), any(), any());
        settle(Duration.ofMillis(1500));

        // at 0.5 s, again 0.5 s later, then 1 s later
        verify(acks, times(3)).ack(msg, OWNER, Outcome.DONE, null);
        assertThat(done).isCompleted();
        assertThat(msg.acked()).isTrue();
        assertThat(logs.messages(Level.WARNING)).filteredOn(m -> m.startsWith("Could not store the ack")).containsExactly(
                "Could not store the ack of PubSubMessage(instance_name=cattle-1a2b) (IllegalStateException: database down); "
                        + "trying again in 500 ms",
                "Could not store the ack of PubSubMessage(instance_name=cattle-1a2b) (IllegalStateException: still down); "
                        + "trying again in 1000 ms");
    }

    @Test
    void aFailingAckIsGivenUpWhenTheLeaseLapses() {
        org.mockito.Mockito.doReturn(CompletableFuture.failedFuture(new IllegalStateException("down")))
                .when(acks).ack(any(), anyString(), any(), any());
        when(leaseStore.renew(anyString(), any())).thenReturn(false);

        CompletableFuture<Void> done = handler.handle(msg, OWNER);
        settle(Duration.ofSeconds(10));

        assertThat(done).isCompletedExceptionally();
        assertThat(msg.acked()).isFalse();
        assertThat(inFlight.size()).isZero();
    }

    @Test
    void upToTwentyRequestsEachHeartbeatLogsOneLinePerRequest() {
        when(restarter.restart(any(RestartRequest.class))).thenReturn(new CompletableFuture<>());
        for (int i = 0; i < InFlight.EXTENSION_LINES; i++) {
            handler.handle(new RestartRequest("6f1c6a2e-0000-4000-8000-0000000002%02d".formatted(i), "cattle-" + i,
                    "example.net"), OWNER);
        }
        executor.runUntilIdle();
        logs.clear();

        time.advance(Duration.ofSeconds(2));

        assertThat(logs.messages(Level.INFO)).filteredOn(m -> m.startsWith("Extended deadline")).hasSize(20)
                .allMatch(m -> m.startsWith("Extended deadline by 3 seconds for PubSubMessage(instance_name=cattle-"));
    }

    @Test
    void aRequestHeldExactlyMaxTotalAtAHeartbeatFails() {
        when(restarter.restart(any(RestartRequest.class))).thenReturn(new CompletableFuture<>());
        handler = handler(Duration.ofSeconds(4), 1);

        handler.handle(msg, OWNER);
        executor.runUntilIdle();
        time.advance(Duration.ofSeconds(2));
        executor.runUntilIdle();
        verify(acks, never()).ack(any(), any(), any(), any());
        time.advance(Duration.ofSeconds(2));
        executor.runUntilIdle();

        verify(acks).ack(any(), eq(OWNER), eq(Outcome.FAILED), org.mockito.ArgumentMatchers.startsWith("Lease held longer"));
    }

    @Test
    void cancelledRequestsAreNeverAcked() {
        CompletableFuture<Void> done = handler.handle(msg, OWNER);
        executor.runUntilIdle();
        assertThat(inFlight.size()).isEqualTo(1);

        assertThat(inFlight.cancelAll()).isEqualTo(1);
        settle(Duration.ofSeconds(2));

        assertThat(done).isCancelled();
        verify(acks, never()).ack(any(), any(), any(), any());
        assertThat(inFlight.size()).isZero();
        assertThat(inFlight.cancelAll()).isZero();
    }
}
