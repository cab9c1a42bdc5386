package io.mayhem.metrics;

import io.mayhem.monitoring.Stats;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** What {@code GET /metrics} writes for a {@link Stats}, without the servlet: the same registry and writer. */
final class Scrape {

    private Scrape() {
    }

    /** The scrape in the format a request with this Accept header gets (null: the Prometheus text format). */
    static String of(Stats stats, String instance, String accept) {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new PrometheusStats(stats, () -> instance));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ExpositionFormats.init().findWriter(accept).write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static String text(Stats stats, String instance) {
        return of(stats, instance, null);
    }
}
