package io.mayhem.store;

import io.mayhem.handling.PubSubMessage;
import java.util.concurrent.CompletableFuture;

/** Records a request's restart event without blocking: the future completes once it is durably stored. */
@FunctionalInterface
public interface EventJournal {
    CompletableFuture<?> record(PubSubMessage message);
}
