package io.mayhem.messaging;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.util.List;

/**
 * Sends persistent text messages inside the caller's JTA transaction (or a new one), so a message is
 * delivered exactly when the transaction commits. The classic JMS API: activemq-rar's connection
 * factory does not support {@code createContext()}.
 */
@Stateless
public class TopicSender {

    @Resource(lookup = JmsResources.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    public void send(Topic topic, String text) {
        sendAll(topic, List.of(text));
    }

    /** Sends every text, in order, in one transaction: all are delivered, or none. */
    public void sendAll(Topic topic, List<String> texts) {
        try (Connection connection = connectionFactory.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
             MessageProducer producer = session.createProducer(topic)) {
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (String text : texts) {
                producer.send(session.createTextMessage(text));
            }
        } catch (JMSException e) {
            throw new JMSRuntimeException("Could not send to " + topic + ": " + e.getMessage(), e.getErrorCode(), e);
        }
    }
}
