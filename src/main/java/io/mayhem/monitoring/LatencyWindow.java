package io.mayhem.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Handling durations of the last {@code span} (a sliding window) and their percentiles, by nearest rank.
 * Keeps at most {@code maxSamples}, dropping the oldest first, so a burst cannot grow it without bound.
 */
public final class LatencyWindow {

    /** The window of {@code GET /api/stats} and the MBean: the last 60 s (a constant, not a setting). */
    public static final Duration SPAN = Duration.ofSeconds(60);
    /** About 1,600 requests/s for the whole span; past that the window covers less than 60 s. */
    public static final int MAX_SAMPLES = 100_000;

    private final Clock clock;
    private final Duration span;
    private final int maxSamples;
    private final Deque<Sample> samples = new ArrayDeque<>();

    public LatencyWindow(Clock clock, Duration span, int maxSamples) {
        this.clock = clock;
        this.span = span;
        this.maxSamples = maxSamples;
    }

    public synchronized void record(Duration took) {
        if (samples.size() >= maxSamples) {
            samples.removeFirst(); // the oldest: an expired one, if any
        }
        samples.addLast(new Sample(clock.instant(), took.toMillis()));
    }

    /** p50, p95 and p99 in milliseconds of the durations recorded within the span; all 0 when there are none. */
    public Percentiles percentiles() {
        long[] sorted;
        synchronized (this) {
            dropExpired(clock.instant());
            sorted = samples.stream().mapToLong(Sample::millis).toArray();
        }
        Arrays.sort(sorted);
        return new Percentiles(rank(sorted, 50), rank(sorted, 95), rank(sorted, 99));
    }

    /** A sample exactly {@code span} old is out of the window. */
    private void dropExpired(Instant now) {
        Instant oldestKept = now.minus(span);
        while (!samples.isEmpty() && !samples.peekFirst().at().isAfter(oldestKept)) {
            samples.removeFirst();
        }
    }

    /** Nearest rank: the smallest value that at least {@code percent}% of the samples do not exceed. */
    private static long rank(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) ((percent * (long) sorted.length + 99) / 100);
        return sorted[rank - 1];
    }

    public record Percentiles(long p50, long p95, long p99) {
    }

    private record Sample(Instant at, long millis) {
    }
}
