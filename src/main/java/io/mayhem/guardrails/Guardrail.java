package io.mayhem.guardrails;

import io.mayhem.request.RestartRequest;
import java.time.Instant;
import java.util.Optional;

/**
 * One rule that may refuse a request's restart (docs/design.md section 10, modelled on chaoskube and Netflix's
 * Chaos Monkey). Checked once per request, under its lease, before its first restart attempt; a refusal ends the
 * request SKIPPED with the reason.
 */
public interface Guardrail {

    /**
     * @param request the request about to be restarted
     * @param now the clock's instant of the check
     * @return the reason the restart is refused (one sentence naming the rule and its configuration key), or empty
     *         when this rule lets it go ahead
     */
    Optional<String> refusal(RestartRequest request, Instant now);
}
