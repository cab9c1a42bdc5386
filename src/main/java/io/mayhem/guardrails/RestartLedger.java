package io.mayhem.guardrails;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The cluster-wide record of restarts let through (store.GuardrailStore, in the database): checking the limits
 * and recording a restart is one step under one lock, so two instances can never both take the last place.
 */
public interface RestartLedger {

    /**
     * Records a restart of {@code target} at {@code now} if both limits allow it. A request that already holds a
     * place (it was let through on an instance that then died or lost its lease, and is handled again) keeps it:
     * that is the same restart, not a second one, so it is let through and takes no further place.
     *
     * @param messageId the request's message id
     * @param minInterval no second restart of the same target within it; {@link Duration#ZERO} for no limit
     * @param maxPerWindow at most this many restarts cluster-wide within {@code window}; 0 for no limit
     * @return empty when the restart was recorded; otherwise the reason it was refused (nothing recorded)
     */
    Optional<String> claim(String target, String messageId, Instant now, Duration minInterval, int maxPerWindow, Duration window);
}
