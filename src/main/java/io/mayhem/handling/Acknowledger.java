package io.mayhem.handling;

import io.mayhem.request.Outcome;
import io.mayhem.request.RestartRequest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Stores a request's final state and publishes its outcome event; never blocks. */
public interface Acknowledger {

    /**
     * Acks the request with this outcome, if {@code owner} still holds its lease. The future completes once
     * the outcome is durably stored, with the outcome that stands (an earlier ack of the same request wins),
     * or empty when another owner holds the request now (it was taken over: this ack stored nothing). It fails
     * when the store failed; the ack may then be tried again.
     *
     * @param error the error of a FAILED request, the guardrail's reason of a SKIPPED one, null when DONE
     */
    CompletableFuture<Optional<Outcome>> ack(RestartRequest message, String owner, Outcome outcome, String error);

    /** Publishes the stored outcome of an already acked request again (a redelivered duplicate), in the background. */
    void repeat(String messageId);
}
