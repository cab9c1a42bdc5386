package io.mayhem.restart;

import java.util.concurrent.CompletableFuture;

/** Restarts one host; the future fails with {@link RestartFailed} when the host did not restart. */
public interface HostRestarter {
    CompletableFuture<Void> restart(String hostname);
}
