package io.mayhem.handling;

import io.mayhem.messaging.JmsResources;
import io.mayhem.messaging.TopicSender;
import io.mayhem.store.RequestStore;
import jakarta.annotation.Resource;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Topic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stores the outcome, then sends the outcome event, then marks it sent: three one-phase transactions (an
 * outbox), so a crash never leaves a prepared transaction in the broker. An event the crash kept from
 * going out is sent by {@link #resendUnsent()} after the restart, from the stored state: the same outcome.
 */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxAcknowledger implements Acknowledger {

    /** An ack older than this whose event is still unsent was interrupted, not in progress. */
    static final Duration IN_PROGRESS = Duration.ofSeconds(10);
    static final int RESEND_BATCH = 500;

    @Inject
    RequestStore store;

    @Inject
    TopicSender sender;

    @Resource(lookup = JmsResources.ACKS)
    Topic acks;

    Clock clock = Clock.systemUTC();

    @Override
    public Outcome ack(PubSubMessage msg, Outcome outcome, String error) {
        OutcomeEvent stored = store.markAcked(msg, outcome, error);
        sender.send(acks, stored.toJson());
        store.markEventSent(msg.messageId());
        return stored.outcome();
    }

    @Override
    public void repeat(String messageId) {
        store.storedOutcome(messageId).ifPresent(event -> sender.send(acks, event.toJson()));
    }

    /** Sends the outcome events that acks interrupted by a crash did not send; returns how many. */
    public int resendUnsent() {
        var unsent = store.unsentOutcomes(clock.instant().minus(IN_PROGRESS), RESEND_BATCH);
        for (OutcomeEvent event : unsent) {
            sender.send(acks, event.toJson());
            store.markEventSent(event.messageId());
        }
        return unsent.size();
    }
}
