package io.mayhem.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.mayhem.handling.Acknowledger;
import io.mayhem.handling.PubSubMessage;
import io.mayhem.handling.RequestHandler;
import io.mayhem.monitoring.Stats;
import io.mayhem.testkit.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IntakeTest {

    static final String VALID = "{\"message_id\": \"6f1c6a2e-0000-4000-8000-000000000001\", \"instance_name\": \"cattle-1a2b\"}";

    @RegisterExtension
    LogCapture logs = new LogCapture();

    Inbox inbox = mock(Inbox.class);
    DeadLetters deadLetters = mock(DeadLetters.class);
    RequestHandler handler = mock(RequestHandler.class);
    Stats stats = new Stats();
    CompletableFuture<Void> handled = new CompletableFuture<>();
    Acknowledger acks = mock(Acknowledger.class);
    List<Duration> pauses = new ArrayList<>();
    Intake intake = new Intake(new RequestDecoder("example.net", 65536), inbox, deadLetters, acks, handler, stats, 1,
            Duration.ZERO, pauses::add);
    FakeTransaction tx = new FakeTransaction();

    @BeforeEach
    void accept() {
        when(inbox.accept(any())).thenReturn(Inbox.Admission.ACCEPTED);
        when(handler.handle(any())).thenReturn(handled);
    }

    @Test
    void handsTheRequestToTheHandlerOnlyAfterCommit() throws InterruptedException {
        intake.receive(Delivery.text("ID:1", VALID), tx);

        verify(inbox).accept(any(PubSubMessage.class));
        verify(handler, never()).handle(any());

        tx.commit();
        verify(handler).handle(any(PubSubMessage.class));
        assertThat(stats.snapshot()).containsEntry("received", 1L);
    }

    @Test
    void aRolledBackDeliveryIsNeitherHandledNorCounted() throws InterruptedException {
        intake.receive(Delivery.text("ID:1", VALID), tx);
        tx.rollback();

        verify(handler, never()).handle(any());
        assertThat(stats.snapshot()).containsEntry("received", 0L);
        intake.receive(Delivery.text("ID:2", VALID), new FakeTransaction());
    }

    @Test
    void poisonGoesToTheDeadLettersWithItsReasonAndOneWarning() throws InterruptedException {
        Delivery poison = Delivery.text("ID:9", "not json at all");
        intake.receive(poison, tx);
        tx.commit();

        verify(deadLetters).send(org.mockito.ArgumentMatchers.startsWith("not JSON"), eq(poison));
        verify(inbox, never()).accept(any());
        assertThat(stats.snapshot()).containsEntry("dead_lettered", 1L);
        assertThat(logs.messages(Level.WARNING)).hasSize(1).first().asString().startsWith("Dead-lettered message ID:9: not JSON");
        assertThat(logs.records()).allMatch(r -> r.getThrown() == null);
    }

    @Test
    void poisonWithAValidMessageIdIsLoggedWithIt() throws InterruptedException {
        intake.receive(Delivery.text("ID:10", "{\"message_id\": \"6f1c6a2e-0000-4000-8000-00000000000a\","
                + " \"instance_name\": \"-bad-\"}"), tx);
        intake.receive(Delivery.text("ID:11", "{\"message_id\": \"no-uuid\", \"instance_name\": \"cattle-1\"}"), tx);
        intake.receive(Delivery.text("ID:12", "{\"instance_name\": \"cattle-1\"}"), tx);
        tx.commit();

        assertThat(logs.records()).extracting(LogRecord::getMessage).containsExactly(
                "Dead-lettered message ID:10: instance_name is not a host label (1-63 of [A-Za-z0-9-], no leading or"
                        + " trailing '-'): '-bad-' [message_id=6f1c6a2e-0000-4000-8000-00000000000a]",
                "Dead-lettered message ID:11: message_id is not a UUID: 'no-uuid'",
                "Dead-lettered message ID:12: message_id is missing");
    }

    @Test
    void duplicatesAreNotHandledAgain() throws InterruptedException {
        when(inbox.accept(any())).thenReturn(Inbox.Admission.ALREADY_ACKED);

        intake.receive(Delivery.text("ID:1", VALID), tx);
        tx.commit();

        verify(handler, never()).handle(any());
        verify(acks).repeat("6f1c6a2e-0000-4000-8000-000000000001");
        assertThat(intake.saturated()).isFalse();
    }

    @Test
    void aDuplicateInFlightElsewhereIsLeftToItsOwner() throws InterruptedException {
        when(inbox.accept(any())).thenReturn(Inbox.Admission.LEASED_ELSEWHERE);

        intake.receive(Delivery.text("ID:1", VALID), tx);
        tx.commit();

        verify(handler, never()).handle(any());
        verify(acks, never()).repeat(any());
    }

    @Test
    void sweepsAsManyAbandonedRequestsAsThereIsRoomForAndHandlesThem() {
        PubSubMessage abandoned = new PubSubMessage("6f1c6a2e-0000-4000-8000-000000000009", "cattle-9", "example.net");
        when(inbox.claimAbandoned(1)).thenReturn(List.of(abandoned));

        assertThat(intake.sweep()).isEqualTo(1);

        verify(handler).handle(abandoned);
        assertThat(intake.saturated()).isTrue();
        assertThat(intake.sweep()).isZero();
        handled.complete(null);
        assertThat(intake.saturated()).isFalse();
    }

    @Test
    void neverHandlesAgainARequestItIsStillHandlingWhoseLeaseLapsed() throws InterruptedException {
        Intake roomy = new Intake(new RequestDecoder("example.net", 65536), inbox, deadLetters, acks, handler, stats,
                5, Duration.ZERO, pauses::add);
        roomy.receive(Delivery.text("ID:1", VALID), tx);
        tx.commit();
        PubSubMessage lapsed = new PubSubMessage("6f1c6a2e-0000-4000-8000-000000000001", "cattle-1a2b", "example.net");
        when(inbox.claimAbandoned(4)).thenReturn(List.of(lapsed));

        assertThat(roomy.sweep()).isZero();

        verify(handler, org.mockito.Mockito.times(1)).handle(any());
        assertThat(logs.messages(Level.INFO)).anyMatch(line -> line.startsWith("Renewed the lapsed lease of"));
        handled.complete(null);
        when(inbox.claimAbandoned(5)).thenReturn(List.of(lapsed));
        assertThat(roomy.sweep()).as("handled again once the first handling is over").isEqualTo(1);
    }

    @Test
    void retriesStoringWithBackoffWhileTheDatabaseIsDownAndGoesOnWhenItIsBack() throws InterruptedException {
        Intake patient = new Intake(new RequestDecoder("example.net", 65536), inbox, deadLetters, acks, handler, stats,
                1, Duration.ofSeconds(30), pauses::add);
        when(inbox.accept(any())).thenThrow(new IllegalStateException("db", new java.sql.SQLException("Connection refused")))
                .thenThrow(new IllegalStateException("db")).thenThrow(new IllegalStateException("db"))
                .thenThrow(new IllegalStateException("db")).thenReturn(Inbox.Admission.ACCEPTED);

        patient.receive(Delivery.text("ID:1", VALID), tx);
        tx.commit();

        assertThat(pauses).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
                Duration.ofSeconds(2));
        verify(handler).handle(any(PubSubMessage.class));
        assertThat(logs.messages(Level.WARNING)).containsExactly("Could not store PubSubMessage(instance_name=cattle-1a2b) "
                + "(SQLException: Connection refused); retrying for up to 30000 ms");
        assertThat(logs.records()).filteredOn(r -> r.getLevel() == Level.WARNING).singleElement()
                .satisfies(r -> assertThat(r.getMessage()).endsWith("[message_id=6f1c6a2e-0000-4000-8000-000000000001]"))
                .satisfies(r -> assertThat(r.getThrown()).as("no stack trace").isNull());
    }

    @Test
    void refusesAfterMaxWaitOfFailuresSoTheBrokerKeepsTheMessage() {
        Intake patient = new Intake(new RequestDecoder("example.net", 65536), inbox, deadLetters, acks, handler, stats,
                1, Duration.ofSeconds(3), pauses::add);
        when(inbox.accept(any())).thenThrow(new IllegalStateException("database down"));

        assertThatThrownBy(() -> patient.receive(Delivery.text("ID:1", VALID), tx)).isInstanceOf(IntakeRefused.class)
                .hasMessageContaining("Could not store PubSubMessage(instance_name=cattle-1a2b) for 3000 ms")
                .hasMessageContaining("IllegalStateException: database down").hasMessageContaining("stays in the broker");

        assertThat(pauses).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
                Duration.ofMillis(1250));
        assertThat(logs.messages(Level.WARNING)).containsExactly(
                "Could not store PubSubMessage(instance_name=cattle-1a2b) (IllegalStateException: database down); "
                        + "retrying for up to 3000 ms",
                "Refused PubSubMessage(instance_name=cattle-1a2b) after 3000 ms: could not store it "
                        + "(IllegalStateException: database down); rolled back, it stays in the broker");
        tx.rollback();
        assertThat(patient.saturated()).as("the permit is given back").isFalse();
        verify(handler, never()).handle(any());
    }

    @Test
    void doesNotSweepOnceClosed() {
        intake.close();

        assertThat(intake.sweep()).isZero();
        verify(inbox, never()).claimAbandoned(org.mockito.ArgumentMatchers.anyInt());
    }

    @Test
    void waitsForRoomAndRefusesWhenNoneFreesUp() throws InterruptedException {
        intake.receive(Delivery.text("ID:1", VALID), tx);
        tx.commit();
        assertThat(intake.saturated()).isTrue();

        assertThatThrownBy(() -> intake.receive(Delivery.text("ID:2", VALID), new FakeTransaction()))
                .isInstanceOf(IntakeRefused.class).hasMessageContaining("Saturated");

        handled.complete(null);
        assertThat(intake.saturated()).isFalse();
    }

    @Test
    void refusesEverythingOnceClosed() {
        assertThat(intake.isOpen()).isTrue();
        intake.close();

        assertThat(intake.isOpen()).isFalse();
        assertThatThrownBy(() -> intake.receive(Delivery.text("ID:1", VALID), tx)).isInstanceOf(IntakeRefused.class)
                .hasMessage("Intake is closed; message ID:1 stays in the broker"
                        + " [message_id=6f1c6a2e-0000-4000-8000-000000000001]");
        assertThatThrownBy(() -> intake.receive(Delivery.text("ID:2", "not json"), tx))
                .hasMessage("Intake is closed; message ID:2 stays in the broker");
        verify(inbox, never()).accept(any());
        verify(deadLetters, never()).send(any(), any());
    }

    @Test
    void aFailingInboxGivesTheRoomBack() {
        when(inbox.accept(any())).thenThrow(new IllegalStateException("database down"));

        assertThatThrownBy(() -> intake.receive(Delivery.text("ID:1", VALID), tx)).isInstanceOf(IntakeRefused.class)
                .hasRootCauseMessage("database down");
        assertThat(intake.saturated()).isFalse();
        assertThat(pauses).as("max-wait zero: no retry").isEmpty();
    }

    /** A transaction the test commits or rolls back by hand. */
    static final class FakeTransaction implements Transaction {
        final List<Runnable[]> callbacks = new ArrayList<>();

        @Override
        public void onCompletion(Runnable committed, Runnable rolledBack) {
            callbacks.add(new Runnable[] {committed, rolledBack});
        }

        void commit() {
            callbacks.forEach(c -> c[0].run());
        }

        void rollback() {
            callbacks.forEach(c -> c[1].run());
        }
    }
}
