package io.mayhem.monitoring;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every handling time since start, counted in fixed buckets (a cumulative histogram's raw counts, in seconds), so
 * that the buckets of many instances add up and any quantile can be estimated over any time range
 * ({@code GET /metrics}, docs/operations.md "Prometheus"). Thread-safe; recording costs two adder increments.
 */
public final class HandlingHistogram {

    /**
     * The upper bounds in seconds, ascending; the last bucket, {@code +Inf}, is implied. Fine around the simulated
     * latency (save and restart each take U(0, 1 s), run concurrently; a retried restart adds its backoff and another
     * attempt, so up to about 4 s), then coarser up to ten minutes for a service under load (intake waits, group
     * commits behind a slow database) and real restarters.
     */
    public static final List<Double> BOUNDS_SECONDS = List.of(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1.0, 1.25,
            1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 7.5, 10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0);

    private static final double[] BOUNDS = BOUNDS_SECONDS.stream().mapToDouble(Double::doubleValue).toArray();

    /** One more than the bounds: the last is {@code +Inf}. Not cumulative. */
    private final LongAdder[] counts = new LongAdder[BOUNDS.length + 1];
    private final LongAdder sumNanos = new LongAdder();

    public HandlingHistogram() {
        Arrays.setAll(counts, i -> new LongAdder());
    }

    /** Counts one handling that took {@code took} (negative counts as zero) in the first bucket it fits. */
    public void record(Duration took) {
        long nanos = Math.max(0, took.toNanos());
        double seconds = nanos / 1e9;
        int index = Arrays.binarySearch(BOUNDS, seconds);
        counts[index >= 0 ? index : -index - 1].increment();
        sumNanos.add(nanos);
    }

    /**
     * The counts now: per bucket (not cumulative; the last is {@code +Inf}), their total and the sum of the times.
     * The total is the buckets' sum, so it always equals the {@code +Inf} bucket's cumulative count; a handling
     * recorded while this reads may be in the sum and not yet in a bucket, or the other way round.
     */
    public Snapshot snapshot() {
        double sum = sumNanos.sum() / 1e9;
        long[] perBucket = Arrays.stream(counts).mapToLong(LongAdder::sum).toArray();
        return new Snapshot(perBucket, Arrays.stream(perBucket).sum(), sum);
    }

    /**
     * The histogram at one moment.
     *
     * @param counts per bucket of {@link #BOUNDS_SECONDS} and then {@code +Inf}, not cumulative
     * @param count how many handlings, the sum of {@code counts}
     * @param sumSeconds how long they took together, in seconds
     */
    public record Snapshot(long[] counts, long count, double sumSeconds) {

        /** The upper bound of bucket {@code i}: {@link #BOUNDS_SECONDS} and then positive infinity. */
        public static double upperBound(int i) {
            return i < BOUNDS.length ? BOUNDS[i] : Double.POSITIVE_INFINITY;
        }
    }
}
