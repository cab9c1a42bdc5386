package io.mayhem.publishing;

import io.mayhem.request.RestartRequest;

/** Sends one restart request to the topic; blocking. */
public interface RequestSender {
    void send(RestartRequest request);
}
