package io.mayhem.guardrails;

import io.mayhem.request.RestartRequest;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * mayhem.restarter.dry-run (chaoskube's default): every restart that the other rules let through is refused with
 * the words of what would have been done. On by default for every restarter except {@code simulated}.
 */
public final class DryRun implements Guardrail {

    private final Function<RestartRequest, String> describe;

    /** @param describe what the restarter would do for a request ({@code HostRestarter#describe}) */
    public DryRun(Function<RestartRequest, String> describe) {
        this.describe = describe;
    }

    @Override
    public Optional<String> refusal(RestartRequest request, Instant now) {
        return Optional.of("dry run (mayhem.restarter.dry-run=true): would " + describe.apply(request));
    }
}
