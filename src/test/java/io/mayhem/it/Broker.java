package io.mayhem.it;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.activemq.ActiveMQConnectionFactory;

/** An outside JMS client of the service's embedded broker, as any publisher or subscriber would use it. */
final class Broker implements AutoCloseable {

    private final Connection connection;
    private final Session session;

    Broker() throws JMSException {
        connection = new ActiveMQConnectionFactory(System.getProperty("mayhem.it.broker.url")).createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    /** Collects every JSON text message published to the topic from now on. */
    List<JsonObject> subscribe(String topic) throws JMSException {
        List<JsonObject> received = new CopyOnWriteArrayList<>();
        MessageConsumer consumer = session.createConsumer(session.createTopic(topic));
        consumer.setMessageListener(message -> {
            try {
                String text = ((TextMessage) message).getText();
                received.add(Json.createReader(new StringReader(text)).readObject());
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        return received;
    }

    void publish(String topic, String text) throws JMSException {
        session.createProducer(session.createTopic(topic)).send(session.createTextMessage(text));
    }

    /** Publishes a persistent text message that expires {@code timeToLiveMs} after it is sent; returns its JMS id. */
    String publishExpiring(String topic, String text, long timeToLiveMs) throws JMSException {
        var message = session.createTextMessage(text);
        session.createProducer(session.createTopic(topic)).send(message, jakarta.jms.DeliveryMode.PERSISTENT,
                jakarta.jms.Message.DEFAULT_PRIORITY, timeToLiveMs);
        return message.getJMSMessageID();
    }

    /** Sends a persistent text message to a queue, as the broker itself does when it dead-letters one. */
    void sendToQueue(String queue, String text) throws JMSException {
        session.createProducer(session.createQueue(queue)).send(session.createTextMessage(text));
    }

    /** Sends a message made with this client's session; returns its JMS message id. */
    String send(String topic, jakarta.jms.Message message) throws JMSException {
        session.createProducer(session.createTopic(topic)).send(message);
        return message.getJMSMessageID();
    }

    Session session() {
        return session;
    }

    void publishBytes(String topic, byte[] bytes) throws JMSException {
        var message = session.createBytesMessage();
        message.writeBytes(bytes);
        session.createProducer(session.createTopic(topic)).send(message);
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
