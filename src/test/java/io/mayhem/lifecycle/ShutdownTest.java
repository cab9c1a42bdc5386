package io.mayhem.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.mayhem.handling.Acknowledger;
import io.mayhem.handling.HandlingWatch;
import io.mayhem.request.RestartRequest;
import io.mayhem.handling.RequestHandler;
import io.mayhem.intake.DeadLetters;
import io.mayhem.intake.Inbox;
import io.mayhem.intake.Intake;
import io.mayhem.intake.RequestDecoder;
import io.mayhem.lease.InFlight;
import io.mayhem.lease.InstanceLease;
import io.mayhem.lease.LeaseStore;
import io.mayhem.monitoring.Stats;
import io.mayhem.publishing.Publisher;
import io.mayhem.publishing.RequestSender;
import io.mayhem.restart.HostRestarter;
import io.mayhem.restart.Restarts;
import io.mayhem.restart.Simulation;
import io.mayhem.handling.EventJournal;
import io.mayhem.handling.Saves;
import io.mayhem.tasks.TrackedExecutor;
import io.mayhem.testkit.ManualExecutor;
import io.mayhem.testkit.ScriptedRandom;
import io.mayhem.testkit.SequentialIds;
import io.mayhem.testkit.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ShutdownTest {

    ManualExecutor executor = new ManualExecutor();
    VirtualScheduler time = new VirtualScheduler();
    Stats stats = new Stats(() -> this.inFlight.size());
    TrackedExecutor tasks = new TrackedExecutor(executor, (id, e) -> { });
    LeaseStore leases = mock(LeaseStore.class);
    EventJournal events = mock(EventJournal.class);
    InstanceLease lease = started(new InstanceLease(leases, time, time.clock(), () -> "owner-1",
            Duration.ofSeconds(2), Duration.ofSeconds(3)));
    InFlight inFlight = new InFlight(lease, time.clock(), Duration.ofHours(1), 10);
    Acknowledger acks = mock(Acknowledger.class);
    HostRestarter restarter = mock(HostRestarter.class);
    RequestHandler handler = new RequestHandler(
            new Saves(events, time, new Simulation(new ScriptedRandom(), Duration.ofSeconds(1), 0, 0), stats),
            new Restarts(restarter, time, stats, 1, Duration.ofMillis(100)), inFlight, acks, tasks, time, stats,
            new HandlingWatch(time.clock(), stats, inFlight, Duration.ofSeconds(30)));
    RequestSender sender = mock(RequestSender.class);
    Publisher publisher = new Publisher(sender, tasks, new SequentialIds(), new ScriptedRandom(), stats, "example.net",
            2);
    Intake intake = new Intake(new RequestDecoder("example.net", 65536), mock(Inbox.class), mock(DeadLetters.class),
            acks, handler, lease, inFlight, stats, time.clock(), tasks, Duration.ZERO, pause -> { }, 100);
    List<String> lines = new ArrayList<>();
    String signal = "SIGTERM";
    Shutdown shutdown = new Shutdown(publisher, intake, lease, inFlight, tasks, stats, () -> signal,
            Duration.ofSeconds(1), lines::add);

    private static InstanceLease started(InstanceLease lease) {
        lease.heartbeat();
        return lease;
    }

    @Test
    void logsTheStepsInTheOriginalsOrder() throws InterruptedException {
        when(leases.release("owner-1")).thenReturn(2);

        shutdown.run();

        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).isEqualTo("Received exit signal SIGTERM...");
        assertThat(lines.get(1)).isEqualTo("Closing database connections");
        assertThat(lines.get(2)).isEqualTo("Nacking outstanding messages");
        assertThat(lines.get(3)).startsWith("Cancelling outstanding tasks").contains("2 leases released");
        assertThat(lines.get(4)).startsWith("Flushing metrics");
        assertThat(lines.get(5)).isEqualTo("Successfully shutdown the Mayhem service.");
    }

    @Test
    void retriesReleasingTheLeasesAndGoesOnWhenItKeepsFailing() throws InterruptedException {
        when(leases.release("owner-1"))
                .thenThrow(new IllegalStateException("tx", new RuntimeException("Timeout trying to lock table")))
                .thenReturn(4);

        shutdown.run();

        verify(leases, times(2)).release("owner-1");
        assertThat(lines.get(3)).contains("4 leases released");
    }

    @Test
    void aFailedLeaseReleaseDoesNotStopTheShutdown() throws InterruptedException {
        when(leases.release("owner-1")).thenThrow(new IllegalStateException("tx", new RuntimeException("lock timeout")));

        shutdown.run();

        verify(leases, times(3)).release("owner-1");
        assertThat(lines).hasSize(6);
        assertThat(lines.get(3)).startsWith("Cancelling outstanding tasks")
                .contains("leases not released (RuntimeException: lock timeout), they lapse instead");
        assertThat(lines.get(5)).isEqualTo("Successfully shutdown the Mayhem service.");
    }

    @Test
    void countersThatCannotBeReadDoNotStopTheShutdown() throws InterruptedException {
        Stats unreadable = mock(Stats.class);
        when(unreadable.snapshot()).thenThrow(new NoClassDefFoundError("io/mayhem/monitoring/LatencyWindow$Sample"));
        Shutdown stopping = new Shutdown(publisher, intake, lease, inFlight, tasks, unreadable, () -> null,
                Duration.ofSeconds(1), lines::add);

        stopping.run();

        assertThat(lines).hasSize(5);
        assertThat(lines.get(3)).isEqualTo("Flushing metrics: unavailable (java.lang.NoClassDefFoundError: "
                + "io/mayhem/monitoring/LatencyWindow$Sample)");
        assertThat(lines.get(4)).isEqualTo("Successfully shutdown the Mayhem service.");
    }

    @Test
    void leavesOutTheSignalLineWhenNoSignalCausedIt() throws InterruptedException {
        signal = null;
        shutdown.run();

        assertThat(lines.get(0)).isEqualTo("Closing database connections");
    }

    @Test
    void stopsPublishingAndIntakeAndCancelsOutstandingWorkWithoutAckingIt() throws InterruptedException {
        when(restarter.restart(anyString())).thenReturn(new CompletableFuture<>());
        RestartRequest msg = new RestartRequest("6f1c6a2e-0000-4000-8000-000000000001", "cattle-1a2b", "example.net");
        CompletableFuture<Void> done = handler.handle(msg, "owner-1");
        executor.runUntilIdle();
        time.advance(Duration.ZERO);
        executor.runUntilIdle();

        shutdown.run();
        time.advance(Duration.ofSeconds(5));
        executor.runUntilIdle();

        assertThat(done).isCancelled();
        assertThat(lines.get(3)).contains("1 requests");
        assertThat(intake.isOpen()).isFalse();
        assertThat(publisher.publish(1)).isEmpty();
        verify(leases).release("owner-1");
        verify(acks, times(0)).ack(org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any(),
                org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any());
        assertThat(lease.owner()).as("the lease is given up").isNull();
        assertThat(msg.extendedCount()).isEqualTo(1);
        verify(events, times(0)).record(msg);
        assertThat(lines.get(4)).doesNotContain("still running");
    }

    @Test
    void runsOnceHoweverOftenItIsTriggered() throws InterruptedException {
        assertThat(shutdown.run()).isTrue();
        assertThat(shutdown.run()).isFalse();

        assertThat(lines).hasSize(6);
        verify(leases, times(1)).release("owner-1");
    }
}
