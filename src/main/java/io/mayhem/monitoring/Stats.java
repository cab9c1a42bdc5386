package io.mayhem.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The service's counters since start, the handling times (a histogram since start and the percentiles of the last
 * minute) and the gauges (docs/design.md section 7); thread-safe and cheap to bump. Which numbers there are is
 * {@link StatsKey}. The in-flight gauge is read from the one record of what is in flight ({@code lease.InFlight}),
 * not counted here.
 */
public final class Stats {

    private final Map<StatsKey, LongAdder> counters = new EnumMap<>(StatsKey.class);
    /** What {@link #value} reads: every counter's adder and every gauge's supplier. */
    private final Map<StatsKey, LongSupplier> readings = new EnumMap<>(StatsKey.class);
    private final LongAdder uncaught = new LongAdder();
    private final LatencyWindow handling;
    private final HandlingHistogram handlingHistogram = new HandlingHistogram();
    private final LongSupplier inFlight;

    /**
     * Latency percentiles over the last {@link LatencyWindow#SPAN} of the system clock.
     *
     * @param inFlight how many requests are in flight now
     */
    public Stats(LongSupplier inFlight) {
        this(new LatencyWindow(Clock.systemUTC(), LatencyWindow.SPAN, LatencyWindow.MAX_SAMPLES), inFlight);
    }

    /**
     * @param inFlight how many requests are in flight now
     * @param paused whether the cluster-wide kill switch holds restarts now (docs/design.md section 10)
     */
    public Stats(LongSupplier inFlight, BooleanSupplier paused) {
        this(new LatencyWindow(Clock.systemUTC(), LatencyWindow.SPAN, LatencyWindow.MAX_SAMPLES), inFlight, paused);
    }

    public Stats(LatencyWindow handling, LongSupplier inFlight) {
        this(handling, inFlight, () -> false);
    }

    public Stats(LatencyWindow handling, LongSupplier inFlight, BooleanSupplier paused) {
        this.handling = handling;
        this.inFlight = inFlight;
        for (StatsKey key : StatsKey.values()) {
            if (key.kind() == StatsKey.Kind.COUNTER) {
                LongAdder counter = new LongAdder();
                counters.put(key, counter);
                readings.put(key, counter::sum);
            }
        }
        readings.put(StatsKey.IN_FLIGHT, inFlight);
        readings.put(StatsKey.PAUSED, () -> paused.getAsBoolean() ? 1L : 0L);
    }

    public void published() { count(StatsKey.PUBLISHED); }
    public void received() { count(StatsKey.RECEIVED); }
    public void saved() { count(StatsKey.SAVED); }
    public void restarted() { count(StatsKey.RESTARTED); }
    public void restartRetried() { count(StatsKey.RESTART_RETRIES); }
    public void failed() { count(StatsKey.FAILED); }
    public void acked() { count(StatsKey.ACKED); }
    public void deadLettered() { count(StatsKey.DEAD_LETTERED); }
    public void extended() { count(StatsKey.EXTENDED); }
    /** A guardrail refused a request's restart: it was acked SKIPPED. */
    public void skipped() { count(StatsKey.SKIPPED); }
    public void uncaught() { uncaught.increment(); }

    private void count(StatsKey counter) {
        counters.get(counter).increment();
    }

    /** A request was acked {@code took} after its handling started: into the window and the histogram. */
    public void handled(Duration took) {
        handling.record(took);
        handlingHistogram.record(took);
    }

    public long inFlight() {
        return inFlight.getAsLong();
    }

    public long uncaughtCount() {
        return uncaught.sum();
    }

    /**
     * The value now of a counter or a gauge.
     *
     * @throws IllegalArgumentException for a handling percentile (which {@link #snapshot()} reads), or a gauge
     *         given no reading in the constructor
     */
    public long value(StatsKey key) {
        LongSupplier reading = readings.get(key);
        if (reading == null) {
            throw new IllegalArgumentException("no reading of " + key.key() + " (a handling percentile is read by snapshot())");
        }
        return reading.getAsLong();
    }

    /** Every handling time since start, in the buckets of {@link HandlingHistogram#BOUNDS_SECONDS}. */
    public HandlingHistogram.Snapshot handlingHistogram() {
        return handlingHistogram.snapshot();
    }

    /**
     * The numbers of {@code GET /api/stats}, every {@link StatsKey} in its order: the contract's of docs/design.md
     * section 9, then {@code skipped} (acked SKIPPED), {@code paused} (1 while the kill switch holds restarts, else 0)
     * and the handling-latency percentiles in milliseconds over the last minute.
     */
    public Map<String, Long> snapshot() {
        Map<String, Long> numbers = new LinkedHashMap<>();
        LatencyWindow.Percentiles latency = handling.percentiles();
        for (StatsKey key : StatsKey.values()) {
            numbers.put(key.key(), switch (key) {
                case HANDLING_MS_P50 -> latency.p50();
                case HANDLING_MS_P95 -> latency.p95();
                case HANDLING_MS_P99 -> latency.p99();
                default -> value(key);
            });
        }
        return numbers;
    }
}
