package io.mayhem.intake;

import io.mayhem.messaging.JmsResources;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;

/**
 * Takes what the broker itself moved to its dead-letter queue, one message per transaction: a request that
 * expired there (the sender's time to live) becomes the dead letter "expired before handling"; anything else
 * the broker diverted (ActiveMQ's "duplicate from store" after a failover publisher's resend) goes through
 * intake like any delivery, where a duplicate is recognised by its message_id. Without this the broker keeps
 * them and nobody is told (docs/operations.md "Requests the broker dead-lettered").
 */
@Stateless
public class BrokerDeadLetterQueueReader {

    /** ActiveMQ 5/6: why the broker dead-lettered it; an expiry reads "java.lang.Throwable: Message Expired. ...". */
    static final String FAILURE_CAUSE = "dlqDeliveryFailureCause";
    /** ActiveMQ 5/6: the message's JMSExpiration (ms since the epoch) before the broker cleared it. */
    static final String ORIGINAL_EXPIRATION = "originalExpiration";
    private static final java.util.regex.Pattern EXPIRATION_IN_CAUSE = java.util.regex.Pattern.compile("Expiration:(\\d{1,18})");
    /** How long one take waits for a message (ms): a new consumer's prefetch may not have arrived at once. */
    static final long RECEIVE_WAIT_MS = 500;

    @Resource(lookup = JmsResources.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /**
     * Takes one message from the queue, if one arrives within {@link #RECEIVE_WAIT_MS}, and hands it to intake in
     * this transaction; if intake refuses it, the transaction rolls back and the broker keeps it.
     *
     * @param queue the broker's dead-letter queue, e.g. ActiveMQ.DLQ
     * @return whether a message was taken
     * @throws JMSRuntimeException when the queue cannot be read (the broker is down)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public boolean takeOne(String queue, Intake intake) throws InterruptedException {
        try (Connection connection = start(connectionFactory.createConnection());
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
             MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            Message message = consumer.receive(RECEIVE_WAIT_MS);
            if (message == null) {
                return false;
            }
            Delivery delivery = RestartListener.delivery(message);
            if (expired(message)) {
                intake.receiveExpired(delivery, originalExpiration(message), new JtaTransaction(transactions));
            } else {
                intake.receive(delivery, new JtaTransaction(transactions));
            }
            return true;
        } catch (JMSException e) {
            throw new JMSRuntimeException("Could not read the broker's dead-letter queue " + queue + ": "
                    + e.getMessage(), e.getErrorCode(), e);
        }
    }

    /** Whether the broker dead-lettered the message because it expired (false when that cannot be read). */
    static boolean expired(Message message) {
        try {
            String cause = message.getStringProperty(FAILURE_CAUSE);
            return cause != null && cause.contains("Message Expired");
        } catch (JMSException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The message's expiration before the broker cleared it, or null when the broker did not record it: the
     * {@value #ORIGINAL_EXPIRATION} property, else the ms after "Expiration:" in the failure cause (what ActiveMQ
     * 6.1 records when the message expired on arrival).
     */
    static Instant originalExpiration(Message message) {
        try {
            if (message.propertyExists(ORIGINAL_EXPIRATION) && message.getLongProperty(ORIGINAL_EXPIRATION) > 0) {
                return Instant.ofEpochMilli(message.getLongProperty(ORIGINAL_EXPIRATION));
            }
            java.util.regex.Matcher stated = EXPIRATION_IN_CAUSE.matcher(String.valueOf(message.getStringProperty(FAILURE_CAUSE)));
            return stated.find() && Long.parseLong(stated.group(1)) > 0 ? Instant.ofEpochMilli(Long.parseLong(stated.group(1))) : null;
        } catch (JMSException | RuntimeException e) {
            return null;
        }
    }

    /** Started before any consumer exists: a message dispatched to a stopped connection waits for the next take. */
    private static Connection start(Connection connection) throws JMSException {
        try {
            connection.start();
            return connection;
        } catch (JMSException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }
}
