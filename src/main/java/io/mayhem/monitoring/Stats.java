package io.mayhem.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The service's counters since start and the handling-latency percentiles of the last minute
 * (docs/design.md section 7); thread-safe and cheap to bump. The in-flight gauge is read from the one record of
 * what is in flight ({@code lease.InFlight}), not counted here.
 */
public final class Stats {

    private final LongAdder published = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder saved = new LongAdder();
    private final LongAdder restarted = new LongAdder();
    private final LongAdder restartRetries = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder extended = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder uncaught = new LongAdder();
    private final LatencyWindow handling;
    private final LongSupplier inFlight;
    private final BooleanSupplier paused;

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
        this.paused = paused;
    }

    public void published() { published.increment(); }
    public void received() { received.increment(); }
    public void saved() { saved.increment(); }
    public void restarted() { restarted.increment(); }
    public void restartRetried() { restartRetries.increment(); }
    public void failed() { failed.increment(); }
    public void acked() { acked.increment(); }
    public void deadLettered() { deadLettered.increment(); }
    public void extended() { extended.increment(); }
    /** A guardrail refused a request's restart: it was acked SKIPPED. */
    public void skipped() { skipped.increment(); }
    public void uncaught() { uncaught.increment(); }

    /** A request was acked {@code took} after its handling started. */
    public void handled(Duration took) {
        handling.record(took);
    }

    public long inFlight() {
        return inFlight.getAsLong();
    }

    public long uncaughtCount() {
        return uncaught.sum();
    }

    /**
     * The numbers of {@code GET /api/stats}: the contract's, in the order of docs/design.md section 9, then
     * {@code skipped} (acked SKIPPED), {@code paused} (1 while the kill switch holds restarts, else 0) and the
     * handling-latency percentiles in milliseconds over the last minute.
     */
    public Map<String, Long> snapshot() {
        Map<String, Long> numbers = new LinkedHashMap<>();
        numbers.put("published", published.sum());
        numbers.put("received", received.sum());
        numbers.put("saved", saved.sum());
        numbers.put("restarted", restarted.sum());
        numbers.put("restart_retries", restartRetries.sum());
        numbers.put("failed", failed.sum());
        numbers.put("acked", acked.sum());
        numbers.put("dead_lettered", deadLettered.sum());
        numbers.put("extended", extended.sum());
        numbers.put("in_flight", inFlight.getAsLong());
        numbers.put("skipped", skipped.sum());
        numbers.put("paused", paused.getAsBoolean() ? 1L : 0L);
        LatencyWindow.Percentiles latency = handling.percentiles();
        numbers.put("handling_ms_p50", latency.p50());
        numbers.put("handling_ms_p95", latency.p95());
        numbers.put("handling_ms_p99", latency.p99());
        return numbers;
    }
}
