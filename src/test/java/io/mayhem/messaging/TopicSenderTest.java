package io.mayhem.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class TopicSenderTest {

    ConnectionFactory factory = mock(ConnectionFactory.class);
    Connection connection = mock(Connection.class);
    Session session = mock(Session.class);
    MessageProducer producer = mock(MessageProducer.class);
    Topic topic = mock(Topic.class);
    TopicSender sender = new TopicSender();

    @BeforeEach
    void wire() throws JMSException {
        sender.connectionFactory = factory;
        when(factory.createConnection()).thenReturn(connection);
        when(connection.createSession(true, Session.SESSION_TRANSACTED)).thenReturn(session);
        when(session.createProducer(topic)).thenReturn(producer);
        when(session.createTextMessage(anyString())).thenAnswer(i -> {
            TextMessage message = mock(TextMessage.class);
            when(message.getText()).thenReturn(i.getArgument(0));
            return message;
        });
    }

    @Test
    void sendsPersistentTextAndClosesWhatItOpened() throws JMSException {
        sender.send(topic, "hello");

        verify(producer).setDeliveryMode(DeliveryMode.PERSISTENT);
        ArgumentCaptor<TextMessage> sent = ArgumentCaptor.forClass(TextMessage.class);
        verify(producer).send(sent.capture());
        assertThat(sent.getValue().getText()).isEqualTo("hello");
        verify(producer).close();
        verify(session).close();
        verify(connection).close();
    }

    @Test
    void aBrokerFailureRollsTheTransactionBack() throws JMSException {
        org.mockito.Mockito.doThrow(new JMSException("broker gone", "E1")).when(producer).send(any());

        assertThatThrownBy(() -> sender.send(topic, "hello")).isInstanceOf(JMSRuntimeException.class)
                .hasMessageContaining("broker gone");
    }
}
