package io.mayhem.store;

import io.mayhem.handling.PubSubMessage;

/** Records the restart event of a request (its own table, apart from the inbox); blocking. */
public interface EventStore {
    void record(PubSubMessage message);
}
