package io.mayhem.handling;

/** Stores a request's final state and publishes its outcome event; blocking. */
public interface Acknowledger {
    /**
     * Acks with this outcome and returns the outcome that stands: an earlier ack of the same request (it was
     * handled twice) wins over this one.
     */
    Outcome ack(PubSubMessage message, Outcome outcome, String error);

    /** Publishes the stored outcome of an already acked request again (a redelivered duplicate). */
    void repeat(String messageId);
}
