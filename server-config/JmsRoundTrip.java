import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server checks' JMS client (server-config/check.sh), run as a single source file with the server's own client
 * jars on the class path: subscribes to mayhem.acks, publishes N persistent requests to mayhem.restarts, waits
 * (bounded) until each has its outcome event, prints the counts and exits 0 only when every request was acked.
 *
 * <pre>java -cp CLIENT_JARS JmsRoundTrip.java openmq|artemis URL USER PASSWORD COUNT TIMEOUT_SECONDS</pre>
 */
public class JmsRoundTrip {

    private static final Pattern MESSAGE_ID = Pattern.compile("\"message_id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern OUTCOME = Pattern.compile("\"outcome\"\\s*:\\s*\"([A-Z]+)\"");

    public static void main(String[] args) throws Exception {
        ConnectionFactory factory = factory(args[0], args[1]);
        int count = Integer.parseInt(args[4]);
        long deadline = System.nanoTime() + Long.parseLong(args[5]) * 1_000_000_000L;
        Map<String, String> outcomes = new ConcurrentHashMap<>();
        Set<String> sent = ConcurrentHashMap.newKeySet();
        try (Connection connection = factory.createConnection(args[2], args[3])) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer acks = session.createConsumer(session.createTopic("mayhem.acks"));
            connection.start();
            MessageProducer producer = session.createProducer(session.createTopic("mayhem.restarts"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                String id = UUID.randomUUID().toString();
                sent.add(id);
                producer.send(session.createTextMessage(
                        "{\"message_id\": \"" + id + "\", \"instance_name\": \"cattle-1\"}"));
            }
            while (outcomes.size() < count && System.nanoTime() < deadline) {
                TextMessage event = (TextMessage) acks.receive(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                if (event != null) {
                    record(event, sent, outcomes);
                }
            }
            report(count, outcomes, (System.nanoTime() - start) / 1_000_000);
        }
        System.exit(outcomes.size() == count ? 0 : 1);
    }

    private static void record(TextMessage event, Set<String> sent, Map<String, String> outcomes) throws JMSException {
        String text = event.getText();
        Matcher id = MESSAGE_ID.matcher(text);
        Matcher outcome = OUTCOME.matcher(text);
        if (id.find() && outcome.find() && sent.contains(id.group(1))) {
            outcomes.putIfAbsent(id.group(1), outcome.group(1));
        }
    }

    private static void report(int count, Map<String, String> outcomes, long millis) {
        Map<String, Integer> byOutcome = new LinkedHashMap<>();
        outcomes.values().forEach(outcome -> byOutcome.merge(outcome, 1, Integer::sum));
        System.out.printf("published=%d acked=%d %s in %d ms%n", count, outcomes.size(), byOutcome, millis);
    }

    /** The provider's connection factory, by reflection so that one source file serves both client jars. */
    private static ConnectionFactory factory(String provider, String url) throws Exception {
        switch (provider) {
            case "openmq" -> {
                Object factory = Class.forName("com.sun.messaging.ConnectionFactory").getConstructor().newInstance();
                factory.getClass().getMethod("setProperty", String.class, String.class)
                        .invoke(factory, "imqAddressList", url);
                return (ConnectionFactory) factory;
            }
            case "artemis" -> {
                return (ConnectionFactory) Class.forName("org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory")
                        .getConstructor(String.class).newInstance(url);
            }
            default -> throw new IllegalArgumentException("provider must be openmq or artemis: " + provider);
        }
    }
}
