package io.mayhem.system;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.activemq.ActiveMQConnectionFactory;

/**
 * The benchmark's outside JMS client: publishes persistent requests as fast as it can (asynchronous sends,
 * as a high-rate producer would) and notes when each outcome event arrives.
 */
final class BenchClient implements AutoCloseable {

    private final Connection connection;
    private final Session session;
    private final MessageProducer producer;
    private final Session listening;
    private final Map<String, Long> outcomeAt = new ConcurrentHashMap<>();
    private final AtomicLong lastOutcomeAt = new AtomicLong();

    BenchClient() throws JMSException {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(System.getProperty("mayhem.st.broker.url"));
        factory.setUseAsyncSend(true);
        connection = factory.createConnection();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        listening = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        listening.createConsumer(listening.createTopic("mayhem.acks")).setMessageListener(message -> {
            try {
                String text = ((TextMessage) message).getText();
                int at = text.indexOf("\"message_id\":\"") + 14;
                long now = System.nanoTime();
                if (outcomeAt.putIfAbsent(text.substring(at, text.indexOf('"', at)), now) == null) {
                    lastOutcomeAt.set(now);
                }
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        producer = session.createProducer(session.createTopic("mayhem.restarts"));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        connection.start();
    }

    /** Publishes {@code count} new requests; returns System.nanoTime() taken just before the first send. */
    long publish(int count) throws JMSException {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            producer.send(session.createTextMessage("{\"message_id\": \"" + id + "\", \"instance_name\": \"cattle-"
                    + id.substring(0, 4) + "\"}"));
        }
        return start;
    }

    int outcomes() {
        return outcomeAt.size();
    }

    long lastOutcomeAt() {
        return lastOutcomeAt.get();
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
