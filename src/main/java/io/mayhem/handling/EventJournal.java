package io.mayhem.handling;

import io.mayhem.request.RestartRequest;
import java.util.concurrent.CompletableFuture;

/** Records a request's restart event without blocking: the future completes once it is durably stored. */
@FunctionalInterface
public interface EventJournal {
    CompletableFuture<?> record(RestartRequest message);
}
