package io.mayhem.handling;

/** Stores a request's final state and publishes its outcome event; blocking, called on a worker thread. */
public interface Acknowledger {
    void ack(PubSubMessage message, Outcome outcome, String error);
}
