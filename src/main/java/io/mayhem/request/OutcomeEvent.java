package io.mayhem.request;

import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;

/** The outcome event on mayhem.acks (docs/design.md section 9). */
public record OutcomeEvent(String messageId, String instanceName, String hostname, Outcome outcome, boolean saved,
                           boolean restarted, int restartAttempts, int extendedCount, String error, Instant ackedAt) {

    private static final JsonProvider JSON = JsonProvider.provider();

    public static OutcomeEvent of(RestartRequest msg, Outcome outcome, String error, Instant ackedAt) {
        return new OutcomeEvent(msg.messageId(), msg.instanceName(), msg.hostname(), outcome, msg.saved(),
                msg.restarted(), msg.restartAttempts(), msg.extendedCount(), error, ackedAt);
    }

    /** The log tag of its request. */
    public String tag() {
        return RestartRequest.tag(messageId);
    }

    public String toJson() {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("message_id", messageId)
                .add("instance_name", instanceName)
                .add("hostname", hostname)
                .add("outcome", outcome.name())
                .add("saved", saved)
                .add("restarted", restarted)
                .add("restart_attempts", restartAttempts)
                .add("extended_count", extendedCount);
        if (error != null) {
            json.add("error", error);
        }
        return json.add("acked_at", ackedAt.toString()).build().toString();
    }
}
