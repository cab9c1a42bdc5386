package io.mayhem.publishing;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.mayhem.request.RestartRequest;
import io.mayhem.messaging.TopicSender;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;

class JmsRequestSenderTest {

    @Test
    void sendsTheRequestAsTheContractsJson() {
        JmsRequestSender requests = new JmsRequestSender();
        requests.sender = mock(TopicSender.class);
        requests.restarts = mock(Topic.class);

        requests.send(new RestartRequest("6f1c6a2e-0000-4000-8000-000000000001", "cattle-1a2b", "example.net"));

        verify(requests.sender).send(requests.restarts,
                "{\"message_id\":\"6f1c6a2e-0000-4000-8000-000000000001\",\"instance_name\":\"cattle-1a2b\"}");
    }
}
