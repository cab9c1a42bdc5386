package io.mayhem.handling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.mayhem.messaging.TopicSender;
import io.mayhem.store.RequestStore;
import jakarta.jms.Topic;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class OutcomeEventTest {

    PubSubMessage msg = new PubSubMessage("6f1c6a2e-0000-4000-8000-000000000001", "cattle-1a2b", "example.net");
    Instant ackedAt = Instant.parse("2026-01-01T00:00:05Z");

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void aFailedOutcomeCarriesEveryContractFieldAndTheError() {
        msg.markSaved();
        msg.countRestartAttempt();
        msg.countExtension();
        JsonObject event = json(OutcomeEvent.of(msg, Outcome.FAILED, "Could not restart x", ackedAt).toJson());

        assertThat(event.keySet()).containsExactly("message_id", "instance_name", "hostname", "outcome", "saved",
                "restarted", "restart_attempts", "extended_count", "error", "acked_at");
        assertThat(event.getString("outcome")).isEqualTo("FAILED");
        assertThat(event.getBoolean("saved")).isTrue();
        assertThat(event.getBoolean("restarted")).isFalse();
        assertThat(event.getInt("restart_attempts")).isEqualTo(1);
        assertThat(event.getInt("extended_count")).isEqualTo(1);
        assertThat(event.getString("error")).isEqualTo("Could not restart x");
        assertThat(event.getString("acked_at")).isEqualTo("2026-01-01T00:00:05Z");
    }

    @Test
    void aDoneOutcomeHasNoError() {
        assertThat(json(OutcomeEvent.of(msg, Outcome.DONE, null, ackedAt).toJson())).doesNotContainKey("error");
    }

    @Test
    void storesTheStateBeforeSendingTheEvent() {
        OutboxAcknowledger acks = acknowledgerWithMocks();
        when(acks.store.markAcked(msg, Outcome.DONE, null)).thenReturn(OutcomeEvent.of(msg, Outcome.DONE, null, ackedAt));

        assertThat(acks.ack(msg, Outcome.DONE, null)).isEqualTo(Outcome.DONE);

        InOrder order = inOrder(acks.store, acks.sender);
        order.verify(acks.store).markAcked(msg, Outcome.DONE, null);
        order.verify(acks.sender).send(eq(acks.acks), org.mockito.ArgumentMatchers.contains("\"acked_at\":\"2026-01-01T00:00:05Z\""));
        order.verify(acks.store).markEventSent(msg.messageId());
    }

    @Test
    void sendsAndReturnsTheStoredOutcomeWhenAnEarlierAckWon() {
        OutboxAcknowledger acks = acknowledgerWithMocks();
        OutcomeEvent earlier = OutcomeEvent.of(msg, Outcome.FAILED, "Could not save x", ackedAt);
        when(acks.store.markAcked(msg, Outcome.DONE, null)).thenReturn(earlier);

        assertThat(acks.ack(msg, Outcome.DONE, null)).isEqualTo(Outcome.FAILED);

        org.mockito.Mockito.verify(acks.sender).send(acks.acks, earlier.toJson());
    }

    @Test
    void resendsTheEventsThatAnInterruptedAckDidNotSendAndMarksThemSent() {
        OutboxAcknowledger acks = acknowledgerWithMocks();
        acks.clock = java.time.Clock.fixed(Instant.parse("2026-01-01T00:01:00Z"), java.time.ZoneOffset.UTC);
        OutcomeEvent unsent = OutcomeEvent.of(msg, Outcome.FAILED, "Could not restart x", ackedAt);
        when(acks.store.unsentOutcomes(Instant.parse("2026-01-01T00:00:50Z"), OutboxAcknowledger.RESEND_BATCH))
                .thenReturn(java.util.List.of(unsent));

        assertThat(acks.resendUnsent()).isEqualTo(1);

        InOrder order = inOrder(acks.store, acks.sender);
        order.verify(acks.sender).send(acks.acks, unsent.toJson());
        order.verify(acks.store).markEventSent(msg.messageId());
    }

    @Test
    void repeatsTheStoredOutcomeOfAnAckedRequestAndNothingForOthers() {
        OutboxAcknowledger acks = acknowledgerWithMocks();
        OutcomeEvent stored = OutcomeEvent.of(msg, Outcome.DONE, null, ackedAt);
        when(acks.store.storedOutcome(msg.messageId())).thenReturn(java.util.Optional.of(stored));
        when(acks.store.storedOutcome("other")).thenReturn(java.util.Optional.empty());

        acks.repeat(msg.messageId());
        acks.repeat("other");

        org.mockito.Mockito.verify(acks.sender).send(acks.acks, stored.toJson());
        org.mockito.Mockito.verifyNoMoreInteractions(acks.sender);
    }

    private static OutboxAcknowledger acknowledgerWithMocks() {
        OutboxAcknowledger acks = new OutboxAcknowledger();
        acks.store = mock(RequestStore.class);
        acks.sender = mock(TopicSender.class);
        acks.acks = mock(Topic.class);
        return acks;
    }
}
