package io.mayhem.restart;

import io.mayhem.request.RestartRequest;
import java.util.concurrent.CompletableFuture;

/**
 * Restarts one request's host (docs/design.md section 10): {@code mayhem.restarter} picks the implementation.
 * Implementations never block the caller's thread.
 */
public interface HostRestarter {

    /**
     * Starts one restart attempt and returns at once.
     *
     * @param request the request whose host ({@link RestartRequest#hostname()}) or instance
     *                ({@link RestartRequest#instanceName()}) is restarted
     * @return completes when the host restarted; fails with {@link RestartFailed} when this attempt failed and a
     *         retry may help, or with {@link RestartRejected} when retrying cannot help. Cancelling it stops the
     *         attempt (a command's process tree is killed, an HTTP exchange aborted).
     */
    CompletableFuture<Void> restart(RestartRequest request);

    /**
     * What {@link #restart} would do for this request, in words, for the dry-run reason (for example
     * {@code run [ssh, cattle-1a2b.example.net, sudo, systemctl, restart, app]}); never null.
     */
    String describe(RestartRequest request);
}
