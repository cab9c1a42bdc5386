package io.mayhem.publishing;

import io.mayhem.handling.PubSubMessage;

/** Sends one restart request to the topic; blocking. */
public interface RequestSender {
    void send(PubSubMessage request);
}
