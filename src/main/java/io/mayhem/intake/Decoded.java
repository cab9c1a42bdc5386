package io.mayhem.intake;

import io.mayhem.request.RestartRequest;

/**
 * Either a valid request or the reason why the delivery is a poison message; a poison message whose
 * {@code message_id} is a valid UUID keeps it in {@code messageId}, for its log line.
 */
public record Decoded(RestartRequest request, String rejection, String messageId) {

    public static Decoded valid(RestartRequest request) {
        return new Decoded(request, null, request.messageId());
    }

    public static Decoded rejected(String reason) {
        return new Decoded(null, reason, null);
    }

    public static Decoded rejected(String reason, String messageId) {
        return new Decoded(null, reason, messageId);
    }

    public boolean isRejected() {
        return rejection != null;
    }
}
