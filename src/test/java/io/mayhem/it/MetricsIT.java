package io.mayhem.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mayhem.metrics.ExpositionText;
import io.mayhem.monitoring.HandlingHistogram;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * GET /metrics on the built WAR (its Prometheus jars in WEB-INF/lib beside Payara Micro's own classes, whose
 * MicroProfile Metrics the boot files turn off): after requests and
 * poison messages were handled, the scrape keeps the text format's rules (read by the strict reader) and every
 * number equals GET /api/stats. The numbers compared go to target/metrics-it.txt.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetricsIT {

    static final int REQUESTS = 30;
    static final int POISON = 3;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return BuiltWar.asRoot();
    }

    @Test
    void afterRequestsWereHandledEveryNumberOfTheScrapeEqualsApiStats() throws Exception {
        publishAndAwaitOutcomes();
        // quiet: nothing in flight, so no lease extension or ack changes a number between the two reads
        await().atMost(Duration.ofSeconds(30)).until(() -> stats().getJsonNumber("in_flight").longValue() == 0);
        JsonObject stats = stats();
        HttpResponse<String> scrape = get("metrics", "text/plain");
        assertThat(stats()).as("unchanged while scraped").isEqualTo(stats);

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        ExpositionText text = ExpositionText.parse(scrape.body());
        Map<String, String> instance = Map.of("instance", InetAddress.getLocalHost().getHostName() + ":" + base.getPort());
        List<String> compared = new ArrayList<>();
        for (Map.Entry<String, jakarta.json.JsonValue> number : stats.entrySet()) {
            long value = ((JsonNumber) number.getValue()).longValue();
            if (number.getKey().startsWith("handling_ms_p")) {
                compared.add(checkPercentile(text, instance, number.getKey(), value));
            } else {
                String series = "mayhem_" + number.getKey() + (isGauge(number.getKey()) ? "" : "_total");
                ExpositionText.Sample sample = text.sample(series, instance).orElseThrow(() ->
                        new AssertionError(number.getKey() + " has no " + series + instance + " in\n" + scrape.body()));
                assertThat(sample.value()).as(series).isEqualTo(value);
                compared.add(number.getKey() + "=" + value + " " + series + "=" + sample.value());
            }
        }
        double count = text.sample("mayhem_handling_seconds_count", instance).orElseThrow().value();
        assertThat(count).as("one handling time per acked request").isEqualTo(stats.getJsonNumber("acked").longValue());
        // at least: a request left in the broker by an earlier test's boot is handled too
        assertThat(stats.getJsonNumber("acked").longValue()).isGreaterThanOrEqualTo(REQUESTS);
        assertThat(stats.getJsonNumber("dead_lettered").longValue()).isGreaterThanOrEqualTo(POISON);
        compared.add("mayhem_handling_seconds_count=" + count + " sum=" + text.sample("mayhem_handling_seconds_sum", instance)
                .orElseThrow().value() + " instance=" + instance.get("instance"));
        Files.write(Path.of("target", "metrics-it.txt"), compared);
        System.out.println(String.join("\n", compared));
    }

    @Test
    void aScraperAskingForOpenMetricsGetsItAndOneAskingForProtobufGetsText() throws Exception {
        HttpResponse<String> openMetrics = get("metrics", "application/openmetrics-text; version=1.0.0; charset=utf-8");
        HttpResponse<String> protobuf = get("metrics",
                "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited");

        assertThat(openMetrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/openmetrics-text; version=1.0.0"));
        assertThat(openMetrics.body()).contains("# TYPE mayhem_acked counter").endsWith("# EOF\n");
        assertThat(protobuf.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        assertThat(ExpositionText.parse(protobuf.body()).families()).containsKey("mayhem_handling_seconds");
    }

    /** The percentile of the last minute lies in the histogram's bucket where that rank falls (all samples are recent). */
    private static String checkPercentile(ExpositionText text, Map<String, String> instance, String key, long millis) {
        int percent = Integer.parseInt(key.substring("handling_ms_p".length()));
        Map<Double, Double> buckets = new LinkedHashMap<>();
        text.families().get("mayhem_handling_seconds").samples().stream()
                .filter(s -> s.name().endsWith("_bucket") && s.labels().entrySet().containsAll(instance.entrySet()))
                .forEach(s -> buckets.put(Double.parseDouble(s.labels().get("le").replace("+Inf", "Infinity")), s.value()));
        assertThat(buckets.keySet()).hasSize(HandlingHistogram.BOUNDS_SECONDS.size() + 1);
        double total = buckets.get(Double.POSITIVE_INFINITY);
        double rank = Math.ceil(percent * total / 100);
        double lower = 0;
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            if (bucket.getValue() >= rank) {
                // ms are truncated: the sample lies in [millis, millis + 1) ms
                assertThat(millis / 1000.0).as(key).isLessThanOrEqualTo(bucket.getKey());
                assertThat((millis + 1) / 1000.0).as(key).isGreaterThan(lower);
                return key + "=" + millis + " in bucket (" + lower + ", " + bucket.getKey() + "] where rank " + (long) rank
                        + " of " + (long) total + " falls";
            }
            lower = bucket.getKey();
        }
        throw new AssertionError("no bucket reaches rank " + rank);
    }

    private static boolean isGauge(String key) {
        return key.equals("in_flight") || key.equals("paused");
    }

    private void publishAndAwaitOutcomes() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Broker broker = new Broker()) {
            List<JsonObject> outcomes = broker.subscribe("mayhem.acks");
            for (int i = 0; i < REQUESTS; i++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                broker.publish("mayhem.restarts", Json.createObjectBuilder().add("message_id", id)
                        .add("instance_name", "cattle-metrics" + i).build().toString());
                if (i % (REQUESTS / POISON) == 0) {
                    broker.publish("mayhem.restarts", "{\"message_id\": \"not a uuid\", \"instance_name\": \"cattle-1\"}");
                }
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> outcomes.stream()
                    .map(o -> o.getString("message_id")).filter(ids::contains).distinct().count() == REQUESTS);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> stats().getJsonNumber("dead_lettered").longValue() >= POISON);
    }

    private JsonObject stats() throws Exception {
        return Json.createReader(new StringReader(get("api/stats", "application/json").body())).readObject();
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + base.getHost() + ":" + base.getPort() + "/" + path))
                .header("Accept", accept).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
