package io.mayhem.metrics;

import io.mayhem.configuration.MetricsSettings;
import io.mayhem.monitoring.Stats;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /metrics}: {@link PrometheusStats} in the format the scraper asks for (Accept: the Prometheus text
 * format 0.0.4 by default, OpenMetrics when asked; never protobuf, whose writer is not packaged), written by the
 * Prometheus client library. The {@code instance} label is fixed at the first scrape, from its port.
 */
@WebServlet("/metrics")
public class MetricsServlet extends HttpServlet {

    @Inject
    transient Stats stats;
    @Inject
    transient MetricsSettings settings;

    private final transient ExpositionFormats formats = ExpositionFormats.init();
    private final transient PrometheusRegistry registry = new PrometheusRegistry();
    private volatile String instance;

    @Override
    public void init() {
        registry.register(new PrometheusStats(stats, () -> instance));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (instance == null) {
            instance = InstanceLabel.of(settings, InstanceLabel.hostName(), request.getLocalPort());
        }
        ExpositionFormatWriter writer = formats.findWriter(request.getHeader("Accept"));
        if (!writer.isAvailable()) {
            writer = formats.getPrometheusTextFormatWriter();
        }
        response.setContentType(writer.getContentType());
        writer.write(response.getOutputStream(), registry.scrape());
    }
}
