package io.mayhem.request;

import java.time.Instant;

/**
 * The outcome event on mayhem.acks (docs/design.md section 9); its JSON is written by {@code store.OutcomeEventJson}.
 * {@code error} is the error of a FAILED request and the reason of a SKIPPED one (JSON "error" or "reason").
 */
public record OutcomeEvent(String messageId, String instanceName, String hostname, Outcome outcome, boolean saved,
                           boolean restarted, int restartAttempts, int extendedCount, String error, Instant ackedAt) {

    public static OutcomeEvent of(RestartRequest msg, Outcome outcome, String error, Instant ackedAt) {
        return new OutcomeEvent(msg.messageId(), msg.instanceName(), msg.hostname(), outcome, msg.saved(),
                msg.restarted(), msg.restartAttempts(), msg.extendedCount(), error, ackedAt);
    }

    /** The log tag of its request. */
    public String tag() {
        return RestartRequest.tag(messageId);
    }
}
