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
        @ActivationConfigProperty(propertyName = "maxSessions", propertyValue = "4"),
        // activemq-rar's batch delivery: up to 50 messages in one container transaction (the durable
        // subscription's prefetch, 1000 on the adapter's ServerUrl, lets batches fill); docs/hot-path.md
        @ActivationConfigProperty(propertyName = "enableBatch", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "maxMessagesPerBatch", propertyValue = "50")})
public class TrivialListener implements MessageListener {

    @Override
    public void onMessage(Message message) {
        ReceivedCount.RECEIVED.incrementAndGet();
    }
}
