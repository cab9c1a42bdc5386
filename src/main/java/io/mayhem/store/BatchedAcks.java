package io.mayhem.store;

import io.mayhem.handling.Acknowledger;
import io.mayhem.request.Outcome;
import io.mayhem.request.OutcomeEvent;
import io.mayhem.request.RestartRequest;
import io.mayhem.tasks.GroupCommit;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * Batched acks with an outbox (docs/design.md section 2, "outcomes are stored, sent and marked sent in batches"): the
 * acks of many requests are stored in one transaction together with their events in the outbox; then the
 * batch's events are sent in one JMS transaction; then removed from the outbox in one transaction. Three
 * one-phase transactions, so a crash never leaves a prepared transaction in the broker: a crash after the
 * first loses nothing ({@link #resendUnsent()} sends the stored events later, the same outcome), a crash
 * after the second sends them twice (at-least-once), never with a different outcome.
 */
public final class BatchedAcks implements Acknowledger {

    /** An outbox event younger than this is still being sent by its batch, not left behind by a crash. */
    public static final Duration IN_PROGRESS = Duration.ofSeconds(10);
    static final int RESEND_BATCH = 500;

    private static final Logger LOG = Logger.getLogger(BatchedAcks.class.getName());

    private final OutcomeStore store;
    private final EventSender sender;
    private final Executor executor;
    private final Clock clock;
    private final GroupCommit<OutcomeStore.Ack, OutcomeEvent> commit;

    /**
     * @param executor runs the batches and the repeats of stored outcomes
     * @param maxBatch at most this many acks per transaction
     */
    public BatchedAcks(OutcomeStore store, EventSender sender, Executor executor, Clock clock, int maxBatch) {
        this.store = store;
        this.sender = sender;
        this.executor = executor;
        this.clock = clock;
        this.commit = new GroupCommit<>(executor, acks -> store.storeOutcomes(acks, clock.instant()), this::publish,
                maxBatch);
    }

    @Override
    public CompletableFuture<Optional<Outcome>> ack(RestartRequest message, String owner, Outcome outcome, String error) {
        return commit.submit(new OutcomeStore.Ack(message, owner, outcome, error))
                .thenApply(event -> Optional.ofNullable(event).map(OutcomeEvent::outcome));
    }

    /** Sends a stored batch's events, then clears them from the outbox; on failure they wait there for {@link #resendUnsent()}. */
    private void publish(List<OutcomeEvent> stored) {
        List<OutcomeEvent> events = stored.stream().filter(Objects::nonNull).toList();
        if (events.isEmpty()) {
            return;
        }
        try {
            send(events);
        } catch (RuntimeException e) {
            LOG.warning(() -> events.size() + " outcome events stored but not sent yet (" + e
                    + "); they are resent from the outbox, first " + events.get(0).tag());
        }
    }

    private void send(List<OutcomeEvent> events) {
        sender.sendAll(events.stream().map(OutcomeEventJson::of).toList());
        store.markSent(events.stream().map(OutcomeEvent::messageId).toList());
    }

    @Override
    public void repeat(String messageId) {
        executor.execute(() -> store.storedOutcome(messageId).ifPresent(event -> sender.sendAll(List.of(OutcomeEventJson.of(event)))));
    }

    /** Sends the outbox's events that a crash or a failed send left behind; returns how many. Blocking. */
    public int resendUnsent() {
        List<OutcomeEvent> unsent = store.unsent(clock.instant().minus(IN_PROGRESS), RESEND_BATCH);
        if (!unsent.isEmpty()) {
            send(unsent);
            LOG.info(() -> "Resent " + unsent.size() + " outcome events from the outbox, first " + unsent.get(0).tag());
        }
        return unsent.size();
    }

    /** True while acks are queued or being written (shutdown waits for them). */
    public boolean busy() {
        return commit.busy();
    }
}
