package io.mayhem.system;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.activemq.ActiveMQConnectionFactory;

/**
 * An outside JMS client that survives the service's restarts (failover transport, durable subscription to
 * mayhem.acks): publishes requests and collects every outcome event, per message id.
 */
final class Requests implements AutoCloseable {

    private final Connection connection;
    private final Session session;
    private final MessageProducer producer;
    final List<String> published = new CopyOnWriteArrayList<>();
    final Map<String, List<JsonObject>> outcomes = new ConcurrentHashMap<>();
    /** When the client lost and regained the broker, and when the last events came: evidence for a failure. */
    final List<String> timeline = new CopyOnWriteArrayList<>();

    Requests(String clientId) throws JMSException {
        this(clientId, System.getProperty("mayhem.st.broker.url"));
    }

    Requests(String clientId, String brokerUrl) throws JMSException {
        connection = new ActiveMQConnectionFactory("failover:(" + brokerUrl
                + ")?initialReconnectDelay=200&maxReconnectDelay=1000").createConnection();
        connection.setClientID(clientId);
        ((org.apache.activemq.ActiveMQConnection) connection).addTransportListener(
                new org.apache.activemq.transport.DefaultTransportListener() {
                    @Override
                    public void transportInterupted() {
                        timeline.add(java.time.Instant.now() + " broker connection interrupted");
                    }

                    @Override
                    public void transportResumed() {
                        timeline.add(java.time.Instant.now() + " broker connection resumed");
                    }
                });
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        session.createDurableSubscriber(session.createTopic("mayhem.acks"), clientId).setMessageListener(message -> {
            try {
                JsonObject event = Json.createReader(new StringReader(((TextMessage) message).getText())).readObject();
                outcomes.computeIfAbsent(event.getString("message_id"), id -> new CopyOnWriteArrayList<>()).add(event);
                timeline.add(java.time.Instant.now() + " event " + event.getString("message_id") + " "
                        + message.getJMSMessageID());
                if (timeline.size() > 2_000) {
                    timeline.remove(0);
                }
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        producer = session.createProducer(session.createTopic("mayhem.restarts"));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        connection.start();
    }

    /** Publishes one new request (blocks while the broker is away); synchronized: one session, many callers. */
    synchronized String publish() throws JMSException {
        String id = UUID.randomUUID().toString();
        return publish(id, "cattle-" + id.substring(0, 4));
    }

    /** Publishes one new request for this instance name; returns its message id. */
    synchronized String publish(String instanceName) throws JMSException {
        return publish(UUID.randomUUID().toString(), instanceName);
    }

    private String publish(String id, String instanceName) throws JMSException {
        producer.send(session.createTextMessage(Json.createObjectBuilder().add("message_id", id)
                .add("instance_name", instanceName).build().toString()));
        published.add(id);
        return id;
    }

    /** Published ids without an outcome event yet. */
    Set<String> withoutOutcome() {
        return published.stream().filter(id -> !outcomes.containsKey(id)).collect(Collectors.toSet());
    }

    /**
     * Published ids that the embedded ActiveMQ broker itself diverted to its own dead-letter queue
     * (ActiveMQ.DLQ), with the broker's reason: a publisher's failover transport that resends an in-flight send
     * across the broker's restart can make the durable subscription's cursor see the request twice, and the broker
     * then sends one copy to ActiveMQ.DLQ ("duplicate from store"), which the service reads and takes through
     * intake. For the diagnosis of a request without an outcome only. Empty on a broker that has no such queue.
     */
    Map<String, String> inBrokerDeadLetterQueue() throws JMSException {
        Map<String, String> diverted = new java.util.HashMap<>();
        Session browsing = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        try (jakarta.jms.QueueBrowser browser = browsing.createBrowser(browsing.createQueue("ActiveMQ.DLQ"))) {
            var messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                if (messages.nextElement() instanceof TextMessage text && text.getText() != null) {
                    try {
                        String id = Json.createReader(new StringReader(text.getText())).readObject().getString("message_id");
                        if (published.contains(id)) {
                            diverted.put(id, String.valueOf(text.getStringProperty("dlqDeliveryFailureCause")));
                        }
                    } catch (RuntimeException notARequest) {
                        // something else in the broker's queue: not ours to count
                    }
                }
            }
        } finally {
            browsing.close();
        }
        return diverted;
    }

    /**
     * Published ids with no outcome event. A request the broker diverted to its own dead-letter queue counts too:
     * the service reads that queue (docs/operations.md "Requests the broker dead-lettered"), so it must end anyway.
     */
    Set<String> lost() {
        return withoutOutcome();
    }

    /** Ids whose events disagree on the outcome. */
    Set<String> withConflictingOutcomes() {
        return outcomes.entrySet().stream()
                .filter(e -> e.getValue().stream().map(o -> o.getString("outcome")).distinct().count() > 1)
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    /** Every published request is stored acked with the outcome its (first) event carried. */
    void assertStoredAs(Map<String, String> storedOutcomes) {
        for (String id : published) {
            if (outcomes.containsKey(id)) {
                org.assertj.core.api.Assertions.assertThat(storedOutcomes.get(id)).as("stored outcome of " + id)
                        .isEqualTo(outcomes.get(id).get(0).getString("outcome"));
            } else {
                org.assertj.core.api.Assertions.assertThat(storedOutcomes.get(id))
                        .as("a request the broker diverted never reached the service: " + id).isNull();
            }
        }
    }

    /** Appends a line of measured numbers to target/system/results.txt and prints it. */
    static void record(String line) throws java.io.IOException {
        System.out.print(line);
        java.nio.file.Path results = java.nio.file.Path.of("target", "system", "results.txt");
        java.nio.file.Files.createDirectories(results.getParent());
        java.nio.file.Files.writeString(results, line, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    long duplicateEvents() {
        return outcomes.values().stream().mapToLong(events -> events.size() - 1L).sum();
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
