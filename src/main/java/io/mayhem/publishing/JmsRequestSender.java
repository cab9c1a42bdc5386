package io.mayhem.publishing;

import io.mayhem.handling.PubSubMessage;
import io.mayhem.messaging.JmsResources;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;
import jakarta.json.Json;

/** Sends a request as JSON to mayhem.restarts, persistent, outside any transaction. */
@ApplicationScoped
public class JmsRequestSender implements RequestSender {

    @Resource(lookup = JmsResources.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Resource(lookup = JmsResources.RESTARTS)
    Topic restarts;

    @Override
    public void send(PubSubMessage request) {
        String json = Json.createObjectBuilder()
                .add("message_id", request.messageId())
                .add("instance_name", request.instanceName())
                .build().toString();
        try (JMSContext jms = connectionFactory.createContext()) {
            jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(restarts, json);
        }
    }
}
