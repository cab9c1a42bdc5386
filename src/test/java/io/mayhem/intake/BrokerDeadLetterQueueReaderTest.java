package io.mayhem.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BrokerDeadLetterQueueReaderTest {

    BrokerDeadLetterQueueReader reader = new BrokerDeadLetterQueueReader();
    Intake intake = mock(Intake.class);
    Session session = mock(Session.class);
    MessageConsumer consumer = mock(MessageConsumer.class);
    TextMessage message = mock(TextMessage.class);
    Connection connection;

    @BeforeEach
    void wire() throws JMSException {
        reader.connectionFactory = mock(ConnectionFactory.class);
        reader.transactions = mock(TransactionSynchronizationRegistry.class);
        Connection connection = mock(Connection.class);
        when(reader.connectionFactory.createConnection()).thenReturn(connection);
        when(connection.createSession(true, Session.SESSION_TRANSACTED)).thenReturn(session);
        this.connection = connection;
        Queue queue = mock(Queue.class);
        when(session.createQueue("ActiveMQ.DLQ")).thenReturn(queue);
        when(session.createConsumer(queue)).thenReturn(consumer);
        when(message.getJMSMessageID()).thenReturn("ID:7");
        when(message.getText()).thenReturn("{}");
    }

    @Test
    void aRequestTheBrokerExpiredIsHandedToIntakeAsExpiredWithItsOriginalExpiration() throws Exception {
        when(consumer.receive(anyLong())).thenReturn(message);
        when(message.getStringProperty("dlqDeliveryFailureCause"))
                .thenReturn("java.lang.Throwable: Message Expired. Expiration:1764572403000");
        when(message.propertyExists("originalExpiration")).thenReturn(true);
        when(message.getLongProperty("originalExpiration")).thenReturn(1764572403000L);

        assertThat(reader.takeOne("ActiveMQ.DLQ", intake)).isTrue();

        verify(intake).receiveExpired(eq(Delivery.text("ID:7", "{}")), eq(Instant.ofEpochMilli(1764572403000L)), any());
        verify(intake, never()).receive(any(), any());
    }

    @Test
    void withoutTheOriginalExpirationPropertyTheTimeComesFromTheCause() throws Exception {
        when(consumer.receive(anyLong())).thenReturn(message);
        when(message.getStringProperty("dlqDeliveryFailureCause"))
                .thenReturn("java.lang.Throwable: Message Expired. Expiration:1764572403001");

        reader.takeOne("ActiveMQ.DLQ", intake);

        verify(intake).receiveExpired(eq(Delivery.text("ID:7", "{}")), eq(Instant.ofEpochMilli(1764572403001L)), any());
    }

    @Test
    void anExpiryWithoutItsOriginalTimeIsStillExpired() throws Exception {
        when(consumer.receive(anyLong())).thenReturn(message);
        when(message.getStringProperty("dlqDeliveryFailureCause")).thenReturn("java.lang.Throwable: Message Expired.");

        reader.takeOne("ActiveMQ.DLQ", intake);

        verify(intake).receiveExpired(eq(Delivery.text("ID:7", "{}")), isNull(), any());
    }

    @Test
    void anythingElseTheBrokerDivertedGoesThroughIntakeLikeAnyDelivery() throws Exception {
        when(consumer.receive(anyLong())).thenReturn(message);
        when(message.getStringProperty("dlqDeliveryFailureCause")).thenReturn("duplicate from store for queue://x");

        assertThat(reader.takeOne("ActiveMQ.DLQ", intake)).isTrue();

        verify(intake).receive(eq(Delivery.text("ID:7", "{}")), any());
        verify(intake, never()).receiveExpired(any(), any(), any());
    }

    @Test
    void anEmptyQueueTakesNothing() throws Exception {
        assertThat(reader.takeOne("ActiveMQ.DLQ", intake)).isFalse();

        verify(intake, never()).receive(any(), any());
        verify(consumer).receive(BrokerDeadLetterQueueReader.RECEIVE_WAIT_MS);
    }

    @Test
    void theConnectionIsStartedBeforeTheConsumerExists() throws Exception {
        reader.takeOne("ActiveMQ.DLQ", intake);

        var order = org.mockito.Mockito.inOrder(connection, session);
        order.verify(connection).start();
        order.verify(session).createConsumer(any());
    }

    @Test
    void aConnectionThatCannotStartIsClosed() throws Exception {
        org.mockito.Mockito.doThrow(new JMSException("no")).when(connection).start();

        assertThatThrownBy(() -> reader.takeOne("ActiveMQ.DLQ", intake)).isInstanceOf(JMSRuntimeException.class);
        verify(connection).close();
    }

    @Test
    void aQueueThatCannotBeReadSaysWhich() throws Exception {
        when(session.createQueue("ActiveMQ.DLQ")).thenThrow(new JMSException("broker gone"));

        assertThatThrownBy(() -> reader.takeOne("ActiveMQ.DLQ", intake)).isInstanceOf(JMSRuntimeException.class)
                .hasMessageContaining("ActiveMQ.DLQ").hasMessageContaining("broker gone");
    }

    @Test
    void unreadablePropertiesMeanNotExpired() throws Exception {
        when(message.getStringProperty(any())).thenThrow(new JMSException("corrupt"));
        when(message.propertyExists(any())).thenThrow(new JMSException("corrupt"));

        assertThat(BrokerDeadLetterQueueReader.expired(message)).isFalse();
        assertThat(BrokerDeadLetterQueueReader.originalExpiration(message)).isNull();
    }
}
