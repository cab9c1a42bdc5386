package io.mayhem.monitoring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The service's counters since start (DESIGN.md section 7); thread-safe and cheap to bump. */
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
    private final LongAdder inFlight = new LongAdder();
    private final LongAdder uncaught = new LongAdder();

    public void published() { published.increment(); }
    public void received() { received.increment(); }
    public void saved() { saved.increment(); }
    public void restarted() { restarted.increment(); }
    public void restartRetried() { restartRetries.increment(); }
    public void failed() { failed.increment(); }
    public void acked() { acked.increment(); }
    public void deadLettered() { deadLettered.increment(); }
    public void extended() { extended.increment(); }
    public void uncaught() { uncaught.increment(); }
    public void started() { inFlight.increment(); }
    public void finished() { inFlight.decrement(); }

    public long inFlight() {
        return inFlight.sum();
    }

    public long uncaughtCount() {
        return uncaught.sum();
    }

    /** The numbers of {@code GET /api/stats}, in the order of DESIGN.md section 9. */
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
        numbers.put("in_flight", inFlight.sum());
        return numbers;
    }
}
