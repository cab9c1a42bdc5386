package io.mayhem.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HandlingHistogramTest {

    HandlingHistogram histogram = new HandlingHistogram();

    @Test
    void theBoundsAscendFromTenMillisecondsToTenMinutes() {
        assertThat(HandlingHistogram.BOUNDS_SECONDS).isSorted().doesNotHaveDuplicates()
                .startsWith(0.01).endsWith(600.0).contains(0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0);
        assertThat(HandlingHistogram.Snapshot.upperBound(HandlingHistogram.BOUNDS_SECONDS.size()))
                .isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void aTimeOnABoundCountsInThatBucketAndJustAboveItInTheNext() {
        int half = HandlingHistogram.BOUNDS_SECONDS.indexOf(0.5);
        histogram.record(Duration.ofMillis(500));
        histogram.record(Duration.ofMillis(500).plusNanos(1));
        histogram.record(Duration.ofMillis(499));

        long[] counts = histogram.snapshot().counts();

        assertThat(counts[half]).isEqualTo(2);
        assertThat(counts[half + 1]).isEqualTo(1);
        assertThat(IntStream.range(0, counts.length).filter(i -> i != half && i != half + 1).mapToLong(i -> counts[i]))
                .containsOnly(0L);
    }

    @Test
    void countsPastTheLastBoundInPlusInfAndNegativeOrZeroInTheFirst() {
        histogram.record(Duration.ofHours(1));
        histogram.record(Duration.ofMinutes(10).plusMillis(1));
        histogram.record(Duration.ZERO);
        histogram.record(Duration.ofMillis(-5));

        long[] counts = histogram.snapshot().counts();

        assertThat(counts).hasSize(HandlingHistogram.BOUNDS_SECONDS.size() + 1);
        assertThat(counts[counts.length - 1]).isEqualTo(2);
        assertThat(counts[0]).isEqualTo(2);
    }

    @Test
    void theCountIsTheBucketsTotalAndTheSumIsInSeconds() {
        histogram.record(Duration.ofMillis(250));
        histogram.record(Duration.ofMillis(1750));
        histogram.record(Duration.ofSeconds(20));

        HandlingHistogram.Snapshot snapshot = histogram.snapshot();

        assertThat(snapshot.count()).isEqualTo(3);
        assertThat(snapshot.sumSeconds()).isEqualTo(22.0);
    }

    @Test
    void isEmptyAtStart() {
        HandlingHistogram.Snapshot snapshot = histogram.snapshot();

        assertThat(snapshot.counts()).containsOnly(0L);
        assertThat(snapshot.count()).isZero();
        assertThat(snapshot.sumSeconds()).isZero();
    }
}
