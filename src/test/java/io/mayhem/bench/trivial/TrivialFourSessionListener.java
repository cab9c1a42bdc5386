package io.mayhem.bench.trivial;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * The broker limit with the listener settings of every earlier measurement (4 sessions; the service now uses
 * 16), so the benchmark's ratio history stays comparable.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "activemq-rar"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = "mayhem.restarts"),
        @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
        @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = "mayhem"),
        @ActivationConfigProperty(propertyName = "clientId", propertyValue = "mayhem"),
        @ActivationConfigProperty(propertyName = "maxSessions", propertyValue = "4")})
public class TrivialFourSessionListener implements MessageListener {

    @Override
    public void onMessage(Message message) {
        ReceivedCount.RECEIVED.incrementAndGet();
    }
}
