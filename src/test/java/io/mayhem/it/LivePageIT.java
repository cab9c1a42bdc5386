package io.mayhem.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.Json;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;

/**
 * The live page of the built WAR on Payara Micro, in headless Chromium, while requests are handled; deployed at
 * /chaos, not /, so every request of the page must be relative to it (health is the server's, at its root).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LivePageIT {

    private static final Pattern POINT = Pattern.compile("[ML]([\\d.]+),([\\d.]+)");

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return BuiltWar.at("/chaos");
    }

    @Test
    void plotsAckedRequestsShowsTheServiceUpAndEveryCounter() throws Exception {
        try (Chromium chromium = new Chromium(); Broker broker = new Broker()) {
            ChromeDriver page = chromium.driver();
            page.get(root().toString());
            // rates are deltas between polls: publish once the page has its first counters
            await().atMost(Duration.ofSeconds(30)).until(() -> count(page, "#updated", "data-samples") >= 2);
            long ackedBefore = number(page, "acked");
            publishRequests(broker, 20);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(count(page, "#plot-throughput", "data-acked-points")).as("non-zero acked samples")
                        .isPositive();
                assertThat(height(page, "acked")).as("height of the acked line above zero").isPositive();
                assertThat(number(page, "acked")).as("acked in the table").isGreaterThanOrEqualTo(ackedBefore + 20);
                assertThat(text(page, "health-ready")).as("readiness").isEqualTo("UP");
                assertThat(text(page, "health-live")).as("liveness").isEqualTo("UP");
                assertThat(text(page, "chaos-state")).as("the kill switch").isEqualTo("running");
            });
            Files.copy(page.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target", "live-page.png"),
                    StandardCopyOption.REPLACE_EXISTING);

            assertThat(page.findElements(By.cssSelector("#numbers tbody tr")).stream()
                    .map(row -> row.getDomAttribute("data-key"))).as("table rows")
                    .containsExactlyInAnyOrderElementsOf(statsKeys());
            assertNoWarningsAndNothingLoadedFromElsewhere(page);
            assertHealthNotServedHereIsElsewhereNotDown(page);
        }
    }

    /** WildFly answers health on its management port only: the page's own reading of a 404 there. */
    private static void assertHealthNotServedHereIsElsewhereNotDown(ChromeDriver page) {
        Object status = page.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " import('./health.js').then(m => m.healthOf('/health/ready', new Response(null, {status: 404})))"
                + ".then(h => done(h.status + ': ' + h.detail), e => done('failed: ' + e))");
        assertThat(status).asString().startsWith("ELSEWHERE: /health/ready is not served on this port");
        Object down = page.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " import('./health.js').then(m => m.healthOf('/health/ready', new Response("
                + "'{\"status\":\"DOWN\",\"checks\":[]}', {status: 503})))"
                + ".then(h => done(h.status), e => done('failed: ' + e))");
        assertThat(down).isEqualTo("DOWN");
    }

    private static void publishRequests(Broker broker, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            broker.publish("mayhem.restarts", Json.createObjectBuilder().add("message_id", UUID.randomUUID().toString())
                    .add("instance_name", "cattle-x").build().toString());
        }
    }

    /** Offline-safe: every script, style and request of the page came from the service itself. */
    private static void assertNoWarningsAndNothingLoadedFromElsewhere(ChromeDriver page) {
        assertThat(page.manage().logs().get(LogType.BROWSER).getAll()).as("browser console")
                .noneMatch(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue());
        assertThat(page.executeScript("return performance.getEntriesByType('resource')"
                + ".map(r => new URL(r.name).origin).filter(origin => origin !== location.origin)"))
                .as("resources from elsewhere").asList().isEmpty();
    }

    /** An attribute read in one script: the plots are redrawn every second, so a found element goes stale. */
    private static String attribute(ChromeDriver page, String selector, String name) {
        return (String) page.executeScript("const e = document.querySelector(arguments[0]);"
                + " return e && e.getAttribute(arguments[1]);", selector, name);
    }

    private static long count(ChromeDriver page, String selector, String name) {
        String value = attribute(page, selector, name);
        return value == null ? 0 : Long.parseLong(value);
    }

    private static String text(WebDriver page, String id) {
        return page.findElement(By.id(id)).getText();
    }

    private static long number(WebDriver page, String key) {
        String cell = page.findElement(By.cssSelector("#numbers tr[data-key='" + key + "'] td")).getText();
        return Long.parseLong(cell.replace(",", ""));
    }

    /** How far above the zero line the drawn series reaches, in SVG units (0: flat on zero). */
    private static double height(ChromeDriver page, String key) {
        double zero = Double.parseDouble(attribute(page, "#plot-throughput line.grid", "y1"));
        String d = attribute(page, "#plot-throughput path[data-key='" + key + "']", "d");
        return zero - POINT.matcher(d).results().mapToDouble(m -> Double.parseDouble(m.group(2))).min().orElse(zero);
    }

    private List<String> statsKeys() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(root().resolve("api/stats")).build(), HttpResponse.BodyHandlers.ofString());
        return List.copyOf(Json.createReader(new StringReader(response.body())).readObject().keySet());
    }

    private URI root() {
        return URI.create("http://" + base.getHost() + ":" + base.getPort() + "/chaos/");
    }
}
