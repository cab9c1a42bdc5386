package io.mayhem.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.mayhem.testkit.VirtualScheduler;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LatencyWindowTest {

    VirtualScheduler time = new VirtualScheduler();
    LatencyWindow window = new LatencyWindow(time.clock(), Duration.ofSeconds(60), 1000);

    @Test
    void isAllZeroWithoutSamples() {
        assertThat(window.percentiles()).isEqualTo(new LatencyWindow.Percentiles(0, 0, 0));
    }

    @Test
    void takesTheNearestRankOfAHundredSamples() {
        IntStream.rangeClosed(1, 100).map(i -> 101 - i).forEach(ms -> window.record(Duration.ofMillis(ms)));

        assertThat(window.percentiles()).isEqualTo(new LatencyWindow.Percentiles(50, 95, 99));
    }

    @Test
    void roundsTheRankUpWhenItFallsBetweenSamples() {
        IntStream.rangeClosed(1, 10).forEach(ms -> window.record(Duration.ofMillis(ms * 10)));

        assertThat(window.percentiles()).isEqualTo(new LatencyWindow.Percentiles(50, 100, 100));
        window.record(Duration.ofMillis(110));
        assertThat(window.percentiles()).isEqualTo(new LatencyWindow.Percentiles(60, 110, 110));
    }

    @Test
    void oneSampleIsEveryPercentile() {
        window.record(Duration.ofMillis(734));

        assertThat(window.percentiles()).isEqualTo(new LatencyWindow.Percentiles(734, 734, 734));
    }

    @Test
    void aSampleLeavesTheWindowExactlyOneSpanAfterItWasRecorded() {
        window.record(Duration.ofMillis(900));
        time.advance(Duration.ofSeconds(30));
        window.record(Duration.ofMillis(100));

        time.advance(Duration.ofMillis(29_999));
        assertThat(window.percentiles().p99()).isEqualTo(900);
        time.advance(Duration.ofMillis(1));
        assertThat(window.percentiles()).isEqualTo(new LatencyWindow.Percentiles(100, 100, 100));
        time.advance(Duration.ofSeconds(30));
        assertThat(window.percentiles()).isEqualTo(new LatencyWindow.Percentiles(0, 0, 0));
    }

    @Test
    void keepsOnlyTheNewestSamplesPastItsCapacity() {
        LatencyWindow small = new LatencyWindow(time.clock(), Duration.ofSeconds(60), 3);
        IntStream.of(900, 1, 2, 3).forEach(ms -> small.record(Duration.ofMillis(ms)));

        assertThat(small.percentiles()).isEqualTo(new LatencyWindow.Percentiles(2, 3, 3));
    }

    @Test
    void countsWholeMilliseconds() {
        window.record(Duration.ofNanos(1_999_999));

        assertThat(window.percentiles().p50()).isEqualTo(1);
    }
}
