package io.mayhem.intake;

import io.mayhem.messaging.JmsResources;
import io.mayhem.messaging.TopicSender;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Topic;
import jakarta.json.Json;
import java.time.Instant;

/** Dead letters as JSON on mayhem.deadletter (DESIGN.md section 9), sent in the receiving transaction. */
@ApplicationScoped
public class JmsDeadLetters implements DeadLetters {

    @Inject
    TopicSender sender;

    @Resource(lookup = JmsResources.DEAD_LETTERS)
    Topic deadLetters;

    @Override
    public void send(String reason, Delivery delivery) {
        String letter = Json.createObjectBuilder()
                .add("reason", reason)
                .add("payload", delivery.payloadSample())
                .add("jms_message_id", String.valueOf(delivery.jmsMessageId()))
                .add("received_at", Instant.now().toString())
                .build().toString();
        sender.send(deadLetters, letter);
    }
}
