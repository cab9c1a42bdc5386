package io.mayhem.intake;

import io.mayhem.handling.PubSubMessage;

/** Either a valid request or the reason why the delivery is a poison message. */
public record Decoded(PubSubMessage request, String rejection) {

    public static Decoded valid(PubSubMessage request) {
        return new Decoded(request, null);
    }

    public static Decoded rejected(String reason) {
        return new Decoded(null, reason);
    }

    public boolean isRejected() {
        return rejection != null;
    }
}
