package io.mayhem.operator;

import io.mayhem.request.RestartRequest;
import io.mayhem.monitoring.Stats;
import io.mayhem.publishing.RequestSender;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * {@code POST /api/restarts} once its body was read (a valid {@code instance_name}, so an invalid body never takes a
 * token): applies the rate limit and publishes one request.
 */
public final class ManualRestarts {

    private static final Logger LOG = Logger.getLogger(ManualRestarts.class.getName());

    /** What came of a call. */
    public sealed interface Result permits Accepted, Limited {
    }

    /** Published with this message id. */
    public record Accepted(String messageId) implements Result {
    }

    /** Over the rate; try again in this many seconds. */
    public record Limited(long retryAfterSeconds) implements Result {
    }

    private final RequestSender sender;
    private final RateLimiter limiter;
    private final Supplier<String> ids;
    private final Stats stats;
    private final String domain;

    public ManualRestarts(RequestSender sender, RateLimiter limiter, Supplier<String> ids, Stats stats, String domain) {
        this.sender = sender;
        this.limiter = limiter;
        this.ids = ids;
        this.stats = stats;
        this.domain = domain;
    }

    /**
     * Publishes a request to restart {@code instanceName} (a host label) for the named caller, synchronously (the
     * send's exception escapes).
     */
    public Result request(String caller, String instanceName) {
        long retryAfter = limiter.tryAcquire();
        if (retryAfter > 0) {
            LOG.info(() -> "Refused a manual restart of " + instanceName + " by " + caller
                    + ": over the rate limit, retry after " + retryAfter + " s");
            return new Limited(retryAfter);
        }
        RestartRequest msg = new RestartRequest(ids.get(), instanceName, domain);
        sender.send(msg);
        stats.published();
        LOG.info(() -> "Published manual restart " + msg + " requested by " + caller + " " + msg.tag());
        return new Accepted(msg.messageId());
    }
}
