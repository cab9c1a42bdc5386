package io.mayhem.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * POST /api/restarts on the built WAR: the callers and the rate of 3 a minute come from arquillian.xml. The
 * accepted request runs before the one past the rate, and nothing else takes a token (bad bodies take none).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ManualRestartIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String OPERATOR = basic("it-operator", "it-operator-password");
    private static final String VIEWER = basic("it-viewer", "it-viewer-password");

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return BuiltWar.asRoot();
    }

    @Test
    @Order(1)
    void anonymousCallersAndWrongPasswordsGet401WithABasicChallenge() throws Exception {
        for (String authorization : new String[] {null, basic("it-operator", "wrong"), basic("nobody", "it-operator-password"),
                "Bearer it-operator-password"}) {
            HttpResponse<String> response = post("api/restarts", authorization, "{\"instance_name\": \"cattle-anon\"}");

            assertThat(response.statusCode()).as(authorization).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(authorization)
                    .contains("Basic realm=\"mayhem\", charset=\"UTF-8\"");
        }
        assertThat(post("api/restarts/", null, "{\"instance_name\": \"cattle-anon\"}").statusCode())
                .as("trailing slash").isEqualTo(401);
    }

    @Test
    @Order(1)
    void anAuthenticatedCallerWithoutTheOperatorRoleGets403() throws Exception {
        assertThat(post("api/restarts", VIEWER, "{\"instance_name\": \"cattle-viewer\"}").statusCode()).isEqualTo(403);
    }

    @ParameterizedTest(name = "{0}")
    @Order(1)
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "not JSON|instance_name=cattle-1|not JSON: ",
            "not an object|[\"cattle-1\"]|not a JSON object: array",
            "missing|{\"name\": \"cattle-1\"}|instance_name is missing",
            "blank|{\"instance_name\": \"  \"}|instance_name is blank",
            "wrong type|{\"instance_name\": 42}|instance_name is not a string but number",
            "not a host label|{\"instance_name\": \"cattle 1.example\"}|instance_name is not a host label",
            "empty|``|empty body"})
    void anInvalidBodyGets400WithItsReason(String name, String body, String reason) throws Exception {
        HttpResponse<String> response = post("api/restarts", OPERATOR, body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).getString("reason")).startsWith(reason);
    }

    @Test
    @Order(1)
    void anOversizedBodyGets400() throws Exception {
        HttpResponse<String> response = post("api/restarts", OPERATOR,
                "{\"instance_name\": \"cattle-big\", \"pad\": \"" + "x".repeat(5000) + "\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).getString("reason")).isEqualTo("body over the limit of 4096 bytes");
    }

    @Test
    @Order(1)
    void theOtherEndpointsStayOpen() throws Exception {
        for (String path : List.of("api/stats", "health/live", "health/started")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
        }
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(uri("api/restarts")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).as("other methods on the protected path are denied").isEqualTo(403);
    }

    @Test
    @Order(2)
    void anOperatorsRequestIsAcceptedPublishedAndHandled() throws Exception {
        try (Broker broker = new Broker()) {
            List<JsonObject> outcomes = broker.subscribe("mayhem.acks");

            HttpResponse<String> response = post("api/restarts", OPERATOR, "{\"instance_name\": \"cattle-manual\"}");

            assertThat(response.statusCode()).isEqualTo(202);
            String id = json(response.body()).getString("message_id");
            assertThat(UUID.fromString(id).toString()).isEqualTo(id);
            await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.stream()
                    .anyMatch(o -> o.getString("message_id").equals(id)));
            JsonObject outcome = outcomes.stream().filter(o -> o.getString("message_id").equals(id)).findFirst().get();
            assertThat(outcome.getString("instance_name")).isEqualTo("cattle-manual");
            assertThat(outcome.getString("hostname")).isEqualTo("cattle-manual.example.net");
            assertThat(outcome.getString("outcome")).isIn("DONE", "FAILED");
        }
    }

    @Test
    @Order(3)
    void pastTheRateAnOperatorGets429WithRetryAfter() throws Exception {
        HttpResponse<String> response = null;
        for (int i = 0; i < 5 && (response == null || response.statusCode() == 202); i++) {
            response = post("api/restarts", OPERATOR, "{\"instance_name\": \"cattle-rate" + i + "\"}");
        }

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(json(response.body()).getString("reason")).isEqualTo("over the rate limit of 3 per minute");
        assertThat(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 20L);
    }

    /**
     * Last, as it leaves this address without failed logins for a minute: 50 wrong passwords at once run at most
     * the address's allowance of password hashes (a 401 each, about a fifth of a second of CPU); the rest are
     * refused before any hash, with 429 and Retry-After.
     */
    @Test
    @Order(9)
    void aBurstOfWrongPasswordsIsRefusedBeforeMostHashesRun() throws Exception {
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> burst = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            burst.add(HTTP.sendAsync(HttpRequest.newBuilder(uri("api/restarts")).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").header("Authorization", basic("it-operator", "wrong" + i))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"instance_name\": \"cattle-burst\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> responses = new java.util.ArrayList<>();
        for (var response : burst) {
            responses.add(response.get(60, java.util.concurrent.TimeUnit.SECONDS));
        }

        List<HttpResponse<String>> hashed = responses.stream().filter(r -> r.statusCode() == 401).toList();
        List<HttpResponse<String>> refused = responses.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(hashed.size() + refused.size()).as("401 or 429, nothing else").isEqualTo(50);
        assertThat(hashed).as("hashes run: at most the address's allowance of failed logins a minute")
                .hasSizeLessThanOrEqualTo(io.mayhem.operator.LoginThrottle.PER_ADDRESS_PER_MINUTE);
        assertThat(refused).allSatisfy(response -> {
            assertThat(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
            assertThat(json(response.body()).getString("reason")).startsWith("too many failed logins; try again in ");
        });
    }

    private HttpResponse<String> post(String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://" + base.getHost() + ":" + base.getPort() + "/" + path);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
