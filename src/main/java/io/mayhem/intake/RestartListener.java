package io.mayhem.intake;

import io.mayhem.messaging.JmsResources;
import io.mayhem.tasks.PeriodicWork;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Receives restart requests on the durable subscription and delegates to intake, inside the JTA transaction.
 * No resource adapter is named: each server's default JMS provider (Payara Micro: see JmsResources).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = JmsResources.RESTARTS_TOPIC),
        @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
        @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = JmsResources.SUBSCRIPTION),
        @ActivationConfigProperty(propertyName = "clientId", propertyValue = JmsResources.SUBSCRIPTION),
        // Many sessions, one message per container transaction: each delivery waits for its group commit,
        // so more sessions put more requests into each database transaction. No activemq-rar batch delivery:
        // a rolled-back batch left some of its messages undelivered, and at shutdown lost them (docs/hot-path.md).
        @ActivationConfigProperty(propertyName = "maxSessions", propertyValue = "16"),
        // A refused message (intake closed or saturated, database down) is redelivered for as long as it
        // takes, never moved to the broker's own DLQ; poison never gets here twice. The first redelivery
        // waits 30 s and holds its session meanwhile: at shutdown that outlasts the container's stop, so
        // no message reaches the stopped MDB container (activemq-rar acks those without a transaction).
        @ActivationConfigProperty(propertyName = "maximumRedeliveries", propertyValue = "-1"),
        @ActivationConfigProperty(propertyName = "initialRedeliveryDelay", propertyValue = "30000"),
        @ActivationConfigProperty(propertyName = "useExponentialBackOff", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "maximumRedeliveryDelay", propertyValue = "60000")})
public class RestartListener implements MessageListener {

    @Inject
    Intake intake;
    @Inject
    PeriodicWork periodic;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** The first delivery of each listener instance starts the periodic work if no timer tick did yet. */
    private boolean started;

    @Override
    public void onMessage(Message message) {
        try {
            if (!started) {
                periodic.ensureStarted();
                started = true;
            }
            intake.receive(delivery(message), new JtaTransaction(transactions));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntakeRefused("Interrupted while waiting for room; message stays in the broker");
        }
    }

    /**
     * What the message carries: a text message's text, a bytes message's bytes read as UTF-8 text
     * ({@link BytesBody}: what STOMP and AMQP clients send), any other kind only described. A message that cannot
     * be read (its text not in the client's encoding, a header the client cannot decode) is returned as
     * {@linkplain Delivery#unreadable unreadable}, never thrown: a throw rolls the delivery back, and the broker
     * would redeliver the same unreadable message for ever.
     */
    static Delivery delivery(Message message) {
        String id = null;
        try {
            id = message.getJMSMessageID();
            if (message instanceof TextMessage text) {
                return Delivery.text(id, text.getText());
            }
            if (message instanceof BytesMessage bytes) {
                return BytesBody.delivery(id, bytes);
            }
        } catch (JMSException | RuntimeException e) {
            return Delivery.unreadable(id, message instanceof TextMessage ? "TextMessage"
                    : message instanceof BytesMessage ? "BytesMessage" : "Message", e);
        }
        String kind = message instanceof MapMessage ? "MapMessage"
                : message instanceof StreamMessage ? "StreamMessage"
                : message instanceof ObjectMessage ? "ObjectMessage (never deserialized)"
                : "Message without a body";
        return Delivery.notText(id, kind);
    }
}
