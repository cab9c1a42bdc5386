package io.mayhem.store;

import io.mayhem.request.Outcome;
import io.mayhem.request.OutcomeEvent;
import io.mayhem.request.RestartRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where outcomes and the outbox of their unsent events live; blocking, one transaction per call. */
public interface OutcomeStore {

    /** One ack to store: the request, the lease owner that handled it, and its outcome. */
    record Ack(RestartRequest message, String owner, Outcome outcome, String error) {
    }

    /**
     * Stores each outcome whose request {@code owner} still holds, with its event in the outbox, all in one
     * transaction. Returns, per ack in order, the event of the outcome that stands (the stored one when the
     * request was acked before), or null when another owner holds the request.
     */
    List<OutcomeEvent> storeOutcomes(List<Ack> acks, Instant now);

    /** Removes these events from the outbox: they were sent. */
    void markSent(List<String> messageIds);

    /** Events still in the outbox that were stored before {@code before}, oldest first, at most {@code limit}. */
    List<OutcomeEvent> unsent(Instant before, int limit);

    /** The outcome event of an acked request, as it was stored. */
    Optional<OutcomeEvent> storedOutcome(String messageId);
}
