package io.mayhem.bench.trivial;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * The broker limit without batch delivery (one message per container transaction), as measured before the
 * service used batch delivery, so the benchmark's ratio history stays comparable.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "activemq-rar"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = "mayhem.restarts"),
        @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
        @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = "mayhem"),
        @ActivationConfigProperty(propertyName = "clientId", propertyValue = "mayhem"),
        @ActivationConfigProperty(propertyName = "maxSessions", propertyValue = "4"),
        @ActivationConfigProperty(propertyName = "enableBatch", propertyValue = "false")})
public class TrivialUnbatchedListener implements MessageListener {

    @Override
    public void onMessage(Message message) {
        ReceivedCount.RECEIVED.incrementAndGet();
    }
}
