package io.mayhem.restart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.mayhem.request.RestartRequest;
import io.mayhem.monitoring.Stats;
import io.mayhem.testkit.LogCapture;
import io.mayhem.testkit.ManualExecutor;
import io.mayhem.testkit.ScriptedRandom;
import io.mayhem.testkit.VirtualScheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RestartsTest {

    @RegisterExtension
    LogCapture logs = new LogCapture();

    ManualExecutor executor = new ManualExecutor();
    VirtualScheduler time = new VirtualScheduler();
    Stats stats = new Stats(() -> 0);
    RestartRequest msg = new RestartRequest("6f1c6a2e-0000-4000-8000-000000000001", "cattle-1a2b", "example.net");

    Restarts restarts(HostRestarter restarter, int maxAttempts) {
        return new Restarts(restarter, time, stats, maxAttempts, Duration.ofMillis(200));
    }

    @Test
    void aSuccessfulRestartTakesOneSimulatedDelayAndLogsOnce() {
        Simulation simulation = new Simulation(new ScriptedRandom(0.5, 0.9), Duration.ofSeconds(1), 0.25, 0.25);
        CompletableFuture<Void> done = restarts(new SimulatedHostRestarter(time, simulation), 3).restart(msg, executor);

        time.advance(Duration.ofMillis(499));
        assertThat(done).isNotDone();
        time.advance(Duration.ofMillis(1));
        executor.runUntilIdle();

        assertThat(done).isCompleted();
        assertThat(msg.restarted()).isTrue();
        assertThat(time.scheduledCount()).isEqualTo(1);
        assertThat(logs.messages(Level.INFO)).containsExactly("Restarted cattle-1a2b.example.net");
        assertThat(stats.snapshot()).containsEntry("restarted", 1L);
    }

    @Test
    void aFailedRestartRaisesRestartFailedWithoutSettingTheFlag() {
        Simulation simulation = new Simulation(new ScriptedRandom(0.5, 0.1), Duration.ofSeconds(1), 0.25, 0.25);
        CompletableFuture<Void> done = restarts(new SimulatedHostRestarter(time, simulation), 1).restart(msg, executor);

        time.advance(Duration.ofSeconds(1));
        executor.runUntilIdle();

        assertThat(done).isCompletedExceptionally();
        assertThat(done).failsWithin(Duration.ZERO).withThrowableThat().havingCause()
                .isInstanceOf(RestartFailed.class).withMessage("Could not restart cattle-1a2b.example.net");
        assertThat(msg.restarted()).isFalse();
        assertThat(logs.messages(Level.INFO)).isEmpty();
        assertThat(stats.snapshot()).containsEntry("restart_retries", 0L);
    }

    @Test
    void retriesWithExponentialBackoffUpToMaxAttempts() {
        HostRestarter restarter = mock(HostRestarter.class);
        when(restarter.restart(argThat(r -> r.hostname().equals("cattle-1a2b.example.net"))))
                .thenReturn(CompletableFuture.failedFuture(new RestartFailed("Could not restart cattle-1a2b.example.net")));

        CompletableFuture<Void> done = restarts(restarter, 3).restart(msg, executor);
        executor.runUntilIdle();
        verify(restarter, times(1)).restart(argThat(r -> r.hostname().equals("cattle-1a2b.example.net")));

        time.advance(Duration.ofMillis(200));
        executor.runUntilIdle();
        verify(restarter, times(2)).restart(argThat(r -> r.hostname().equals("cattle-1a2b.example.net")));

        time.advance(Duration.ofMillis(399));
        executor.runUntilIdle();
        verify(restarter, times(2)).restart(argThat(r -> r.hostname().equals("cattle-1a2b.example.net")));
        time.advance(Duration.ofMillis(1));
        executor.runUntilIdle();

        verify(restarter, times(3)).restart(argThat(r -> r.hostname().equals("cattle-1a2b.example.net")));
        assertThat(done).isCompletedExceptionally();
        assertThat(msg.restartAttempts()).isEqualTo(3);
        assertThat(stats.snapshot()).containsEntry("restart_retries", 2L);
        assertThat(logs.messages(Level.WARNING)).containsExactly(
                "Retrying for failure to restart: cattle-1a2b.example.net",
                "Retrying for failure to restart: cattle-1a2b.example.net");
    }

    @Test
    void otherErrorsAreNotRetried() {
        HostRestarter restarter = mock(HostRestarter.class);
        when(restarter.restart(argThat(r -> r.hostname().equals("cattle-1a2b.example.net"))))
                .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("no route to host")));

        CompletableFuture<Void> done = restarts(restarter, 3).restart(msg, executor);
        executor.runUntilIdle();

        assertThat(done).failsWithin(Duration.ZERO).withThrowableThat().havingCause().withMessage("no route to host");
        verify(restarter, times(1)).restart(argThat(r -> r.hostname().equals("cattle-1a2b.example.net")));
    }

    @Test
    void aRejectedRestartIsNotRetried() {
        HostRestarter restarter = mock(HostRestarter.class);
        when(restarter.restart(msg)).thenReturn(CompletableFuture.failedFuture(
                new RestartRejected("POST to http://127.0.0.1/restart answered 403")));

        CompletableFuture<Void> done = restarts(restarter, 3).restart(msg, executor);
        executor.runUntilIdle();
        time.advance(Duration.ofMinutes(1));
        executor.runUntilIdle();

        assertThat(done).failsWithin(Duration.ZERO).withThrowableThat().havingCause()
                .isInstanceOf(RestartRejected.class).withMessage("POST to http://127.0.0.1/restart answered 403");
        verify(restarter, times(1)).restart(msg);
        assertThat(msg.restartAttempts()).isEqualTo(1);
        assertThat(stats.snapshot()).containsEntry("restart_retries", 0L);
        assertThat(logs.messages(Level.WARNING)).isEmpty();
    }

    @Test
    void anAttemptNotDoneWithinTheTimeoutIsCancelledAndRetriedAsFailed() {
        HostRestarter restarter = mock(HostRestarter.class);
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> second = new CompletableFuture<>();
        when(restarter.restart(msg)).thenReturn(first, second);
        Restarts restarts = new Restarts(restarter, time, stats, 2, Duration.ofMillis(200), Duration.ofSeconds(60));

        CompletableFuture<Void> done = restarts.restart(msg, executor);
        time.advance(Duration.ofMillis(59_999));
        executor.runUntilIdle();
        assertThat(first).isNotDone();
        verify(restarter, times(1)).restart(msg);

        time.advance(Duration.ofMillis(1));
        executor.runUntilIdle();
        assertThat(first).isCancelled();
        assertThat(logs.messages(Level.WARNING)).containsExactly("Retrying for failure to restart: cattle-1a2b.example.net");

        time.advance(Duration.ofMillis(200));
        executor.runUntilIdle();
        verify(restarter, times(2)).restart(msg);
        time.advance(Duration.ofSeconds(60));
        executor.runUntilIdle();

        assertThat(second).isCancelled();
        assertThat(done).failsWithin(Duration.ZERO).withThrowableThat().havingCause().isInstanceOf(RestartFailed.class)
                .withMessage("Restart of cattle-1a2b.example.net timed out after 1m");
        assertThat(msg.restarted()).isFalse();
    }

    @Test
    void anAttemptDoneInTimeStopsItsTimer() {
        HostRestarter restarter = mock(HostRestarter.class);
        CompletableFuture<Void> attempt = new CompletableFuture<>();
        when(restarter.restart(msg)).thenReturn(attempt);
        Restarts restarts = new Restarts(restarter, time, stats, 2, Duration.ofMillis(200), Duration.ofMillis(1500));

        CompletableFuture<Void> done = restarts.restart(msg, executor);
        time.advance(Duration.ofMillis(1499));
        attempt.complete(null);
        executor.runUntilIdle();
        assertThat(time.pending()).isZero();
        time.advance(Duration.ofSeconds(10));
        executor.runUntilIdle();

        assertThat(done).isCompleted();
        assertThat(msg.restarted()).isTrue();
        verify(restarter, times(1)).restart(msg);
        assertThat(logs.messages(Level.WARNING)).isEmpty();
    }

    @Test
    void anAttemptAlreadyDoneNeedsNoTimer() {
        HostRestarter restarter = mock(HostRestarter.class);
        when(restarter.restart(msg)).thenReturn(CompletableFuture.completedFuture(null));

        CompletableFuture<Void> done = new Restarts(restarter, time, stats, 2, Duration.ofMillis(200),
                Duration.ofSeconds(60)).restart(msg, executor);
        executor.runUntilIdle();

        assertThat(done).isCompleted();
        assertThat(time.scheduledCount()).isZero();
    }

    @Test
    void anAttemptCancelledFromOutsideIsNotRetried() {
        HostRestarter restarter = mock(HostRestarter.class);
        CompletableFuture<Void> attempt = new CompletableFuture<>();
        when(restarter.restart(msg)).thenReturn(attempt);
        Restarts restarts = new Restarts(restarter, time, stats, 3, Duration.ofMillis(200), Duration.ofSeconds(60));

        CompletableFuture<Void> done = restarts.restart(msg, executor);
        attempt.cancel(true);
        executor.runUntilIdle();
        time.advance(Duration.ofMinutes(5));
        executor.runUntilIdle();

        assertThat(done).isCompletedExceptionally();
        verify(restarter, times(1)).restart(msg);
        assertThat(time.pending()).isZero();
    }
}
