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
import java.time.Duration;
import io.mayhem.intake.PoisonCorpus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The built WAR on Payara Micro with its embedded broker (one boot for all of these tests), driven from
 * outside like any client: JMS over TCP and HTTP.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ServiceIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return BuiltWar.asRoot().addClasses(StoredRequests.class, PlatformMBeans.class);
    }

    @Test
    void fiftyRequestsGetExactlyOneOutcomeEventEachAndAMatchingStoredState() throws Exception {
        List<String> ids = IntStream.range(0, 50).mapToObj(i -> UUID.randomUUID().toString()).toList();
        try (Broker broker = new Broker()) {
            List<JsonObject> outcomes = broker.subscribe("mayhem.acks");
            for (int i = 0; i < ids.size(); i++) {
                broker.publish("mayhem.restarts", Json.createObjectBuilder().add("message_id", ids.get(i))
                        .add("instance_name", "cattle-it" + i).build().toString());
            }

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(idsIn(outcomes)).containsAll(ids));
            Map<String, JsonObject> byId = outcomes.stream().filter(o -> ids.contains(o.getString("message_id")))
                    .collect(Collectors.toMap(o -> o.getString("message_id"), Function.identity()));
            assertThat(byId).hasSize(50);
            assertThat(outcomes.stream().filter(o -> ids.contains(o.getString("message_id")))).hasSize(50);
            for (String id : ids) {
                JsonObject event = byId.get(id);
                JsonObject stored = json(get("api/test/requests/" + id).body());
                assertThat(event.getString("outcome")).isIn("DONE", "FAILED");
                assertThat(stored.getBoolean("acked")).isTrue();
                assertThat(stored.getString("outcome")).isEqualTo(event.getString("outcome"));
                assertThat(stored.getBoolean("saved")).isEqualTo(event.getBoolean("saved"));
                assertThat(stored.getBoolean("restarted")).isEqualTo(event.getBoolean("restarted"));
                assertThat(stored.getInt("restart_attempts")).isEqualTo(event.getInt("restart_attempts"));
                assertThat(event.getString("outcome").equals("DONE"))
                        .isEqualTo(event.getBoolean("saved") && event.getBoolean("restarted"));
                assertThat(event.containsKey("error")).isEqualTo(event.getString("outcome").equals("FAILED"));
                assertThat(event.getString("hostname")).isEqualTo(event.getString("instance_name") + ".example.net");
                assertThat(event.getInt("extended_count")).isPositive();
            }
        }
    }

    @Test
    void aDuplicateOfAnAckedRequestGetsTheSameOutcomeAgainWithoutRunningAgain() throws Exception {
        String id = UUID.randomUUID().toString();
        String request = Json.createObjectBuilder().add("message_id", id).add("instance_name", "cattle-dup").build()
                .toString();
        try (Broker broker = new Broker()) {
            List<JsonObject> outcomes = broker.subscribe("mayhem.acks");
            broker.publish("mayhem.restarts", request);
            await().atMost(Duration.ofSeconds(30)).until(() -> eventsFor(outcomes, id).size() == 1);
            broker.publish("mayhem.restarts", request);

            await().atMost(Duration.ofSeconds(30)).until(() -> eventsFor(outcomes, id).size() == 2);
            assertThat(eventsFor(outcomes, id).get(1)).isEqualTo(eventsFor(outcomes, id).get(0));
        }
    }

    @Test
    void anAbandonedRequestIsReclaimedByTheSweeperAndHandled() throws Exception {
        String id = UUID.randomUUID().toString();
        try (Broker broker = new Broker()) {
            List<JsonObject> outcomes = broker.subscribe("mayhem.acks");
            HttpResponse<String> abandoned = HTTP.send(HttpRequest.newBuilder(
                    uri("api/test/requests/" + id + "/abandoned?instance=cattle-lost"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(abandoned.statusCode()).isEqualTo(204);

            await().atMost(Duration.ofSeconds(30)).until(() -> eventsFor(outcomes, id).size() == 1);
            assertThat(eventsFor(outcomes, id).get(0).getString("instance_name")).isEqualTo("cattle-lost");
            assertThat(json(get("api/test/requests/" + id).body()).getBoolean("acked")).isTrue();
        }
    }

    private static List<JsonObject> eventsFor(List<JsonObject> events, String id) {
        return events.stream().filter(e -> e.getString("message_id").equals(id)).toList();
    }

    @Test
    void everyBadInputOfTheCorpusIsDeadLetteredOnceWithItsReasonAndTheValidRequestsAroundItAreHandled()
            throws Exception {
        List<PoisonCorpus.Case> corpus = PoisonCorpus.cases();
        long deadLetteredBefore = json(get("api/stats").body()).getJsonNumber("dead_lettered").longValue();
        List<String> valid = new ArrayList<>();
        Map<String, PoisonCorpus.Case> sent = new HashMap<>();
        try (Broker broker = new Broker()) {
            List<JsonObject> deadLetters = broker.subscribe("mayhem.deadletter");
            List<JsonObject> outcomes = broker.subscribe("mayhem.acks");
            valid.add(publishValid(broker, 0));
            for (PoisonCorpus.Case poison : corpus) {
                sent.put(broker.send("mayhem.restarts", message(broker.session(), poison)), poison);
                valid.add(publishValid(broker, valid.size()));
            }

            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertThat(idsIn(outcomes)).containsAll(valid);
                assertThat(deadLetters.stream().filter(d -> sent.containsKey(d.getString("jms_message_id"))))
                        .hasSize(corpus.size());
            });
            // consumed, not redelivered in a loop: no second dead letter for any of them shows up
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> deadLetters.stream()
                    .filter(d -> sent.containsKey(d.getString("jms_message_id"))).count() == corpus.size());

            List<String> reasons = new ArrayList<>();
            for (JsonObject letter : deadLetters) {
                PoisonCorpus.Case poison = sent.get(letter.getString("jms_message_id"));
                if (poison != null) {
                    assertThat(letter.getString("reason")).as(poison.name()).startsWith(poison.reason());
                    assertThat(letter.keySet()).containsExactlyInAnyOrder("reason", "payload", "jms_message_id",
                            "received_at");
                    assertThat(letter.getString("payload").length()).as(poison.name()).isLessThanOrEqualTo(1024);
                    reasons.add(poison.name() + " -> " + letter.getString("reason"));
                }
            }
            java.nio.file.Files.write(java.nio.file.Path.of("target", "poison-reasons.txt"), reasons);
        }
        long deadLettered = json(get("api/stats").body()).getJsonNumber("dead_lettered").longValue();
        assertThat(deadLettered - deadLetteredBefore).isEqualTo(corpus.size());
    }

    @Test
    void aRequestInABytesMessageIsHandledLikeTheSameTextWithoutAContentTypeOrWithJsonOrText() throws Exception {
        // what STOMP clients send when the frame has a content-length, and AMQP clients for a binary body
        Map<String, String> contentTypes = new java.util.LinkedHashMap<>();
        try (Broker broker = new Broker()) {
            List<JsonObject> outcomes = broker.subscribe("mayhem.acks");
            for (String contentType : java.util.Arrays.asList(null, "application/json; charset=utf-8", "text/plain")) {
                String id = UUID.randomUUID().toString();
                var bytes = broker.session().createBytesMessage();
                bytes.writeBytes(Json.createObjectBuilder().add("message_id", id).add("instance_name", "cattle-bytes")
                        .build().toString().getBytes(StandardCharsets.UTF_8));
                if (contentType != null) {
                    bytes.setStringProperty("content-type", contentType);
                }
                broker.send("mayhem.restarts", bytes);
                contentTypes.put(id, String.valueOf(contentType));
            }

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(idsIn(outcomes))
                    .as("outcome events for the bytes requests by content type " + contentTypes)
                    .containsAll(contentTypes.keySet()));
            assertThat(outcomes.stream().filter(o -> contentTypes.containsKey(o.getString("message_id"))))
                    .hasSize(contentTypes.size()).allMatch(o -> o.getString("instance_name").equals("cattle-bytes"));
            for (String id : contentTypes.keySet()) {
                assertThat(json(get("api/test/requests/" + id).body()).getBoolean("acked")).isTrue();
            }
        }
    }

    @Test
    void requestsThatExpireInTheBrokerBecomeDeadLettersExpiredBeforeHandlingAndTheRestAreHandled() throws Exception {
        long deadLetteredBefore = json(get("api/stats").body()).getJsonNumber("dead_lettered").longValue();
        try (Broker broker = new Broker()) {
            List<JsonObject> deadLetters = broker.subscribe("mayhem.deadletter");
            List<JsonObject> outcomes = broker.subscribe("mayhem.acks");
            Set<String> expiring = new java.util.HashSet<>();
            List<String> valid = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                // 1 ms to live: the broker expires it on arrival or at dispatch, and moves it to ActiveMQ.DLQ
                expiring.add(broker.publishExpiring("mayhem.restarts", Json.createObjectBuilder()
                        .add("message_id", UUID.randomUUID().toString()).add("instance_name", "cattle-ttl" + i)
                        .build().toString(), 1));
                valid.add(publishValid(broker, 100 + i));
            }

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(idsIn(outcomes)).containsAll(valid);
                assertThat(deadLetters.stream().filter(d -> expiring.contains(d.getString("jms_message_id"))))
                        .hasSize(expiring.size())
                        .allSatisfy(d -> assertThat(d.getString("reason")).matches(
                                "expired before handling \\(expired at \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\\)"));
            });
        }
        long deadLettered = json(get("api/stats").body()).getJsonNumber("dead_lettered").longValue();
        assertThat(deadLettered - deadLetteredBefore).isEqualTo(5);
    }

    @Test
    void aRequestTheBrokerDivertedToItsDeadLetterQueueForAnotherReasonIsHandled() throws Exception {
        try (Broker broker = new Broker()) {
            List<JsonObject> outcomes = broker.subscribe("mayhem.acks");
            String id = UUID.randomUUID().toString();
            // what ActiveMQ does with a failover publisher's resend it takes for a duplicate from its store
            broker.sendToQueue("ActiveMQ.DLQ", Json.createObjectBuilder().add("message_id", id)
                    .add("instance_name", "cattle-diverted").build().toString());

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(idsIn(outcomes)).contains(id));
        }
    }

    private static String publishValid(Broker broker, int i) throws Exception {
        String id = UUID.randomUUID().toString();
        broker.publish("mayhem.restarts", Json.createObjectBuilder().add("message_id", id)
                .add("instance_name", "cattle-ok" + i).build().toString());
        return id;
    }

    /** The corpus case as a real JMS message of its kind; the ObjectMessage holds a class the server does not have. */
    private static jakarta.jms.Message message(jakarta.jms.Session session, PoisonCorpus.Case poison) throws Exception {
        switch (poison.kind()) {
            case "text":
                return session.createTextMessage(poison.text());
            case "standard-utf8-text":
                return PoisonCorpus.textInStandardUtf8(poison.text());
            case "bytes":
                var bytes = session.createBytesMessage();
                bytes.writeBytes(poison.bytes());
                poison.setProperties(bytes);
                return bytes;
            case "map":
                var map = session.createMapMessage();
                map.setString("message_id", UUID.randomUUID().toString());
                map.setString("instance_name", "cattle-map");
                return map;
            case "stream":
                var stream = session.createStreamMessage();
                stream.writeString("cattle-stream");
                return stream;
            case "object":
                return session.createObjectMessage(new Gadget("never deserialized"));
            case "message":
                return session.createMessage();
            default:
                throw new IllegalArgumentException("unknown kind in " + poison);
        }
    }

    /** Lives only in the test classpath: deserializing it on the server would fail. */
    record Gadget(String payload) implements java.io.Serializable {
    }

    @Test
    void healthEndpointsAnswerWithRealChecks() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> get("health/ready").statusCode() == 200);
        for (String probe : List.of("health/live", "health/ready", "health/started", "health")) {
            HttpResponse<String> response = get(probe);
            assertThat(response.statusCode()).as(probe).isEqualTo(200);
            assertThat(json(response.body()).getString("status")).as(probe).isEqualTo("UP");
        }
        Map<String, JsonObject> checks = json(get("health/ready").body()).getJsonArray("checks").stream()
                .map(jakarta.json.JsonValue::asJsonObject).collect(Collectors.toMap(c -> c.getString("name"), c -> c));
        assertThat(checks).containsOnlyKeys("mayhem-readiness", "mayhem-start-gate");
        JsonObject ready = checks.get("mayhem-readiness");
        assertThat(ready.getJsonObject("data").getString("broker")).isEqualTo("UP");
        assertThat(ready.getJsonObject("data").getString("database")).isEqualTo("UP");
        assertThat(ready.getJsonObject("data").getString("listener")).isEqualTo("UP");
    }

    @Test
    void statsAreNumbersUnderTheContractsNames() throws Exception {
        HttpResponse<String> response = get("api/stats");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject stats = json(response.body());
        assertThat(stats.keySet()).containsExactly("published", "received", "saved", "restarted", "restart_retries",
                "failed", "acked", "dead_lettered", "extended", "in_flight", "skipped", "paused", "handling_ms_p50",
                "handling_ms_p95", "handling_ms_p99");
        assertThat(stats.values()).allSatisfy(v -> assertThat(v.getValueType().name()).isEqualTo("NUMBER"));
    }

    @Test
    void theStatsMBeanAndApiStatsShowTheSameAcksAndTheHandlingLatencyOfTheLastMinute() throws Exception {
        List<String> ids = IntStream.range(0, 10).mapToObj(i -> UUID.randomUUID().toString()).toList();
        long ackedBefore = mbeanAttribute("Acked");
        try (Broker broker = new Broker()) {
            List<JsonObject> outcomes = broker.subscribe("mayhem.acks");
            for (int i = 0; i < ids.size(); i++) {
                broker.publish("mayhem.restarts", Json.createObjectBuilder().add("message_id", ids.get(i))
                        .add("instance_name", "cattle-jmx" + i).build().toString());
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(idsIn(outcomes)).containsAll(ids));
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonObject stats = json(get("api/stats").body());
            assertThat(mbeanAttribute("Acked")).isEqualTo(stats.getJsonNumber("acked").longValue())
                    .isGreaterThanOrEqualTo(ackedBefore + ids.size());
        });
        JsonObject stats = json(get("api/stats").body());
        long p50 = stats.getJsonNumber("handling_ms_p50").longValue();
        long p95 = stats.getJsonNumber("handling_ms_p95").longValue();
        long p99 = stats.getJsonNumber("handling_ms_p99").longValue();
        assertThat(p50).isPositive().isLessThanOrEqualTo(p95);
        assertThat(p95).isLessThanOrEqualTo(p99);
        assertThat(mbeanAttribute("HandlingMsP99")).isPositive();
    }

    private long mbeanAttribute(String attribute) throws Exception {
        HttpResponse<String> response = get("api/test/mbean?name=mayhem:type=Stats&attribute=" + attribute);
        assertThat(response.statusCode()).as("mayhem:type=Stats registered").isEqualTo(200);
        return Long.parseLong(response.body().trim());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://" + base.getHost() + ":" + base.getPort() + "/" + path);
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static Set<String> idsIn(List<JsonObject> events) {
        return events.stream().map(e -> e.getString("message_id")).collect(Collectors.toSet());
    }
}
