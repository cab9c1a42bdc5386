package io.mayhem.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.mayhem.request.Outcome;
import io.mayhem.request.OutcomeEvent;
import io.mayhem.request.RestartRequest;
import io.mayhem.testkit.LogCapture;
import io.mayhem.testkit.ManualExecutor;
import io.mayhem.testkit.VirtualScheduler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

class BatchedAcksTest {

    @RegisterExtension
    LogCapture logs = new LogCapture();

    VirtualScheduler time = new VirtualScheduler();
    ManualExecutor executor = new ManualExecutor();
    OutcomeStore store = mock(OutcomeStore.class);
    List<List<String>> sent = new ArrayList<>();
    EventSender sender = events -> sent.add(List.copyOf(events));
    BatchedAcks acks = new BatchedAcks(store, sender, executor, time.clock(), 100);
    RestartRequest a = msg(1);
    RestartRequest b = msg(2);

    static RestartRequest msg(int n) {
        return new RestartRequest("6f1c6a2e-0000-4000-8000-00000000000" + n, "cattle-" + n, "example.net");
    }

    static OutcomeEvent event(RestartRequest msg, Outcome outcome) {
        return OutcomeEvent.of(msg, outcome, outcome == Outcome.FAILED ? "boom" : null, Instant.parse("2026-01-01T00:00:00Z"));
    }

    @BeforeEach
    void storeStoresWhatItIsGiven() {
        when(store.storeOutcomes(anyList(), any())).thenAnswer(call -> call.<List<OutcomeStore.Ack>>getArgument(0).stream()
                .map(ack -> event(ack.message(), ack.outcome())).toList());
    }

    @Test
    @SuppressWarnings("unchecked")
    void storesManyAcksInOneTransactionThenSendsTheirEventsInOneThenMarksThemSent() {
        CompletableFuture<Optional<Outcome>> first = acks.ack(a, "o", Outcome.DONE, null);
        CompletableFuture<Optional<Outcome>> second = acks.ack(b, "o", Outcome.FAILED, "boom");
        assertThat(first).isNotDone();
        assertThat(executor.pending()).isEqualTo(1);

        executor.runUntilIdle();

        assertThat(first).isCompletedWithValue(Optional.of(Outcome.DONE));
        assertThat(second).isCompletedWithValue(Optional.of(Outcome.FAILED));
        ArgumentCaptor<List<OutcomeStore.Ack>> stored = ArgumentCaptor.forClass(List.class);
        InOrder order = inOrder(store);
        order.verify(store).storeOutcomes(stored.capture(), org.mockito.ArgumentMatchers.eq(time.now()));
        order.verify(store).markSent(List.of(a.messageId(), b.messageId()));
        assertThat(stored.getValue()).containsExactly(new OutcomeStore.Ack(a, "o", Outcome.DONE, null),
                new OutcomeStore.Ack(b, "o", Outcome.FAILED, "boom"));
        assertThat(sent).singleElement().satisfies(events -> assertThat(events)
                .containsExactly(OutcomeEventJson.of(event(a, Outcome.DONE)), OutcomeEventJson.of(event(b, Outcome.FAILED))));
    }

    @Test
    void anAckOfARequestTakenOverIsEmptyAndSendsNothing() {
        when(store.storeOutcomes(anyList(), any())).thenAnswer(call -> java.util.Arrays.asList((OutcomeEvent) null));

        CompletableFuture<Optional<Outcome>> ack = acks.ack(a, "old", Outcome.DONE, null);
        executor.runUntilIdle();

        assertThat(ack).isCompletedWithValue(Optional.empty());
        assertThat(sent).isEmpty();
        verify(store, never()).markSent(anyList());
    }

    @Test
    void theOutcomeThatStandsIsReturnedWhenAnEarlierAckWon() {
        when(store.storeOutcomes(anyList(), any())).thenReturn(List.of(event(a, Outcome.FAILED)));

        CompletableFuture<Optional<Outcome>> ack = acks.ack(a, "o", Outcome.DONE, null);
        executor.runUntilIdle();

        assertThat(ack).isCompletedWithValue(Optional.of(Outcome.FAILED));
        assertThat(sent).singleElement().satisfies(events -> assertThat(events).singleElement().asString()
                .contains("\"outcome\":\"FAILED\""));
    }

    @Test
    void aFailedStoreFailsTheAcksAndSendsNothing() {
        when(store.storeOutcomes(anyList(), any())).thenThrow(new IllegalStateException("database down"));

        CompletableFuture<Optional<Outcome>> ack = acks.ack(a, "o", Outcome.DONE, null);
        executor.runUntilIdle();

        assertThat(ack).isCompletedExceptionally();
        assertThat(sent).isEmpty();
    }

    @Test
    void aFailedSendLeavesTheEventsInTheOutboxForTheResend() {
        BatchedAcks failing = new BatchedAcks(store, events -> {
            throw new IllegalStateException("broker down");
        }, executor, time.clock(), 100);

        CompletableFuture<Optional<Outcome>> ack = failing.ack(a, "o", Outcome.DONE, null);
        executor.runUntilIdle();

        assertThat(ack).as("the ack is durable whatever the send does").isCompletedWithValue(Optional.of(Outcome.DONE));
        verify(store, never()).markSent(anyList());
        assertThat(logs.messages(Level.WARNING)).singleElement().asString().startsWith("1 outcome events stored but "
                + "not sent yet (java.lang.IllegalStateException: broker down); they are resent from the outbox");
    }

    @Test
    void resendsWhatTheOutboxStillHoldsAfterTheInProgressTimeAndMarksItSent() {
        when(store.unsent(time.now().minus(BatchedAcks.IN_PROGRESS), BatchedAcks.RESEND_BATCH))
                .thenReturn(List.of(event(a, Outcome.DONE), event(b, Outcome.DONE)));

        assertThat(acks.resendUnsent()).isEqualTo(2);

        assertThat(sent).singleElement().satisfies(events -> assertThat(events).hasSize(2));
        verify(store).markSent(List.of(a.messageId(), b.messageId()));
        assertThat(logs.messages(Level.INFO)).contains("Resent 2 outcome events from the outbox, first");
    }

    @Test
    void resendsNothingWhenTheOutboxIsEmpty() {
        when(store.unsent(any(), org.mockito.ArgumentMatchers.anyInt())).thenReturn(List.of());

        assertThat(acks.resendUnsent()).isZero();

        assertThat(sent).isEmpty();
        verify(store, never()).markSent(anyList());
    }

    @Test
    void repeatsTheStoredOutcomeOfAnAckedRequestInTheBackgroundAndNothingForOthers() {
        when(store.storedOutcome(a.messageId())).thenReturn(Optional.of(event(a, Outcome.DONE)));
        when(store.storedOutcome(b.messageId())).thenReturn(Optional.empty());

        acks.repeat(a.messageId());
        acks.repeat(b.messageId());
        assertThat(sent).isEmpty();
        executor.runUntilIdle();

        assertThat(sent).containsExactly(List.of(OutcomeEventJson.of(event(a, Outcome.DONE))));
    }

    @Test
    void isBusyWhileAcksWaitForTheirBatch() {
        acks.ack(a, "o", Outcome.DONE, null);
        assertThat(acks.busy()).isTrue();

        executor.runUntilIdle();

        assertThat(acks.busy()).isFalse();
    }
}
