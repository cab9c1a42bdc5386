package io.mayhem.handling;

/** Stores a request's final state and publishes its outcome event; blocking. */
public interface Acknowledger {
    void ack(PubSubMessage message, Outcome outcome, String error);

    /** Publishes the stored outcome of an already acked request again (a redelivered duplicate). */
    void repeat(String messageId);
}
