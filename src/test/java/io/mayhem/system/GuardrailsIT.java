package io.mayhem.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The cluster-wide guardrails (docs/design.md section 10) on a running service with H2: the kill switch through
 * {@code /api/chaos}, the per-target minimum interval with two requests for one target racing, and the maximum
 * per window. Every refusal is an outcome event SKIPPED with its reason; nothing is lost. One service for the
 * class; the methods run in order because they share its restart budget (3 per hour).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuardrailsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String OPERATOR = "Basic " + Base64.getEncoder().encodeToString(
            "it-operator:it-operator-password".getBytes(StandardCharsets.UTF_8));
    private static final String USERS = "it-operator:operator:PBKDF2WithHmacSHA256:10000:cZvUyF5yYCGd9UYjdztJ8w==:"
            + "q7proQPHqu2ymt7rWxnq337hMLVtzHrao5N/kYd7lmA=";

    static ServiceProcess running;
    static Requests requests;

    @BeforeAll
    static void start() throws Exception {
        ServiceProcess.freshDataDirectory();
        running = ServiceProcess.start("guardrails", "-Dmayhem.restart.min-interval-per-target=1h",
                "-Dmayhem.restart.max-per-window=3", "-Dmayhem.restart.window=1h",
                "-Dmayhem.simulation.restart-failure-rate=0", "-Dmayhem.simulation.save-failure-rate=0",
                "-Dmayhem.targets.exclude=pet-.*",
                "-Dmayhem.api.users=" + USERS);
        running.awaitReady(SignalsIT.READY);
        requests = new Requests("guardrails-it");
    }

    @AfterAll
    static void stop() throws Exception {
        if (requests != null) {
            requests.close();
        }
        if (running != null) {
            running.signal("TERM");
            if (running.awaitExit(SignalsIT.SHUTDOWN_BOUND) == null) {
                running.destroyForcibly();
            }
        }
    }

    @Test
    @Order(0)
    void anExcludedTargetIsSkippedAndTakesNoPlace() throws Exception {
        JsonObject skipped = outcomeOf(requests.publish("pet-1"));

        assertThat(skipped.getString("outcome")).isEqualTo("SKIPPED");
        assertThat(skipped.getString("reason")).contains("mayhem.targets.exclude");
    }

    @Test
    @Order(1)
    void thePausedKillSwitchSkipsEveryRestartUntilResumedAndTakesNoPlace() throws Exception {
        assertThat(post("api/chaos/pause", null).statusCode()).as("no credentials").isEqualTo(401);
        HttpResponse<String> paused = post("api/chaos/pause", OPERATOR);
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(json(paused.body()).getBoolean("paused")).isTrue();
        assertThat(json(paused.body()).getString("changed_by")).isEqualTo("it-operator");
        assertThat(json(get("api/chaos")).getBoolean("paused")).isTrue();
        assertThat(json(get("api/stats")).getInt("paused")).isEqualTo(1);

        JsonObject skipped = outcomeOf(requests.publish("cattle-paused"));

        assertThat(skipped.getString("outcome")).isEqualTo("SKIPPED");
        assertThat(skipped.getString("reason")).startsWith("kill switch: restarts paused cluster-wide by it-operator at ");
        assertThat(skipped.getBoolean("restarted")).isFalse();
        assertThat(skipped.getBoolean("saved")).isTrue();

        assertThat(json(post("api/chaos/resume", OPERATOR).body()).getBoolean("paused")).isFalse();
        assertThat(json(get("api/stats")).getInt("paused")).isZero();
        JsonObject done = outcomeOf(requests.publish("cattle-resumed"));
        assertThat(done.getString("outcome")).isEqualTo("DONE");
        assertThat(done.getBoolean("restarted")).isTrue();
    }

    @Test
    @Order(2)
    void ofTwoRequestsForOneTargetRacingExactlyOneRestartsAndTheOtherIsSkipped() throws Exception {
        List<String> ids = List.of(requests.publish("cattle-race"), requests.publish("cattle-race"));

        Map<String, JsonObject> outcomes = ids.stream().collect(Collectors.toMap(Function.identity(), this::outcomeOf));

        assertThat(outcomes.values()).extracting(o -> o.getString("outcome")).containsExactlyInAnyOrder("DONE", "SKIPPED");
        JsonObject skipped = outcomes.values().stream().filter(o -> o.getString("outcome").equals("SKIPPED"))
                .findFirst().orElseThrow();
        assertThat(skipped.getString("reason")).startsWith("minimum interval: cattle-race was last restarted at ")
                .endsWith(", less than 1h ago (mayhem.restart.min-interval-per-target)");
    }

    @Test
    @Order(3)
    void pastTheMaximumPerWindowEveryTargetIsSkipped() throws Exception {
        // two places were taken (cattle-resumed, cattle-race): of three new targets at once, one restarts
        List<String> ids = List.of(requests.publish("cattle-w1"), requests.publish("cattle-w2"),
                requests.publish("cattle-w3"));

        List<JsonObject> outcomes = ids.stream().map(this::outcomeOf).toList();

        assertThat(outcomes).extracting(o -> o.getString("outcome")).containsExactlyInAnyOrder("DONE", "SKIPPED", "SKIPPED");
        assertThat(outcomes).filteredOn(o -> o.getString("outcome").equals("SKIPPED")).extracting(o -> o.getString("reason"))
                .containsOnly("maximum per window: 3 restarts in the last 1h cluster-wide already (mayhem.restart.max-per-window=3)");
        JsonObject stats = json(get("api/stats"));
        assertThat(stats.getInt("skipped")).isEqualTo(5);
        assertThat(stats.getInt("restarted")).isEqualTo(3);
        assertThat(requests.lost()).isEmpty();
        assertThat(requests.withConflictingOutcomes()).isEmpty();
    }

    private JsonObject outcomeOf(String messageId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.outcomes.containsKey(messageId));
        return requests.outcomes.get(messageId).get(0);
    }

    private static HttpResponse<String> post(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + System.getProperty("mayhem.st.http.port") + "/" + path);
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
