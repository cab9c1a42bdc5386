package io.mayhem.handling;

import io.mayhem.messaging.JmsResources;
import io.mayhem.messaging.TopicSender;
import io.mayhem.store.RequestStore;
import jakarta.annotation.Resource;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.Topic;
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
        sender.send(acks, OutcomeEvent.of(msg, outcome, error, ackedAt).toJson());
    }

    @Override
    public void repeat(String messageId) {
        store.storedOutcome(messageId).ifPresent(event -> sender.send(acks, event.toJson()));
    }
}
