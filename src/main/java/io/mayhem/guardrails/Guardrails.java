package io.mayhem.guardrails;

import io.mayhem.request.RestartRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * All guardrails of docs/design.md section 10, in the order they are checked: the kill switch, the rules that
 * read only the request and the clock (target filters, quiet times), the dry run, and last the restart budget,
 * the one that records what it lets through (in the database, so it is asked only when the others agreed).
 * The first refusal wins.
 */
public final class Guardrails {

    private final List<Guardrail> local;
    private final RestartBudget budget;
    private final Clock clock;

    /**
     * @param local the rules that need no database, in order (kill switch first; dry run last)
     * @param budget the rate limits; asked only when it has {@link RestartBudget#limits()}
     */
    public Guardrails(List<Guardrail> local, RestartBudget budget, Clock clock) {
        this.local = List.copyOf(local);
        this.budget = budget;
        this.clock = clock;
    }

    /** No guardrail at all: everything is let through (tests, and the simulation of the delivery protocol). */
    public static Guardrails none(Clock clock) {
        return new Guardrails(List.of(), null, clock);
    }

    /** Builds the list in the documented order from its parts; {@code rules} and {@code dryRun} may be empty/null. */
    public static Guardrails of(KillSwitch killSwitch, List<Guardrail> rules, DryRun dryRun, RestartBudget budget,
                                Clock clock) {
        List<Guardrail> local = new ArrayList<>();
        local.add(killSwitch);
        local.addAll(rules);
        if (dryRun != null) {
            local.add(dryRun);
        }
        return new Guardrails(local, budget, clock);
    }

    /**
     * Checks every guardrail for one request; returns at once when no restart budget is set.
     *
     * @param blocking where the restart budget's database step runs (it blocks a thread for one transaction)
     * @return the first refusal's reason, or empty when the restart may go ahead (it is then counted by the
     *         budget); fails when a guardrail could not be checked (the database is down, for example)
     */
    public CompletableFuture<Optional<String>> check(RestartRequest request, Executor blocking) {
        var now = clock.instant();
        for (Guardrail rule : local) {
            Optional<String> refusal = rule.refusal(request, now);
            if (refusal.isPresent()) {
                return CompletableFuture.completedFuture(refusal);
            }
        }
        if (budget == null || !budget.limits()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return CompletableFuture.supplyAsync(() -> budget.refusal(request, now), blocking);
    }
}
