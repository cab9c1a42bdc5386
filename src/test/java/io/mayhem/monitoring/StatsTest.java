package io.mayhem.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.mayhem.testkit.VirtualScheduler;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void countsEachEventUnderItsContractNameAndReadsTheInFlightGauge() {
        long[] inFlight = {1};
        boolean[] paused = {false};
        Stats stats = new Stats(() -> inFlight[0], () -> paused[0]);
        stats.published();
        stats.received();
        stats.saved();
        stats.restarted();
        stats.restartRetried();
        stats.failed();
        stats.acked();
        stats.deadLettered();
        stats.extended();
        stats.skipped();
        stats.uncaught();

        assertThat(stats.snapshot()).containsExactly(
                entry("published", 1L), entry("received", 1L),
                entry("saved", 1L), entry("restarted", 1L),
                entry("restart_retries", 1L), entry("failed", 1L),
                entry("acked", 1L), entry("dead_lettered", 1L),
                entry("extended", 1L), entry("in_flight", 1L),
                entry("skipped", 1L), entry("paused", 0L), entry("handling_ms_p50", 0L), entry("handling_ms_p95", 0L),
                entry("handling_ms_p99", 0L));
        assertThat(stats.inFlight()).isEqualTo(1);
        inFlight[0] = 7;
        paused[0] = true;
        assertThat(stats.snapshot()).containsEntry("in_flight", 7L).containsEntry("paused", 1L);
        assertThat(stats.uncaughtCount()).isEqualTo(1);
    }

    @Test
    void reportsTheHandlingPercentilesOfItsWindowInMilliseconds() {
        VirtualScheduler time = new VirtualScheduler();
        Stats stats = new Stats(new LatencyWindow(time.clock(), Duration.ofSeconds(60), 100), () -> 0);
        IntStream.rangeClosed(1, 100).forEach(ms -> stats.handled(Duration.ofMillis(ms)));

        assertThat(stats.snapshot()).containsEntry("paused", 0L).containsEntry("handling_ms_p50", 50L).containsEntry("handling_ms_p95", 95L)
                .containsEntry("handling_ms_p99", 99L);
        time.advance(Duration.ofSeconds(60));
        assertThat(stats.snapshot()).containsEntry("handling_ms_p99", 0L);
    }

    @Test
    void recordsEveryHandlingTimeInTheHistogramToo() {
        VirtualScheduler time = new VirtualScheduler();
        Stats stats = new Stats(new LatencyWindow(time.clock(), Duration.ofSeconds(60), 100), () -> 0);
        stats.handled(Duration.ofMillis(700));
        stats.handled(Duration.ofMillis(2300));
        time.advance(Duration.ofMinutes(5));

        HandlingHistogram.Snapshot histogram = stats.handlingHistogram();

        assertThat(histogram.count()).as("since start, not the last minute").isEqualTo(2);
        assertThat(histogram.sumSeconds()).isEqualTo(3.0);
        assertThat(histogram.counts()[HandlingHistogram.BOUNDS_SECONDS.indexOf(0.75)]).isEqualTo(1);
        assertThat(histogram.counts()[HandlingHistogram.BOUNDS_SECONDS.indexOf(2.5)]).isEqualTo(1);
    }

    @Test
    void hasOneNumberPerStatsKeyInItsOrderAndReadsCountersAndGaugesByKey() {
        long[] inFlight = {4};
        Stats stats = new Stats(() -> inFlight[0], () -> true);
        stats.deadLettered();
        stats.deadLettered();

        assertThat(stats.snapshot().keySet()).containsExactly(
                java.util.Arrays.stream(StatsKey.values()).map(StatsKey::key).toArray(String[]::new));
        assertThat(stats.value(StatsKey.DEAD_LETTERED)).isEqualTo(2);
        assertThat(stats.value(StatsKey.IN_FLIGHT)).isEqualTo(4);
        assertThat(stats.value(StatsKey.PAUSED)).isEqualTo(1);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> stats.value(StatsKey.HANDLING_MS_P95)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("handling_ms_p95");
    }

    @Test
    void findsAKeyByItsContractName() {
        assertThat(StatsKey.of("restart_retries")).contains(StatsKey.RESTART_RETRIES);
        assertThat(StatsKey.of("RESTART_RETRIES")).isEmpty();
        assertThat(StatsKey.RESTART_RETRIES.help()).isNotBlank();
    }

    @Test
    void theDefaultWindowIsTheLastMinuteOfTheSystemClock() {
        Stats stats = new Stats(() -> 0);
        stats.handled(Duration.ofMillis(250));

        assertThat(stats.snapshot()).containsEntry("handling_ms_p50", 250L).containsEntry("paused", 0L);
    }
}
