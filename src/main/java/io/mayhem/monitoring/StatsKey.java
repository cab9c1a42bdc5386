package io.mayhem.monitoring;

import java.util.Arrays;
import java.util.Optional;

/**
 * The numbers of {@code GET /api/stats}, in its order (docs/design.md section 9): the one definition that
 * {@link Stats#snapshot()}, the MBean and {@code GET /metrics} are read from, so a number added here appears in all of
 * them. Each says what kind of number it is and what it counts.
 */
public enum StatsKey {

    PUBLISHED("published", Kind.COUNTER, "Requests this instance published (its timer and POST /api/restarts)."),
    RECEIVED("received", Kind.COUNTER, "Messages taken from mayhem.restarts, poison included."),
    SAVED("saved", Kind.COUNTER, "Restart events recorded."),
    RESTARTED("restarted", Kind.COUNTER, "Hosts restarted."),
    RESTART_RETRIES("restart_retries", Kind.COUNTER, "Restart attempts after a failed one."),
    FAILED("failed", Kind.COUNTER, "Requests acked FAILED."),
    ACKED("acked", Kind.COUNTER, "Requests acked with any outcome."),
    DEAD_LETTERED("dead_lettered", Kind.COUNTER, "Poison messages sent to mayhem.deadletter."),
    EXTENDED("extended", Kind.COUNTER, "Lease extensions."),
    IN_FLIGHT("in_flight", Kind.GAUGE, "Requests being handled by this instance now."),
    SKIPPED("skipped", Kind.COUNTER, "Requests acked SKIPPED (a guardrail refused the restart)."),
    PAUSED("paused", Kind.GAUGE, "1 while the cluster-wide kill switch holds restarts, else 0."),
    HANDLING_MS_P50("handling_ms_p50", Kind.HANDLING_PERCENTILE, "Handling time p50 over the last minute, ms."),
    HANDLING_MS_P95("handling_ms_p95", Kind.HANDLING_PERCENTILE, "Handling time p95 over the last minute, ms."),
    HANDLING_MS_P99("handling_ms_p99", Kind.HANDLING_PERCENTILE, "Handling time p99 over the last minute, ms.");

    /** How a number behaves. */
    public enum Kind {
        /** Counts events since start; only goes up. */
        COUNTER,
        /** A value now; goes up and down. */
        GAUGE,
        /** A percentile of the handling times of the last minute; the histogram of all of them is {@link HandlingHistogram}. */
        HANDLING_PERCENTILE
    }

    private final String key;
    private final Kind kind;
    private final String help;

    StatsKey(String key, Kind kind, String help) {
        this.key = key;
        this.kind = kind;
        this.help = help;
    }

    /** The key in {@code GET /api/stats}, in snake case ({@code dead_lettered}). */
    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    /** One sentence saying what the number is, for the Prometheus HELP line. */
    public String help() {
        return help;
    }

    /** The constant whose {@link #key()} is {@code key}, or empty for a key that is not one of them. */
    public static Optional<StatsKey> of(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
