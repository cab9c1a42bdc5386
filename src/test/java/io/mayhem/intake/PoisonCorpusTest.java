package io.mayhem.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.mayhem.handling.Acknowledger;
import io.mayhem.request.RestartRequest;
import io.mayhem.handling.RequestHandler;
import io.mayhem.monitoring.Stats;
import io.mayhem.testkit.LogCapture;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;

/**
 * Every bad input of the corpus, as the listener receives it: one dead letter with its reason, nothing else.
 * One instance for all cases (the mocks are reset before each), so the whole corpus costs well under a second.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoisonCorpusTest {

    static final String VALID = "{\"message_id\": \"%s\", \"instance_name\": \"cattle-ok%d\"}";

    @RegisterExtension
    LogCapture logs = new LogCapture();

    Inbox inbox = mock(Inbox.class);
    DeadLetters deadLetters = mock(DeadLetters.class);
    RequestHandler handler = mock(RequestHandler.class);
    Stats stats;
    Intake intake;

    static List<PoisonCorpus.Case> corpus() {
        return PoisonCorpus.cases();
    }

    @BeforeEach
    void accept() {
        org.mockito.Mockito.reset(inbox, deadLetters, handler);
        stats = new Stats(() -> 0);
        io.mayhem.testkit.VirtualScheduler time = new io.mayhem.testkit.VirtualScheduler();
        io.mayhem.lease.InstanceLease lease = new io.mayhem.lease.InstanceLease(mock(io.mayhem.lease.LeaseStore.class),
                time, time.clock(), () -> "owner", Duration.ofSeconds(2), Duration.ofSeconds(3));
        lease.heartbeat();
        intake = new Intake(new RequestDecoder("example.net", 64 * 1024), inbox, deadLetters,
                mock(Acknowledger.class), handler, lease,
                new io.mayhem.lease.InFlight(lease, time.clock(), Duration.ofHours(1), 1000), stats, time.clock(),
                Runnable::run, Duration.ZERO, pause -> { }, 100);
        when(inbox.acceptAll(any(), any())).thenAnswer(call -> java.util.Collections.nCopies(
                call.<List<?>>getArgument(0).size(), Inbox.Admission.ACCEPTED));
        when(handler.handle(any(), any())).thenReturn(new CompletableFuture<>());
    }

    @Test
    void theCorpusHasAtLeastFortyCasesWithDistinctNames() {
        assertThat(corpus()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(corpus()).extracting(PoisonCorpus.Case::name).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isDeadLetteredOnceWithItsReasonCountedAndLoggedOnceWithoutAStackTrace(PoisonCorpus.Case poison)
            throws Exception {
        Message message = jmsMessage(poison);
        IntakeTest.FakeTransaction tx = new IntakeTest.FakeTransaction();

        intake.receive(RestartListener.delivery(message), tx);
        tx.commit();

        ArgumentCaptor<String> reason = ArgumentCaptor.forClass(String.class);
        verify(deadLetters, times(1)).send(reason.capture(), any(Delivery.class));
        assertThat(reason.getValue()).startsWith(poison.reason());
        assertThat(reason.getValue()).as("one printable line").doesNotContainPattern("\\p{Cntrl}").hasSizeLessThan(300);
        ArgumentCaptor<Delivery> delivery = ArgumentCaptor.forClass(Delivery.class);
        verify(deadLetters).send(any(), delivery.capture());
        assertThat(List.of(reason.getValue(), delivery.getValue().payloadSample(), delivery.getValue().safeJmsMessageId()))
                .as("well-formed Unicode: a strict UTF-8 encoder takes it").allMatch(PoisonCorpusTest::wellFormed)
                .noneMatch(text -> text.chars().anyMatch(Character::isISOControl));
        assertThat(stats.snapshot()).containsEntry("dead_lettered", 1L).containsEntry("received", 1L);
        List<LogRecord> warnings = logs.records().stream().filter(r -> r.getLevel() == Level.WARNING).toList();
        assertThat(warnings).singleElement().satisfies(warning -> {
            assertThat(warning.getMessage()).matches(java.util.regex.Pattern.quote("Dead-lettered message ID:poison: "
                    + reason.getValue()) + "( \\[message_id=[0-9a-f-]{36}])?");
            assertThat(warning.getThrown()).isNull();
        });
        verify(inbox, never()).acceptAll(any(), any());
        verify(handler, never()).handle(any(), any());
        assertThat(message instanceof ObjectMessage).isEqualTo(poison.kind().equals("object"));
    }

    @Test
    void validRequestsBeforeAndAfterEveryBadInputAreHandled() throws Exception {
        List<PoisonCorpus.Case> cases = corpus();
        int valid = 0;
        receive(Delivery.text("ID:v", VALID.formatted(uuid(valid), valid++)));
        for (PoisonCorpus.Case poison : cases) {
            receive(RestartListener.delivery(jmsMessage(poison)));
            receive(Delivery.text("ID:v", VALID.formatted(uuid(valid), valid++)));
        }

        ArgumentCaptor<RestartRequest> handled = ArgumentCaptor.forClass(RestartRequest.class);
        verify(handler, times(cases.size() + 1)).handle(handled.capture(), any());
        assertThat(handled.getAllValues()).extracting(RestartRequest::instanceName)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(0, cases.size())
                        .mapToObj(i -> "cattle-ok" + i).toList());
        verify(deadLetters, times(cases.size())).send(anyString(), any());
        assertThat(stats.snapshot()).containsEntry("dead_lettered", (long) cases.size())
                .containsEntry("received", 2L * cases.size() + 1);
    }

    static boolean wellFormed(String text) {
        return java.nio.charset.StandardCharsets.UTF_8.newEncoder().canEncode(text);
    }

    private void receive(Delivery delivery) throws InterruptedException {
        IntakeTest.FakeTransaction tx = new IntakeTest.FakeTransaction();
        intake.receive(delivery, tx);
        tx.commit();
    }

    private static String uuid(int i) {
        return String.format("6f1c6a2e-0000-4000-8000-%012d", i);
    }

    /**
     * The JMS message the listener would get for this case (the ActiveMQ client's own message classes); an
     * ObjectMessage whose body must never be read.
     */
    static Message jmsMessage(PoisonCorpus.Case poison) throws JMSException {
        org.apache.activemq.command.ActiveMQMessage message = switch (poison.kind()) {
            case "text" -> {
                var text = new org.apache.activemq.command.ActiveMQTextMessage();
                text.setText(poison.text());
                yield text;
            }
            case "standard-utf8-text" -> PoisonCorpus.textInStandardUtf8(poison.text());
            case "bytes" -> {
                var bytes = new org.apache.activemq.command.ActiveMQBytesMessage();
                bytes.writeBytes(poison.bytes());
                poison.setProperties(bytes);
                yield bytes;
            }
            case "map" -> new org.apache.activemq.command.ActiveMQMapMessage();
            case "stream" -> new org.apache.activemq.command.ActiveMQStreamMessage();
            case "object" -> new UnreadableObjectMessage();
            case "message" -> new org.apache.activemq.command.ActiveMQMessage();
            default -> throw new IllegalArgumentException("unknown kind " + poison.kind() + " in " + poison);
        };
        message.setJMSMessageID("ID:poison");
        return message;
    }

    /** Fails the test if anything reads its body. */
    static final class UnreadableObjectMessage extends org.apache.activemq.command.ActiveMQObjectMessage {
        @Override
        public java.io.Serializable getObject() {
            throw new AssertionError("an ObjectMessage must never be deserialized");
        }
    }
}
