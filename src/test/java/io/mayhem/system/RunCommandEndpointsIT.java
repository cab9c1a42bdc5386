package io.mayhem.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.mayhem.metrics.ExpositionText;
import io.mayhem.web.ApiDocument;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP endpoints of the service as the README's run command starts it (its boot files, no mayhem.api.users):
 * /metrics is the WAR's Prometheus endpoint on the run command's port and Payara Micro's MicroProfile Metrics are
 * off (the pre-boot file), /openapi serves the WAR's document, and POST /api/restarts is off with the
 * 404 that document gives for it (the one documented answer OpenApiIT cannot provoke on its server, which has users).
 */
class RunCommandEndpointsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static ServiceProcess running;

    @BeforeAll
    static void start() throws Exception {
        running = ServiceProcess.start("ENDPOINTS");
        running.awaitReady(SignalsIT.READY);
    }

    @AfterAll
    static void stop() throws Exception {
        if (running != null) {
            running.signal("TERM");
            if (running.awaitExit(Duration.ofSeconds(60)) == null) {
                running.destroyForcibly();
            }
        }
    }

    @Test
    void metricsIsTheWarsPrometheusEndpointOnTheRunCommandsPort() throws Exception {
        HttpResponse<String> scrape = send(HttpRequest.newBuilder(uri("/metrics")).header("Accept", "text/plain"));

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).doesNotContain("mp_scope"); // Payara's MicroProfile Metrics label
        ExpositionText text = ExpositionText.parse(scrape.body());
        assertThat(text.families()).containsKeys("mayhem_acked_total", "mayhem_in_flight", "mayhem_handling_seconds");
        assertThat(text.sample("mayhem_acked_total", Map.of("instance", InetAddress.getLocalHost().getHostName() + ":"
                + System.getProperty("mayhem.st.http.port")))).isPresent();
    }

    @Test
    void payarasOwnMetricsAreOff() throws Exception {
        // Payara adds its endpoint to the application at / as /metrics/* (the WAR's exact /metrics wins over that);
        // turned off and moved by the pre-boot file, nothing answers below /metrics
        HttpResponse<String> below = send(HttpRequest.newBuilder(uri("/metrics/")).header("Accept", "text/plain"));

        assertThat(below.statusCode()).as(below.body()).isEqualTo(404);
    }

    @Test
    void withoutUsersTheOperatorApiIsTheDocumented404() throws Exception {
        HttpResponse<String> openapi = send(HttpRequest.newBuilder(uri("/openapi")).header("Accept", "application/json"));
        ApiDocument document = ApiDocument.of(openapi.body());
        ApiDocument.Answer off = new ApiDocument.Answer("POST", "/api/restarts", 404);

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/restarts"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"instance_name\": \"cattle-off\"}")));

        assertThat(document.answers()).containsAll(ApiDocument.ofFile().answers()).contains(off);
        assertThat(document.mismatches(off, response)).isEmpty();
        for (String change : java.util.List.of("/api/chaos/pause", "/api/chaos/resume")) {
            ApiDocument.Answer changeOff = new ApiDocument.Answer("POST", change, 404);
            HttpResponse<String> refused = send(HttpRequest.newBuilder(uri(change)).POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(document.mismatches(changeOff, refused)).as(change).isEmpty();
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + System.getProperty("mayhem.st.http.port") + path);
    }
}
