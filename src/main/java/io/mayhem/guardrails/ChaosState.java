package io.mayhem.guardrails;

import java.time.Instant;

/**
 * The cluster-wide kill switch as stored (docs/design.md section 10).
 *
 * @param paused whether restarts are held
 * @param changedBy who last paused or resumed (an operator's user name, or {@code jmx}); null when never changed
 * @param changedAt when it was last changed; null when never changed
 */
public record ChaosState(boolean paused, String changedBy, Instant changedAt) {

    /** The state of a cluster whose switch was never used: running. */
    public static final ChaosState RUNNING = new ChaosState(false, null, null);
}
