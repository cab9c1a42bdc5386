package io.mayhem.publishing;

import io.mayhem.request.RestartRequest;
import io.mayhem.messaging.JmsResources;
import io.mayhem.messaging.TopicSender;
import jakarta.annotation.Resource;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.Topic;
import jakarta.json.spi.JsonProvider;

/** Sends a request as JSON to mayhem.restarts, persistent, in a transaction of its own. */
@Stateless
@LocalBean
public class JmsRequestSender implements RequestSender {

    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    TopicSender sender;

    @Resource(lookup = JmsResources.RESTARTS)
    Topic restarts;

    @Override
    public void send(RestartRequest request) {
        String json = JSON.createObjectBuilder()
                .add("message_id", request.messageId())
                .add("instance_name", request.instanceName())
                .build().toString();
        sender.send(restarts, json);
    }
}
