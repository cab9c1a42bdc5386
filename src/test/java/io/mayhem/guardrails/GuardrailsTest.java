package io.mayhem.guardrails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.mayhem.request.RestartRequest;
import io.mayhem.testkit.ManualExecutor;
import io.mayhem.testkit.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GuardrailsTest {

    VirtualScheduler time = new VirtualScheduler();
    ManualExecutor blocking = new ManualExecutor();
    KillSwitchTest.SharedStore database = new KillSwitchTest.SharedStore();
    KillSwitch killSwitch = new KillSwitch(database, time.clock());
    RestartLedger ledger = mock(RestartLedger.class);
    List<String> asked = new ArrayList<>();
    RestartRequest msg = new RestartRequest("6f1c6a2e-0000-4000-8000-000000000001", "cattle-1a2b", "example.net");

    @BeforeEach
    void wire() {
        killSwitch.refresh();
        when(ledger.claim(anyString(), anyString(), any(), any(), anyInt(), any())).thenReturn(Optional.empty());
    }

    Guardrail rule(String name, String refusal) {
        return (request, now) -> {
            asked.add(name);
            return Optional.ofNullable(refusal);
        };
    }

    RestartBudget budget(Duration minInterval, int maxPerWindow) {
        return new RestartBudget(ledger, minInterval, maxPerWindow, Duration.ofHours(1));
    }

    @Test
    void withNoLimitEverythingPassesAtOnceAndTheDatabaseIsNeverAsked() {
        Guardrails guardrails = Guardrails.of(killSwitch, List.of(rule("targets", null)), null,
                budget(Duration.ZERO, 0), time.clock());

        CompletableFuture<Optional<String>> checked = guardrails.check(msg, blocking);

        assertThat(checked).isCompletedWithValue(Optional.empty());
        assertThat(blocking.pending()).isZero();
        verify(ledger, never()).claim(anyString(), anyString(), any(), any(), anyInt(), any());
        assertThat(Guardrails.none(time.clock()).check(msg, blocking)).isCompletedWithValue(Optional.empty());
    }

    @Test
    void thePausedKillSwitchRefusesFirstAndNoOtherRuleIsAsked() {
        killSwitch.pause("alice");
        Guardrails guardrails = Guardrails.of(killSwitch, List.of(rule("targets", "excluded")),
                new DryRun(request -> "run [true]"), budget(Duration.ofMinutes(5), 1), time.clock());

        assertThat(guardrails.check(msg, blocking).join()).hasValueSatisfying(reason ->
                assertThat(reason).startsWith("kill switch: restarts paused cluster-wide by alice"));
        assertThat(asked).isEmpty();
        verify(ledger, never()).claim(anyString(), anyString(), any(), any(), anyInt(), any());
    }

    @Test
    void theFirstRuleThatRefusesWinsAndTheDryRunComesAfterTheRules() {
        Guardrails guardrails = Guardrails.of(killSwitch, List.of(rule("targets", null), rule("quiet", "quiet time")),
                new DryRun(request -> "run [ssh, " + request.hostname() + "]"), budget(Duration.ZERO, 0), time.clock());

        assertThat(guardrails.check(msg, blocking).join()).hasValue("quiet time");
        assertThat(asked).containsExactly("targets", "quiet");

        Guardrails dry = Guardrails.of(killSwitch, List.of(rule("targets", null)),
                new DryRun(request -> "run [ssh, " + request.hostname() + "]"), budget(Duration.ofMinutes(5), 0),
                time.clock());

        assertThat(dry.check(msg, blocking).join())
                .hasValue("dry run (mayhem.restarter.dry-run=true): would run [ssh, cattle-1a2b.example.net]");
        verify(ledger, never()).claim(anyString(), anyString(), any(), any(), anyInt(), any());
    }

    @Test
    void theBudgetIsAskedLastOnTheBlockingExecutorWithTheCheckInstant() {
        time.advance(Duration.ofSeconds(42));
        when(ledger.claim("cattle-1a2b", msg.messageId(), Instant.parse("2026-01-01T00:00:42Z"), Duration.ofMinutes(5), 3, Duration.ofHours(1)))
                .thenReturn(Optional.of("minimum interval"));
        Guardrails guardrails = Guardrails.of(killSwitch, List.of(rule("targets", null)), null,
                budget(Duration.ofMinutes(5), 3), time.clock());

        CompletableFuture<Optional<String>> checked = guardrails.check(msg, blocking);

        assertThat(checked).isNotDone();
        assertThat(blocking.pending()).isEqualTo(1);
        blocking.runUntilIdle();
        assertThat(checked).isCompletedWithValue(Optional.of("minimum interval"));
    }

    @Test
    void eitherLimitAloneTurnsTheBudgetOn() {
        assertThat(budget(Duration.ZERO, 0).limits()).isFalse();
        assertThat(budget(Duration.ofMillis(1), 0).limits()).isTrue();
        assertThat(budget(Duration.ZERO, 1).limits()).isTrue();
        assertThat(budget(Duration.ZERO, 0).refusal(msg, Instant.EPOCH)).isEmpty();
    }
}
