package io.mayhem.handling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.mayhem.configuration.CommandLine;
import io.mayhem.guardrails.DryRun;
import io.mayhem.guardrails.Guardrails;
import io.mayhem.guardrails.KillSwitch;
import io.mayhem.guardrails.ChaosState;
import io.mayhem.guardrails.ChaosStateStore;
import io.mayhem.guardrails.RestartBudget;
import io.mayhem.lease.InFlight;
import io.mayhem.lease.InstanceLease;
import io.mayhem.lease.LeaseStore;
import io.mayhem.monitoring.Stats;
import io.mayhem.request.Outcome;
import io.mayhem.request.RestartRequest;
import io.mayhem.restart.CommandHostRestarter;
import io.mayhem.restart.Restarts;
import io.mayhem.restart.Simulation;
import io.mayhem.tasks.TrackedExecutor;
import io.mayhem.testkit.ManualExecutor;
import io.mayhem.testkit.VirtualScheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real restarter behind the dry run, as MayhemService wires it: the command never runs, and the request is acked
 * SKIPPED with the argument vector it would have run.
 */
class DryRunHandlingTest {

    @TempDir
    Path dir;

    @Test
    void aDryRunNeverRunsTheCommandAndSaysWhatItWouldHaveRun() throws Exception {
        Path marker = dir.resolve("ran");
        VirtualScheduler time = new VirtualScheduler();
        ManualExecutor executor = new ManualExecutor();
        LeaseStore leaseStore = mock(LeaseStore.class);
        when(leaseStore.renew(anyString(), any())).thenReturn(true);
        InstanceLease lease = new InstanceLease(leaseStore, time, time.clock(), () -> "owner-1", Duration.ofSeconds(2),
                Duration.ofSeconds(3));
        InFlight inFlight = new InFlight(lease, time.clock(), Duration.ofHours(1), 10);
        lease.holder(inFlight);
        Stats stats = new Stats(inFlight::size);
        Simulation simulation = mock(Simulation.class);
        when(simulation.latency()).thenReturn(Duration.ofMillis(100));
        EventJournal events = request -> CompletableFuture.completedFuture(null);
        Acknowledger acks = mock(Acknowledger.class);
        when(acks.ack(any(), anyString(), any(), any()))
                .thenAnswer(call -> CompletableFuture.completedFuture(Optional.of(call.<Outcome>getArgument(2))));
        CommandHostRestarter command = new CommandHostRestarter(
                CommandLine.parse("touch," + marker + ",{hostname}"), Duration.ofSeconds(1));
        KillSwitch killSwitch = new KillSwitch(new ChaosStateStore() {
            @Override
            public ChaosState read() {
                return ChaosState.RUNNING;
            }

            @Override
            public ChaosState write(boolean paused, String by, java.time.Instant at) {
                throw new UnsupportedOperationException();
            }
        }, time.clock());
        killSwitch.refresh();
        Guardrails guardrails = Guardrails.of(killSwitch, List.of(), new DryRun(command::describe),
                new RestartBudget((t, m, n, i, w, s) -> Optional.empty(), Duration.ZERO, 0, Duration.ofHours(1)),
                time.clock());
        RequestHandler handler = new RequestHandler(new Saves(events, time, simulation, stats),
                new Restarts(command, time, stats, 3, Duration.ofMillis(100)), guardrails, inFlight, acks,
                new TrackedExecutor(executor, (id, e) -> { }), time, stats,
                new HandlingWatch(time.clock(), stats, inFlight, Duration.ofSeconds(30)));
        lease.start();
        time.advance(Duration.ZERO);
        RestartRequest msg = new RestartRequest("6f1c6a2e-0000-4000-8000-000000000001", "cattle-1a2b", "example.net");

        CompletableFuture<Void> done = handler.handle(msg, "owner-1");
        for (int i = 0; i < 10; i++) {
            executor.runUntilIdle();
            time.advance(Duration.ofMillis(100));
        }

        assertThat(done).isCompleted();
        org.mockito.Mockito.verify(acks).ack(msg, "owner-1", Outcome.SKIPPED,
                "dry run (mayhem.restarter.dry-run=true): would run [touch, " + marker + ", cattle-1a2b.example.net]");
        assertThat(Files.exists(marker)).as("the command ran").isFalse();
        assertThat(msg.restartAttempts()).isZero();
        assertThat(stats.snapshot()).containsEntry("skipped", 1L);
    }
}
