package io.mayhem.store;

import io.mayhem.request.Outcome;
import io.mayhem.request.OutcomeEvent;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

/** The outcome event as the JSON text message on mayhem.acks: the contract of docs/design.md section 9. */
public final class OutcomeEventJson {

    private static final JsonProvider JSON = JsonProvider.provider();

    private OutcomeEventJson() {
    }

    public static String of(OutcomeEvent event) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("message_id", event.messageId())
                .add("instance_name", event.instanceName())
                .add("hostname", event.hostname())
                .add("outcome", event.outcome().name())
                .add("saved", event.saved())
                .add("restarted", event.restarted())
                .add("restart_attempts", event.restartAttempts())
                .add("extended_count", event.extendedCount());
        if (event.error() != null) {
            // one stored text: the error of a FAILED request, the guardrail's reason of a SKIPPED one
            json.add(event.outcome() == Outcome.SKIPPED ? "reason" : "error", event.error());
        }
        return json.add("acked_at", event.ackedAt().toString()).build().toString();
    }
}
