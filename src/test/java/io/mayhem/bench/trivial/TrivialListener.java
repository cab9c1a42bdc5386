package io.mayhem.bench.trivial;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * The benchmark's measure of the broker's own limit: the service's subscription and activation settings on
 * the same resource adapter and embedded broker, and a listener that does nothing, so its container-managed
 * transaction only acknowledges the message. Deployed alone in a WAR the benchmark builds.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "activemq-rar"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = "mayhem.restarts"),
        @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
        @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = "mayhem"),
        @ActivationConfigProperty(propertyName = "clientId", propertyValue = "mayhem"),
        @ActivationConfigProperty(propertyName = "maxSessions", propertyValue = "16")})
public class TrivialListener implements MessageListener {

    @Override
    public void onMessage(Message message) {
        ReceivedCount.RECEIVED.incrementAndGet();
    }
}
