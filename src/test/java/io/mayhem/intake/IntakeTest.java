package io.mayhem.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.mayhem.handling.Acknowledger;
import io.mayhem.request.RestartRequest;
import io.mayhem.handling.RequestHandler;
import io.mayhem.intake.Inbox.Admission;
import io.mayhem.lease.InFlight;
import io.mayhem.lease.InstanceLease;
import io.mayhem.lease.LeaseStore;
import io.mayhem.monitoring.Stats;
import io.mayhem.testkit.LogCapture;
import io.mayhem.testkit.ManualExecutor;
import io.mayhem.testkit.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

class IntakeTest {

    static final String VALID = "{\"message_id\": \"6f1c6a2e-0000-4000-8000-00000000000%d\", \"instance_name\": \"cattle-%d\"}";

    @RegisterExtension
    LogCapture logs = new LogCapture();

    VirtualScheduler time = new VirtualScheduler();
    ManualExecutor writes = new ManualExecutor();
    Inbox inbox = mock(Inbox.class);
    DeadLetters deadLetters = mock(DeadLetters.class);
    Acknowledger acks = mock(Acknowledger.class);
    RequestHandler handler = mock(RequestHandler.class);
    LeaseStore leaseStore = mock(LeaseStore.class);
    InstanceLease lease = new InstanceLease(leaseStore, time, time.clock(), () -> "owner-1",
            Duration.ofSeconds(2), Duration.ofSeconds(3));
    Stats stats = new Stats(() -> 0);
    List<Duration> pauses = new ArrayList<>();
    List<CompletableFuture<Void>> handlings = new ArrayList<>();
    InFlight inFlight;
    Intake intake;

    @BeforeEach
    void accept() {
        when(inbox.acceptAll(anyList(), any())).thenAnswer(call -> Collections.nCopies(
                call.<List<?>>getArgument(0).size(), Admission.ACCEPTED));
        when(handler.handle(any(), anyString())).thenAnswer(call -> {
            CompletableFuture<Void> handling = new CompletableFuture<>();
            handlings.add(handling);
            return handling;
        });
        intake = intake(1000, Duration.ofSeconds(30));
        lease.heartbeat();
    }

    private Intake intake(int maxOutstanding, Duration maxWait) {
        return intake(maxOutstanding, maxWait, writes);
    }

    /** With {@code Runnable::run} as the executor, each group commit is written within the submit. */
    private Intake intake(int maxOutstanding, Duration maxWait, java.util.concurrent.Executor writer) {
        inFlight = inFlight(lease, maxOutstanding);
        return new Intake(new RequestDecoder("example.net", 64 * 1024), inbox, deadLetters, acks, handler, lease,
                inFlight, stats, time.clock(), writer, maxWait, pause -> {
                    pauses.add(pause);
                    time.advance(pause);
                    writes.runUntilIdle();
                }, 100);
    }

    private InFlight inFlight(InstanceLease lease, int capacity) {
        return new InFlight(lease, time.clock(), Duration.ofHours(1), capacity);
    }

    private static Delivery valid(int n) {
        return Delivery.text("ID:" + n, VALID.formatted(n, n));
    }

    @SuppressWarnings("unchecked")
    private List<Inbox.Admit> stored() {
        ArgumentCaptor<List<Inbox.Admit>> batch = ArgumentCaptor.forClass(List.class);
        verify(inbox, org.mockito.Mockito.atLeastOnce()).acceptAll(batch.capture(), any());
        return batch.getAllValues().stream().flatMap(List::stream).toList();
    }

    @Test
    void storesManyDeliveriesInOneGroupCommitAndHandsEachToTheHandlerOnceStored() throws InterruptedException {
        List<FakeTransaction> txs = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            FakeTransaction tx = new FakeTransaction();
            intake.receive(valid(n), tx);
            txs.add(tx);
        }
        verify(handler, never()).handle(any(), anyString());
        assertThat(writes.pending()).as("one flush for all three").isEqualTo(1);

        writes.runUntilIdle();

