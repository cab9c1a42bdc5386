package io.mayhem.handling;

import io.mayhem.messaging.JmsResources;
import io.mayhem.messaging.TopicSender;
import io.mayhem.store.RequestStore;
import jakarta.annotation.Resource;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.Topic;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;

/** Stores the outcome and sends the outcome event in one transaction: the event exists only if the state does. */
@Stateless
@LocalBean
public class TransactionalAcknowledger implements Acknowledger {

    @Inject
    RequestStore store;

    @Inject
    TopicSender sender;

    @Resource(lookup = JmsResources.ACKS)
    Topic acks;

    @Override
    public void ack(PubSubMessage msg, Outcome outcome, String error) {
        Instant ackedAt = store.markAcked(msg, outcome, error);
        sender.send(acks, event(msg, outcome, error, ackedAt));
    }

    static String event(PubSubMessage msg, Outcome outcome, String error, Instant ackedAt) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("message_id", msg.messageId())
                .add("instance_name", msg.instanceName())
                .add("hostname", msg.hostname())
                .add("outcome", outcome.name())
                .add("saved", msg.saved())
                .add("restarted", msg.restarted())
                .add("restart_attempts", msg.restartAttempts())
                .add("extended_count", msg.extendedCount());
        if (error != null) {
            json.add("error", error);
        }
        return json.add("acked_at", ackedAt.toString()).build().toString();
    }
}
