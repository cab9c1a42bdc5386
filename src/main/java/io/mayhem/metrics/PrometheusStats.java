package io.mayhem.metrics;

import io.mayhem.monitoring.HandlingHistogram;
import io.mayhem.monitoring.Stats;
import io.mayhem.monitoring.StatsKey;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The numbers of {@link Stats} as Prometheus metric families, read at each scrape, every one labelled with this
 * instance's name ({@link #INSTANCE_LABEL}). One rule for every {@link StatsKey}: a counter {@code k} is the counter
 * {@code mayhem_k_total}, a gauge {@code k} the gauge {@code mayhem_k}, and the handling percentiles are replaced by
 * the histogram {@value #HANDLING} (in seconds, since start, in {@link HandlingHistogram#BOUNDS_SECONDS}).
 */
public final class PrometheusStats implements MultiCollector {

    public static final String PREFIX = "mayhem_";
    public static final String HANDLING = PREFIX + "handling_seconds";
    public static final String INSTANCE_LABEL = "instance";

    private final Stats stats;
    private final Supplier<String> instance;

    /**
     * @param stats what to read at each scrape
     * @param instance the {@code instance} label's value, read at each scrape
     */
    public PrometheusStats(Stats stats, Supplier<String> instance) {
        this.stats = stats;
        this.instance = instance;
    }

    /** The metric family a key of {@code GET /api/stats} is exported in, without the {@code _total} of a counter. */
    public static String family(StatsKey key) {
        return key.kind() == StatsKey.Kind.HANDLING_PERCENTILE ? HANDLING : PREFIX + key.key();
    }

    @Override
    public MetricSnapshots collect() {
        Labels labels = Labels.of(INSTANCE_LABEL, instance.get());
        List<MetricSnapshot> families = new ArrayList<>();
        for (StatsKey key : StatsKey.values()) {
            switch (key.kind()) {
                case COUNTER -> families.add(CounterSnapshot.builder().name(family(key)).help(key.help())
                        .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels)
                                .value(stats.value(key)).build()).build());
                case GAUGE -> families.add(GaugeSnapshot.builder().name(family(key)).help(key.help())
                        .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels)
                                .value(stats.value(key)).build()).build());
                case HANDLING_PERCENTILE -> { } // the histogram, once, below
            }
        }
        families.add(handling(labels));
        return new MetricSnapshots(families);
    }

    private HistogramSnapshot handling(Labels labels) {
        HandlingHistogram.Snapshot histogram = stats.handlingHistogram();
        ClassicHistogramBuckets.Builder buckets = ClassicHistogramBuckets.builder();
        for (int i = 0; i < histogram.counts().length; i++) {
            buckets.bucket(HandlingHistogram.Snapshot.upperBound(i), histogram.counts()[i]);
        }
        return HistogramSnapshot.builder().name(HANDLING).unit(Unit.SECONDS)
                .help("Handling time of each acked request, from the start of its handling to its ack.")
                .dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder().labels(labels)
                        .classicHistogramBuckets(buckets.build()).sum(histogram.sumSeconds()).build())
                .build();
    }
}