        verify(inbox, times(1)).acceptAll(anyList(), eq(time.now()));
        assertThat(stored()).extracting(a -> a.request().instanceName(), Inbox.Admit::owner)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cattle-1", "owner-1"),
                        org.assertj.core.groups.Tuple.tuple("cattle-2", "owner-1"),
                        org.assertj.core.groups.Tuple.tuple("cattle-3", "owner-1"));
        ArgumentCaptor<RestartRequest> handled = ArgumentCaptor.forClass(RestartRequest.class);
        verify(handler, times(3)).handle(handled.capture(), eq("owner-1"));
        assertThat(handled.getAllValues()).extracting(RestartRequest::instanceName)
                .containsExactly("cattle-1", "cattle-2", "cattle-3");
        txs.forEach(FakeTransaction::commit);
        assertThat(stats.snapshot()).containsEntry("received", 3L);
        assertThat(logs.messages(Level.INFO)).contains("Consumed PubSubMessage(instance_name=cattle-1)");
    }

    @Test
    void theCommitComesOnlyAfterTheRequestIsStored() throws InterruptedException {
        FakeTransaction tx = new FakeTransaction();
        intake.receive(valid(1), tx);

        assertThat(tx.checks).as("the commit waits for the store").hasSize(1);
        verify(inbox, never()).acceptAll(anyList(), any());
        writes.runUntilIdle();
        tx.commit();
        verify(inbox).acceptAll(anyList(), any());
    }

    @Test
    void aStoredRequestIsHandledWhateverBecomesOfItsDelivery() throws InterruptedException {
        FakeTransaction tx = new FakeTransaction();
        intake.receive(valid(1), tx);
        writes.runUntilIdle();
        tx.rollback();

        verify(handler).handle(any(), eq("owner-1"));
        assertThat(stats.snapshot()).containsEntry("received", 0L);
    }

    @Test
    void aDeliveryNotStoredWithinMaxWaitRollsBackButIsHandledIfTheWriteStillSucceeds() throws InterruptedException {
        intake = intake(1000, Duration.ZERO);
        FakeTransaction tx = new FakeTransaction();
        intake.receive(valid(1), tx);

        assertThatThrownBy(tx::commit).isInstanceOf(IntakeRefused.class).hasMessageContaining("Not stored within 0 ms");
        writes.runUntilIdle();
        verify(handler).handle(any(), eq("owner-1"));
    }

    @Test
    void poisonGoesToTheDeadLettersWithItsReasonAndOneWarning() throws InterruptedException {
        FakeTransaction tx = new FakeTransaction();
        intake.receive(Delivery.text("ID:9", "not json"), tx);
        tx.commit();

        verify(deadLetters).send(org.mockito.ArgumentMatchers.startsWith("not JSON"), any());
        assertThat(stats.snapshot()).containsEntry("dead_lettered", 1L).containsEntry("received", 1L);
        assertThat(logs.messages(Level.WARNING)).singleElement().asString().startsWith("Dead-lettered message ID:9: not JSON");
        assertThat(writes.pending()).isZero();
    }

    @Test
    void aRequestThatExpiredInTheBrokerIsOneDeadLetterWithItsExpiryTimeCountedAndNeverStored() {
        FakeTransaction tx = new FakeTransaction();
        intake.receiveExpired(valid(3), java.time.Instant.parse("2026-12-01T07:00:03Z"), tx);
        tx.commit();

        verify(deadLetters).send(eq("expired before handling (expired at 2026-12-01T07:00:03Z)"), eq(valid(3)));
        assertThat(stats.snapshot()).containsEntry("dead_lettered", 1L).containsEntry("received", 1L);
        assertThat(logs.records()).filteredOn(line -> line.getLevel().equals(Level.WARNING))
                .singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.WARNING);
            assertThat(line.getMessage()).isEqualTo("Dead-lettered message ID:3: expired before handling (expired at "
                    + "2026-12-01T07:00:03Z) [message_id=6f1c6a2e-0000-4000-8000-000000000003]");
        });
        verify(inbox, never()).acceptAll(anyList(), any());
        verify(handler, never()).handle(any(), anyString());
    }

    @Test
    void anExpiredRequestArrivingWhileIntakeIsClosedStaysInTheBroker() {
        intake.close();
        FakeTransaction tx = new FakeTransaction();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> intake.receiveExpired(valid(3),
                java.time.Instant.EPOCH, tx)).isInstanceOf(IntakeRefused.class);
        verify(deadLetters, never()).send(anyString(), any());
    }

    @Test
    void anAckedDuplicateIsNotHandledAgainButItsOutcomeIsSentAgain() throws InterruptedException {
        when(inbox.acceptAll(anyList(), any())).thenReturn(List.of(Admission.ALREADY_ACKED));
        FakeTransaction tx = new FakeTransaction();
        intake.receive(valid(1), tx);
        writes.runUntilIdle();
        tx.commit();

        verify(handler, never()).handle(any(), anyString());
        verify(acks).repeat("6f1c6a2e-0000-4000-8000-000000000001");
        assertThat(inFlight.saturated()).isFalse();
        assertThat(logs.messages(Level.INFO)).anyMatch(m -> m.startsWith("Not handling duplicate") && m.contains("ALREADY_ACKED"));
    }

    @Test
    void aDuplicateInFlightElsewhereIsLeftToItsOwnerAndGivesItsRoomBack() throws InterruptedException {
        intake = intake(1, Duration.ZERO);
        when(inbox.acceptAll(anyList(), any())).thenReturn(List.of(Admission.LEASED_ELSEWHERE));
        FakeTransaction tx = new FakeTransaction();
        intake.receive(valid(1), tx);
        writes.runUntilIdle();
        tx.commit();

        verify(handler, never()).handle(any(), anyString());
        verify(acks, never()).repeat(anyString());
        assertThat(inFlight.saturated()).isFalse();
    }

    @Test
    void aStoreThatReportedAFailureButCommittedIsAdoptedByTheNextSweepNotByTheRetry() throws InterruptedException {
        // the first commit's answer was lost: the request is stored under owner-1, and nothing here handles it
        when(inbox.acceptAll(anyList(), any()))
                .thenThrow(new IllegalStateException("Cannot commit when autoCommit is enabled."))
                .thenReturn(List.of(Admission.LEASED_HERE));
        intake = intake(2, Duration.ofSeconds(30), Runnable::run);
        FakeTransaction tx = new FakeTransaction();
        intake.receive(valid(1), tx);
        tx.commit();
        verify(handler, never()).handle(any(), anyString());
        assertThat(inFlight.room()).isEqualTo(2);

        RestartRequest stored = new RestartRequest("6f1c6a2e-0000-4000-8000-000000000001", "cattle-1", "example.net");
        when(inbox.unhandled(eq("owner-1"), any(), eq(2))).thenReturn(List.of(stored));
        when(inbox.claimAbandoned(anyString(), any(), anyInt())).thenReturn(List.of());
        assertThat(intake.sweep()).isEqualTo(1);

        verify(handler, times(1)).handle(stored, "owner-1");
        verify(inbox).claimAbandoned(anyString(), any(), eq(1));
        assertThat(inFlight.room()).as("its place is held by its handling").isEqualTo(1);
        assertThat(logs.messages(Level.INFO)).anyMatch(m -> m.startsWith("Consumed PubSubMessage(instance_name=cattle-1)")
                && m.contains("by a write whose answer was lost"));
        intake.sweep();
        verify(inbox, times(1)).unhandled(anyString(), any(), anyInt());
    }

    @Test
    void theSweepLooksForUnhandledRequestsOnlyAfterAFailedStoreAndNeverTakesOneWhoseStoreIsOnItsWay()
            throws InterruptedException {
        when(inbox.claimAbandoned(anyString(), any(), anyInt())).thenReturn(List.of());
        intake.sweep();
        verify(inbox, never()).unhandled(anyString(), any(), anyInt());

        when(inbox.acceptAll(anyList(), any())).thenThrow(new IllegalStateException("answer lost"))
                .thenAnswer(call -> Collections.nCopies(call.<List<?>>getArgument(0).size(), Admission.ACCEPTED));
        intake.receive(valid(1), new FakeTransaction());
        writes.runUntilIdle();
        intake.receive(valid(2), new FakeTransaction()); // its store is queued, not written

        intake.sweep();

        @SuppressWarnings("unchecked")
        ArgumentCaptor<java.util.function.Predicate<String>> handledHere =
                ArgumentCaptor.forClass(java.util.function.Predicate.class);
        verify(inbox).unhandled(eq("owner-1"), handledHere.capture(), anyInt());
        assertThat(handledHere.getValue().test("6f1c6a2e-0000-4000-8000-000000000002")).as("store on its way").isTrue();
        assertThat(handledHere.getValue().test("6f1c6a2e-0000-4000-8000-000000000001")).as("store failed").isFalse();
        writes.runUntilIdle();
        verify(handler).handle(argThat(m -> m.instanceName().equals("cattle-2")), eq("owner-1"));
        assertThat(handledHere.getValue().test("6f1c6a2e-0000-4000-8000-000000000002"))
                .as("stored and handed to the handler (which tracks it in flight)").isFalse();
    }

    @Test
    void aFailedLookForUnhandledRequestsIsTriedAgainAtTheNextSweep() throws InterruptedException {
        when(inbox.acceptAll(anyList(), any())).thenThrow(new IllegalStateException("down"));
        intake.receive(valid(1), new FakeTransaction());
        writes.runUntilIdle();
        when(inbox.unhandled(anyString(), any(), anyInt())).thenThrow(new IllegalStateException("still down"))
                .thenReturn(List.of());
        when(inbox.claimAbandoned(anyString(), any(), anyInt())).thenReturn(List.of());

        assertThatThrownBy(intake::sweep).hasMessage("still down");
        intake.sweep();
        intake.sweep();

        verify(inbox, times(2)).unhandled(anyString(), any(), anyInt());
    }

    @Test
    void aFailedClaimMakesTheNextSweepLookForUnhandledRequests() {
        when(inbox.claimAbandoned(anyString(), any(), anyInt())).thenThrow(new IllegalStateException("answer lost"))
                .thenReturn(List.of());
        when(inbox.unhandled(anyString(), any(), anyInt())).thenReturn(List.of());

        assertThatThrownBy(intake::sweep).hasMessage("answer lost");
        intake.sweep();

        verify(inbox, times(1)).unhandled(anyString(), any(), anyInt());
    }

    @Test
    void retriesStoringWithBackoffWhileTheDatabaseIsDownAndGoesOnWhenItIsBack() throws InterruptedException {
        when(inbox.acceptAll(anyList(), any()))
                .thenThrow(new IllegalStateException("down", new RuntimeException("Connection refused")))
                .thenThrow(new IllegalStateException("down"))
                .thenThrow(new IllegalStateException("down"))
                .thenReturn(List.of(Admission.ACCEPTED));
        intake = intake(1000, Duration.ofSeconds(30), Runnable::run);
        FakeTransaction tx = new FakeTransaction();
        intake.receive(valid(1), tx);
        tx.commit();

        assertThat(pauses).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1));
        verify(handler).handle(any(), eq("owner-1"));
        assertThat(logs.messages(Level.WARNING)).singleElement().asString()
                .contains("Could not store PubSubMessage(instance_name=cattle-1) (RuntimeException: Connection refused)");
    }

    @Test
    void refusesAfterMaxWaitOfFailuresSoTheBrokerKeepsTheMessageAndGivesEveryPermitBack() throws InterruptedException {
        intake = intake(1, Duration.ofSeconds(5), Runnable::run);
        when(inbox.acceptAll(anyList(), any())).thenThrow(new IllegalStateException("down"));
        FakeTransaction tx = new FakeTransaction();
        intake.receive(valid(1), tx);

        assertThatThrownBy(tx::commit).isInstanceOf(IntakeRefused.class).hasMessageContaining("within 5000 ms");
        assertThat(pauses).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofMillis(1250));
        verify(handler, never()).handle(any(), anyString());
        assertThat(inFlight.saturated()).isFalse();
    }

    @Test
    void waitsForALeaseBeforeStoringUnderIt() throws InterruptedException {
        InstanceLease notYet = new InstanceLease(leaseStore, time, time.clock(), () -> "owner-2",
                Duration.ofSeconds(2), Duration.ofSeconds(3));
        intake = new Intake(new RequestDecoder("example.net", 64 * 1024), inbox, deadLetters, acks, handler, notYet,
                inFlight(notYet, 10), stats, time.clock(), Runnable::run, Duration.ofSeconds(5), pause -> {
                    pauses.add(pause);
                    time.advance(pause);
                    notYet.heartbeat();
                }, 100);
        FakeTransaction tx = new FakeTransaction();
        intake.receive(valid(1), tx);
        verify(inbox, never()).acceptAll(anyList(), any());

        // the commit's check stores it after the first pause, once the heartbeat holds the lease
        tx.commit();
        verify(handler).handle(any(), eq("owner-2"));
        assertThat(pauses).containsExactly(Duration.ofMillis(250));
    }

    @Test
    void refusesWhenSaturated() throws InterruptedException {
        intake = intake(1, Duration.ZERO);
        intake.receive(valid(1), new FakeTransaction());
        writes.runUntilIdle();
        assertThat(inFlight.saturated()).isTrue();

        assertThatThrownBy(() -> intake.receive(valid(2), new FakeTransaction()))
                .isInstanceOf(IntakeRefused.class).hasMessageStartingWith("Saturated");
        handlings.get(0).complete(null);
        assertThat(inFlight.saturated()).isFalse();
    }

    @Test
    void aDeliveryWaitingForItsStoreGivesUpWhenIntakeCloses() throws InterruptedException {
        FakeTransaction tx = new FakeTransaction();
        intake.receive(valid(1), tx);
        intake.close();

        assertThatThrownBy(tx::commit).isInstanceOf(IntakeRefused.class).hasMessageStartingWith("Intake closed while storing");
    }

    @Test
    void aDeliveryRetryingItsStoreGivesUpWhenIntakeCloses() throws InterruptedException {
        when(inbox.acceptAll(anyList(), any())).thenThrow(new IllegalStateException("down"));
        Intake closing = new Intake(new RequestDecoder("example.net", 64 * 1024), inbox, deadLetters, acks, handler,
                lease, inFlight(lease, 10), stats, time.clock(), Runnable::run, Duration.ofSeconds(30), pause -> {
                    pauses.add(pause);
                    time.advance(pause);
                }, 100);
        FakeTransaction tx = new FakeTransaction();
        closing.receive(valid(1), tx);
        pauses.clear();
        closing.close();

        assertThatThrownBy(tx::commit).isInstanceOf(IntakeRefused.class).hasMessageStartingWith("Intake closed while storing");
        assertThat(pauses).as("no retry once closed").isEmpty();
    }

    @Test
    void anInterruptedRetryLeavesTheMessageInTheBrokerAndKeepsTheInterrupt() throws InterruptedException {
        when(inbox.acceptAll(anyList(), any())).thenThrow(new IllegalStateException("down"));
        inFlight = inFlight(lease, 10);
        Intake interrupted = new Intake(new RequestDecoder("example.net", 64 * 1024), inbox, deadLetters, acks, handler,
                lease, inFlight, stats, time.clock(), Runnable::run, Duration.ofSeconds(30), pause -> {
                    throw new InterruptedException();
                }, 100);
        FakeTransaction tx = new FakeTransaction();
        interrupted.receive(valid(1), tx);

        try {
            assertThatThrownBy(tx::commit).isInstanceOf(IntakeRefused.class).hasMessageStartingWith("Interrupted while storing");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(inFlight.saturated()).isFalse();
    }

    @Test
    void refusesEverythingOnceClosed() {
        assertThat(intake.isOpen()).isTrue();
        intake.close();

        assertThat(intake.isOpen()).isFalse();
        assertThatThrownBy(() -> intake.receive(valid(1), new FakeTransaction())).isInstanceOf(IntakeRefused.class)
                .hasMessageContaining("stays in the broker [message_id=6f1c6a2e-0000-4000-8000-000000000001]");
        assertThatThrownBy(() -> intake.receive(Delivery.text("ID:2", "x"), new FakeTransaction()))
                .isInstanceOf(IntakeRefused.class).hasMessage("Intake is closed; message ID:2 stays in the broker");
        verify(deadLetters, never()).send(anyString(), any());
    }

    @Test
    void sweepsAsManyAbandonedRequestsAsThereIsRoomForAndHandlesThemUnderItsOwner() {
        intake = intake(3, Duration.ZERO);
        RestartRequest a = new RestartRequest("6f1c6a2e-0000-4000-8000-00000000000a", "cattle-a", "example.net");
        RestartRequest b = new RestartRequest("6f1c6a2e-0000-4000-8000-00000000000b", "cattle-b", "example.net");
        when(inbox.claimAbandoned("owner-1", time.now().minusSeconds(3), 3)).thenReturn(List.of(a, b));

        assertThat(intake.sweep()).isEqualTo(2);

        verify(handler).handle(a, "owner-1");
        verify(handler).handle(b, "owner-1");
        assertThat(logs.messages(Level.INFO)).contains("Reclaimed abandoned PubSubMessage(instance_name=cattle-a)");
        when(inbox.claimAbandoned(anyString(), any(), eq(1))).thenReturn(List.of());
        assertThat(intake.sweep()).isZero();
        verify(inbox).claimAbandoned(anyString(), any(), eq(1));
    }

    @Test
    void runsOneSweepAtATime() {
        List<Integer> inner = new ArrayList<>();
        when(inbox.claimAbandoned(anyString(), any(), anyInt())).thenAnswer(call -> {
            inner.add(intake.sweep()); // a second sweep while this one waits for its claim
            return List.of();
        });

        intake.sweep();
        intake.sweep();

        assertThat(inner).containsExactly(0, 0);
        verify(inbox, times(2)).claimAbandoned(anyString(), any(), anyInt());
    }

    @Test
    void doesNotSweepWhenClosedFullOrWithoutALease() {
        intake = intake(1, Duration.ZERO);
        intake.close();
        assertThat(intake.sweep()).isZero();

        InstanceLease none = new InstanceLease(leaseStore, time, time.clock(), () -> "x", Duration.ofSeconds(2),
                Duration.ofSeconds(3));
        Intake noLease = new Intake(new RequestDecoder("example.net", 1024), inbox, deadLetters, acks, handler, none,
                inFlight(none, 1), stats, time.clock(), writes, Duration.ZERO, pause -> { }, 10);
        assertThat(noLease.sweep()).isZero();
        verify(inbox, never()).claimAbandoned(anyString(), any(), anyInt());
    }

    @Test
    void aHandlingThatEndsGivesItsRoomBack() throws InterruptedException {
        intake = intake(1, Duration.ZERO);
        intake.receive(valid(1), new FakeTransaction());
        writes.runUntilIdle();
        assertThat(inFlight.saturated()).isTrue();

        handlings.get(0).completeExceptionally(new IllegalStateException("lost"));

        assertThat(inFlight.saturated()).isFalse();
    }

    @Test
    void aMessageIdReusedForAnotherHostIsADeadLetterNamingBoth() throws InterruptedException {
        intake = intake(1, Duration.ZERO);
        when(inbox.acceptAll(anyList(), any())).thenReturn(List.of(Admission.conflicting("cattle-aaaa")));
        FakeTransaction tx = new FakeTransaction();
        intake.receive(Delivery.text("ID:7", VALID.formatted(1, 1)), tx);
        writes.runUntilIdle();
        tx.commit();

        String reason = "message_id reused for another host: it is stored for instance_name cattle-aaaa, "
                + "this request names cattle-1";
        ArgumentCaptor<Delivery> delivery = ArgumentCaptor.forClass(Delivery.class);
        verify(deadLetters).send(eq(reason), delivery.capture());
        assertThat(delivery.getValue().jmsMessageId()).isEqualTo("ID:7");
        verify(handler, never()).handle(any(), anyString());
        verify(acks, never()).repeat(anyString());
        assertThat(inFlight.saturated()).isFalse();
        assertThat(stats.snapshot()).containsEntry("dead_lettered", 1L).containsEntry("received", 1L);
        assertThat(logs.messages(Level.WARNING)).containsExactly("Dead-lettered message ID:7: " + reason);
    }

    @Test
    void aFailedWriteGivesItsRoomBackAtOnce() throws InterruptedException {
        intake = intake(1, Duration.ofSeconds(30));
        when(inbox.acceptAll(anyList(), any())).thenThrow(new IllegalStateException("down"));
        intake.receive(valid(1), new FakeTransaction());
        assertThat(inFlight.saturated()).isTrue();

        writes.runUntilIdle();

        assertThat(inFlight.saturated()).as("before any retry").isFalse();
    }

    @Test
    void closingWakesADeliveryBlockedOnItsStore() throws Exception {
        FakeTransaction tx = new FakeTransaction();
        intake.receive(valid(1), tx);
        CompletableFuture<Throwable> refused = new CompletableFuture<>();
        Thread delivery = new Thread(() -> {
            try {
                tx.commit();
                refused.complete(null);
            } catch (RuntimeException e) {
                refused.complete(e);
            }
        });
        delivery.start();
        // max-wait is 30 s: only closing can end the wait within the bound
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2))
                .until(() -> delivery.getState() == Thread.State.TIMED_WAITING);

        intake.close();

        assertThat(refused.get(2, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(IntakeRefused.class)
                .hasMessageStartingWith("Intake closed while storing");
    }

    /** A receiving transaction the test ends: commit runs the checks first, as JTA's beforeCompletion does. */
    static final class FakeTransaction implements Transaction {
        final List<Runnable> checks = new ArrayList<>();
        final List<Runnable[]> callbacks = new ArrayList<>();

        @Override
        public void beforeCommit(Runnable check) {
            checks.add(check);
        }

        @Override
        public void onCompletion(Runnable committed, Runnable rolledBack) {
            callbacks.add(new Runnable[] {committed, rolledBack});
        }

        void commit() {
            try {
                checks.forEach(Runnable::run);
            } catch (RuntimeException e) {
                rollback();
                throw e;
            }
            callbacks.forEach(c -> c[0].run());
        }

        void rollback() {
            callbacks.forEach(c -> c[1].run());
        }
    }
}
