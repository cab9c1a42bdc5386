package io.mayhem.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.mayhem.messaging.TopicSender;
import jakarta.jms.Topic;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class JmsDeadLettersTest {

    @Test
    void aDeadLetterCarriesTheReasonThePayloadAndTheJmsId() {
        JmsDeadLetters letters = new JmsDeadLetters();
        letters.sender = mock(TopicSender.class);
        letters.deadLetters = mock(Topic.class);

        letters.send("not JSON: x", Delivery.text("ID:7", "garbage"));

        ArgumentCaptor<String> text = ArgumentCaptor.forClass(String.class);
        verify(letters.sender).send(eq(letters.deadLetters), text.capture());
        JsonObject letter = Json.createReader(new StringReader(text.getValue())).readObject();
        assertThat(letter.getString("reason")).isEqualTo("not JSON: x");
        assertThat(letter.getString("payload")).isEqualTo("garbage");
        assertThat(letter.getString("jms_message_id")).isEqualTo("ID:7");
        assertThat(letter.getString("received_at")).isNotBlank();
    }
}
