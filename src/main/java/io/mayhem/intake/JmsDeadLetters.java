package io.mayhem.intake;

import io.mayhem.messaging.JmsResources;
import io.mayhem.messaging.TopicSender;
import jakarta.annotation.Resource;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Topic;
import jakarta.json.spi.JsonProvider;
import java.time.Instant;

/** Dead letters as JSON on mayhem.deadletter (docs/design.md section 9), sent before the receiving transaction commits. */
@Stateless
@LocalBean
public class JmsDeadLetters implements DeadLetters {

    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    TopicSender sender;

    @Resource(lookup = JmsResources.DEAD_LETTERS)
    Topic deadLetters;

    /**
     * In a transaction of its own, committed before the receiving one: sending on the resource adapter's
     * outbound connection inside the MDB's transaction left Payara's pool in a broken state. If the
     * receiving transaction then rolls back, the redelivery sends the dead letter again (at-least-once).
     */
    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void send(String reason, Delivery delivery) {
        String letter = JSON.createObjectBuilder()
                .add("reason", reason)
                .add("payload", delivery.payloadSample())
                .add("jms_message_id", delivery.safeJmsMessageId())
                .add("received_at", Instant.now().toString())
                .build().toString();
        sender.send(deadLetters, letter);
    }
}
