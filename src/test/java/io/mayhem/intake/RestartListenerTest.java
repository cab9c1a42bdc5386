package io.mayhem.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.mayhem.tasks.PeriodicWork;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;

class RestartListenerTest {

    RestartListener listener = new RestartListener();
    Intake intake = mock(Intake.class);

    @BeforeEach
    void wire() {
        listener.intake = intake;
        listener.periodic = mock(PeriodicWork.class);
        listener.transactions = mock(TransactionSynchronizationRegistry.class);
    }

    private Delivery delivered() throws InterruptedException {
        ArgumentCaptor<Delivery> delivery = ArgumentCaptor.forClass(Delivery.class);
        verify(intake).receive(delivery.capture(), any());
        return delivery.getValue();
    }

    @Test
    void passesTheTextOfATextMessage() throws Exception {
        TextMessage message = mock(TextMessage.class);
        when(message.getJMSMessageID()).thenReturn("ID:1");
        when(message.getText()).thenReturn("{}");

        listener.onMessage(message);

        assertThat(delivered()).isEqualTo(Delivery.text("ID:1", "{}"));
    }

    @Test
    void aTextMessageWhoseBodyCannotBeReadIsDeliveredAsUnreadableWithEveryCauseInsteadOfThrown() throws Exception {
        TextMessage message = mock(TextMessage.class);
        when(message.getJMSMessageID()).thenReturn("ID:2");
        JMSException unreadable = new JMSException("Could not decode");
        unreadable.initCause(new java.io.UTFDataFormatException("bad byte"));
        when(message.getText()).thenThrow(unreadable);

        listener.onMessage(message);

        Delivery delivery = delivered();
        assertThat(delivery.jmsMessageId()).isEqualTo("ID:2");
        assertThat(delivery.unreadable()).isEqualTo("jakarta.jms.JMSException: Could not decode; caused by "
                + "java.io.UTFDataFormatException: bad byte");
        assertThat(delivery.payloadSample()).isEqualTo("(TextMessage whose content could not be read)");
    }

    @Test
    void aMessageWhoseIdCannotBeReadIsUnreadableWithoutAnId() throws Exception {
        Message message = mock(Message.class);
        when(message.getJMSMessageID()).thenThrow(new IllegalStateException("corrupt header"));

        listener.onMessage(message);

        assertThat(delivered()).isEqualTo(new Delivery(null, null, "Message whose content could not be read",
                "java.lang.IllegalStateException: corrupt header"));
    }

    @Test
    void theRealOpenWireTextMessageInStandardUtf8IsUnreadableNotThrown() throws Exception {
        Delivery delivery = RestartListener.delivery(PoisonCorpus.textInStandardUtf8("{\"note\":\"\uD83D\uDE00\"}"));

        assertThat(delivery.unreadable()).startsWith("jakarta.jms.JMSException").contains("UTFDataFormatException");
    }

    @Test
    void passesTheBytesOfABytesMessageAsUtf8Text() throws Exception {
        BytesMessage message = mock(BytesMessage.class);
        when(message.getJMSMessageID()).thenReturn("ID:4");
        when(message.getBodyLength()).thenReturn(2L);
        when(message.readBytes(any(byte[].class))).thenAnswer(call -> {
            System.arraycopy(new byte[] {'{', '}'}, 0, call.<byte[]>getArgument(0), 0, 2);
            return 2;
        });

        listener.onMessage(message);

        assertThat(delivered()).isEqualTo(Delivery.text("ID:4", "{}"));
    }

    @Test
    void theFirstDeliveryStartsThePeriodicWorkOnce() throws Exception {
        listener.onMessage(mock(TextMessage.class));
        listener.onMessage(mock(TextMessage.class));

        verify(listener.periodic, org.mockito.Mockito.times(1)).ensureStarted();
        verify(intake, org.mockito.Mockito.times(2)).receive(any(), any());
    }

    @ParameterizedTest
    @ValueSource(classes = {MapMessage.class, StreamMessage.class, ObjectMessage.class, Message.class})
    void describesEveryOtherKindWithoutReadingIt(Class<? extends Message> kind) throws Exception {
        Message message = mock(kind);

        listener.onMessage(message);

        assertThat(delivered().notTextKind()).startsWith(kind == Message.class ? "Message without a body" : kind.getSimpleName());
        if (message instanceof ObjectMessage object) {
            verify(object, org.mockito.Mockito.never()).getObject();
        }
    }

    @Test
    void runsTheCompletionCallbackThatMatchesTheTransactionsEnd() throws Exception {
        Runnable committed = mock(Runnable.class);
        Runnable rolledBack = mock(Runnable.class);
        new JtaTransaction(listener.transactions).onCompletion(committed, rolledBack);
        ArgumentCaptor<Synchronization> sync = ArgumentCaptor.forClass(Synchronization.class);
        verify(listener.transactions).registerInterposedSynchronization(sync.capture());

        sync.getValue().beforeCompletion();
        verifyNoInteractions(committed, rolledBack);
        sync.getValue().afterCompletion(Status.STATUS_COMMITTED);
        verify(committed).run();
        verifyNoInteractions(rolledBack);
        sync.getValue().afterCompletion(Status.STATUS_ROLLEDBACK);
        verify(rolledBack).run();
    }

    @Test
    void runsTheCheckBeforeTheCommitAndRollsBackWhenItFails() {
        List<String> ran = new ArrayList<>();
        new JtaTransaction(listener.transactions).beforeCommit(() -> ran.add("checked"));
        new JtaTransaction(listener.transactions).beforeCommit(() -> {
            throw new IntakeRefused("not stored");
        });
        ArgumentCaptor<Synchronization> sync = ArgumentCaptor.forClass(Synchronization.class);
        verify(listener.transactions, org.mockito.Mockito.times(2)).registerInterposedSynchronization(sync.capture());

        sync.getAllValues().get(0).afterCompletion(Status.STATUS_COMMITTED);
        assertThat(ran).isEmpty();
        sync.getAllValues().get(0).beforeCompletion();
        assertThat(ran).containsExactly("checked");
        verify(listener.transactions, org.mockito.Mockito.never()).setRollbackOnly();

        assertThatThrownBy(() -> sync.getAllValues().get(1).beforeCompletion()).isInstanceOf(IntakeRefused.class);
        verify(listener.transactions).setRollbackOnly();
    }

    @Test
    void anInterruptedWaitLeavesTheMessageInTheBroker() throws Exception {
        doThrow(new InterruptedException()).when(intake).receive(any(), any());

        assertThatThrownBy(() -> listener.onMessage(mock(BytesMessage.class))).isInstanceOf(IntakeRefused.class);
        assertThat(Thread.interrupted()).isTrue();
    }
}
