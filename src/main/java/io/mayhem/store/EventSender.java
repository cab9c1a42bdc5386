package io.mayhem.store;

import java.util.List;

/** Sends outcome events to mayhem.acks, all of one call in one JMS transaction; blocking. */
@FunctionalInterface
public interface EventSender {
    void sendAll(List<String> events);
}
