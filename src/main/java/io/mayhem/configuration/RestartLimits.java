package io.mayhem.configuration;

import java.time.Duration;

/**
 * The cluster-wide restart budget (docs/design.md section 10; Chaos Monkey's minimum time between terminations
 * and a blast radius), validated. Zero turns a limit off, which is the default.
 *
 * @param minIntervalPerTarget mayhem.restart.min-interval-per-target: no second restart of one instance name
 *                             within it
 * @param maxPerWindow mayhem.restart.max-per-window: at most this many restarts cluster-wide within {@code window}
 * @param window mayhem.restart.window: the span {@code maxPerWindow} counts over
 */
public record RestartLimits(Duration minIntervalPerTarget, int maxPerWindow, Duration window) {

    /** No limit: the defaults. */
    public static final RestartLimits NONE = new RestartLimits(Duration.ZERO, 0, Duration.ofHours(1));

    /** @throws IllegalArgumentException naming the key whose value is out of range */
    public RestartLimits {
        if (minIntervalPerTarget.isNegative()) {
            throw new IllegalArgumentException("mayhem.restart.min-interval-per-target must be >= 0, was "
                    + minIntervalPerTarget);
        }
        if (maxPerWindow < 0) {
            throw new IllegalArgumentException("mayhem.restart.max-per-window must be >= 0 (0: no limit), was "
                    + maxPerWindow);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("mayhem.restart.window must be > 0, was " + window);
        }
    }
}
