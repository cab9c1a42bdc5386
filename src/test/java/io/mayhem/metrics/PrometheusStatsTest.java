package io.mayhem.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.mayhem.monitoring.HandlingHistogram;
import io.mayhem.monitoring.Stats;
import io.mayhem.monitoring.StatsKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The families {@code GET /metrics} writes, read back with the strict reader of the text format. */
class PrometheusStatsTest {

    static final String INSTANCE = "cattle-host:8080";
    static final Map<String, String> LABELS = Map.of("instance", INSTANCE);

    long[] inFlight = {5};
    Stats stats = new Stats(() -> inFlight[0], () -> true);

    @Test
    void everyNumberOfTheStatsSnapshotHasAMetricWithTheSameValue() {
        bumpEachCounterADifferentNumberOfTimes();
        stats.handled(Duration.ofMillis(300));
        ExpositionText scrape = ExpositionText.parse(Scrape.text(stats, INSTANCE));

        for (Map.Entry<String, Long> number : stats.snapshot().entrySet()) {
            Optional<StatsKey> key = StatsKey.of(number.getKey());
            assertThat(key).as("/api/stats key %s is a StatsKey, so it has a metric", number.getKey()).isPresent();
            String series = seriesOf(key.get());
            Optional<ExpositionText.Sample> sample = scrape.sample(series, LABELS);
            assertThat(sample).as("%s exported as %s", number.getKey(), series).isPresent();
            if (key.get().kind() != StatsKey.Kind.HANDLING_PERCENTILE) {
                assertThat(sample.get().value()).as(series).isEqualTo(number.getValue().doubleValue());
            }
        }
    }

    @Test
    void countersAreCountersWithTotalGaugesGaugesAndTheHistogramIsInSeconds() {
        Map<String, ExpositionText.Family> families = ExpositionText.parse(Scrape.text(stats, INSTANCE)).families();

        assertThat(families.get("mayhem_acked_total").type()).isEqualTo("counter");
        assertThat(families.get("mayhem_dead_lettered_total").help()).isEqualTo("Poison messages sent to mayhem.deadletter.");
        assertThat(families.get("mayhem_in_flight").type()).isEqualTo("gauge");
        assertThat(families.get("mayhem_paused").type()).isEqualTo("gauge");
        assertThat(families.get("mayhem_handling_seconds").type()).isEqualTo("histogram");
        assertThat(families).hasSize((int) java.util.Arrays.stream(StatsKey.values())
                .filter(k -> k.kind() != StatsKey.Kind.HANDLING_PERCENTILE).count() + 1);
    }

    @Test
    void theHistogramHasEveryBoundCumulativeWithItsCountAndSum() {
        stats.handled(Duration.ofMillis(5));
        stats.handled(Duration.ofMillis(700));
        stats.handled(Duration.ofMillis(1800));
        stats.handled(Duration.ofMinutes(20));
        ExpositionText scrape = ExpositionText.parse(Scrape.text(stats, INSTANCE));

        List<ExpositionText.Sample> buckets = scrape.families().get("mayhem_handling_seconds").samples().stream()
                .filter(s -> s.name().equals("mayhem_handling_seconds_bucket")).toList();

        assertThat(buckets).extracting(b -> Double.parseDouble(b.labels().get("le").replace("+Inf", "Infinity")))
                .containsExactlyElementsOf(boundsAndInf());
        assertThat(bucket(buckets, "0.01")).isEqualTo(1);
        assertThat(bucket(buckets, "0.5")).isEqualTo(1);
        assertThat(bucket(buckets, "0.75")).isEqualTo(2);
        assertThat(bucket(buckets, "2.0")).isEqualTo(3);
        assertThat(bucket(buckets, "600.0")).isEqualTo(3);
        assertThat(bucket(buckets, "+Inf")).isEqualTo(4);
        assertThat(scrape.sample("mayhem_handling_seconds_count", LABELS).get().value()).isEqualTo(4);
        assertThat(scrape.sample("mayhem_handling_seconds_sum", LABELS).get().value()).isEqualTo(1202.505);
    }

    @Test
    void readsTheNumbersAndTheInstanceAtEachScrape() {
        String[] instance = {"first:8080"};
        io.prometheus.metrics.model.registry.PrometheusRegistry registry = new io.prometheus.metrics.model.registry.PrometheusRegistry();
        registry.register(new PrometheusStats(stats, () -> instance[0]));
        registry.scrape();
        stats.acked();
        inFlight[0] = 9;
        instance[0] = "second:8080";

        io.prometheus.metrics.model.snapshots.MetricSnapshots later = registry.scrape();

        var acked = later.stream().filter(m -> m.getMetadata().getName().equals("mayhem_acked")).findFirst().get();
        assertThat(acked.getDataPoints().get(0).getLabels().get("instance")).isEqualTo("second:8080");
        assertThat(((io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot)
                acked.getDataPoints().get(0)).getValue()).isEqualTo(1);
        assertThat(ExpositionText.parse(Scrape.text(stats, "x")).sample("mayhem_in_flight", Map.of()).get().value())
                .isEqualTo(9);
    }

    @Test
    void anInstanceNameWithQuotesAndBackslashesIsEscaped() {
        String odd = "a \"quoted\" \\ name";

        ExpositionText scrape = ExpositionText.parse(Scrape.text(stats, odd));

        assertThat(scrape.sample("mayhem_acked_total", Map.of("instance", odd))).isPresent();
    }

    @Test
    void givesOpenMetricsToAScraperThatAsksForIt() {
        String openMetrics = Scrape.of(stats, INSTANCE, "application/openmetrics-text; version=1.0.0; charset=utf-8");

        assertThat(openMetrics).contains("# TYPE mayhem_acked counter\n").contains("mayhem_acked_total{instance=\"")
                .endsWith("# EOF\n");
    }

    @Test
    void namesTheFamilyOfEveryKey() {
        assertThat(PrometheusStats.family(StatsKey.RESTART_RETRIES)).isEqualTo("mayhem_restart_retries");
        assertThat(PrometheusStats.family(StatsKey.IN_FLIGHT)).isEqualTo("mayhem_in_flight");
        assertThat(PrometheusStats.family(StatsKey.HANDLING_MS_P99)).isEqualTo("mayhem_handling_seconds");
    }

    /** The series a key's number is read from: a counter's _total, a gauge, the histogram's buckets. */
    static String seriesOf(StatsKey key) {
        return switch (key.kind()) {
            case COUNTER -> PrometheusStats.family(key) + "_total";
            case GAUGE -> PrometheusStats.family(key);
            case HANDLING_PERCENTILE -> PrometheusStats.family(key) + "_bucket";
        };
    }

    private void bumpEachCounterADifferentNumberOfTimes() {
        List<Runnable> counters = List.of(stats::published, stats::received, stats::saved, stats::restarted,
                stats::restartRetried, stats::failed, stats::acked, stats::deadLettered, stats::extended, stats::skipped);
        for (int i = 0; i < counters.size(); i++) {
            for (int n = 0; n <= i; n++) {
                counters.get(i).run();
            }
        }
    }

    private static List<Double> boundsAndInf() {
        List<Double> bounds = new java.util.ArrayList<>(HandlingHistogram.BOUNDS_SECONDS);
        bounds.add(Double.POSITIVE_INFINITY);
        return bounds;
    }

    private static double bucket(List<ExpositionText.Sample> buckets, String le) {
        return buckets.stream().filter(b -> b.labels().get("le").equals(le)).findFirst().orElseThrow().value();
    }
}
