package io.mayhem.guardrails;

import io.mayhem.request.RestartRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * mayhem.restart.min-interval-per-target and mayhem.restart.max-per-window (Chaos Monkey's minimum time between
 * terminations, and a blast radius), enforced across all instances through the {@link RestartLedger}. A restart
 * let through is counted when it is let through, whether or not it then succeeds. It is the last rule
 * checked, so a refusal by any other rule takes no place.
 */
public final class RestartBudget implements Guardrail {

    private final RestartLedger ledger;
    private final Duration minInterval;
    private final int maxPerWindow;
    private final Duration window;

    /**
     * @param minInterval zero for no per-target limit
     * @param maxPerWindow 0 for no cluster-wide limit
     * @param window the span {@code maxPerWindow} counts over
     */
    public RestartBudget(RestartLedger ledger, Duration minInterval, int maxPerWindow, Duration window) {
        this.ledger = ledger;
        this.minInterval = minInterval;
        this.maxPerWindow = maxPerWindow;
        this.window = window;
    }

    /** Whether any limit is set; without one the ledger is never asked (no database work per request). */
    public boolean limits() {
        return !minInterval.isZero() || maxPerWindow > 0;
    }

    @Override
    public Optional<String> refusal(RestartRequest request, Instant now) {
        return limits() ? ledger.claim(request.instanceName(), request.messageId(), now, minInterval, maxPerWindow, window) : Optional.empty();
    }
}
