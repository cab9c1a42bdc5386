package io.mayhem.monitoring;

import io.mayhem.request.RestartRequest;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where exceptions that escaped a task end up (the original's loop exception handler).
 * A fatal one (an Error: the service can no longer make progress) turns liveness DOWN.
 */
public final class FailureReporter {

    private static final Logger LOG = Logger.getLogger(FailureReporter.class.getName());

    private final Stats stats;
    private volatile String fatal;

    public FailureReporter(Stats stats) {
        this.stats = stats;
    }

    public void caught(String messageId, Throwable error) {
        stats.uncaught();
        String id = messageId == null ? "" : " " + RestartRequest.tag(messageId);
        LOG.log(Level.SEVERE, "Caught exception: " + error + id, error);
        if (error instanceof Error) {
            fatal = error.toString();
        }
    }

    /** Why the service is no longer alive, or null while it is. */
    public String fatal() {
        return fatal;
    }
}
