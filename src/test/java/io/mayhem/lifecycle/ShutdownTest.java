package io.mayhem.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
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
import io.mayhem.guardrails.Guardrails;
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
import io.mayhem.tasks.PeriodicWork;
import io.mayhem.tasks.TrackedExecutor;
import io.mayhem.tasks.WorkPools;
import io.mayhem.testkit.ManualExecutor;
import io.mayhem.testkit.ScriptedRandom;
import io.mayhem.testkit.SequentialIds;
import io.mayhem.testkit.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
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
            new Restarts(restarter, time, stats, 1, Duration.ofMillis(100)), Guardrails.none(time.clock()), inFlight,
            acks, tasks, time, stats,
            new HandlingWatch(time.clock(), stats, inFlight, Duration.ofSeconds(30)));
    RequestSender sender = mock(RequestSender.class);
    Publisher publisher = new Publisher(sender, tasks, new SequentialIds(), new ScriptedRandom(), stats, "example.net",
            2);
    Intake intake = new Intake(new RequestDecoder("example.net", 65536), mock(Inbox.class), mock(DeadLetters.class),
            acks, handler, lease, inFlight, stats, time.clock(), tasks, Duration.ZERO, pause -> { }, 100);
    VirtualScheduler periodicTime = new VirtualScheduler();
    PeriodicWork periodic = new PeriodicWork(periodicTime, periodicTime.clock(), List::of);
    WorkPools pools = new WorkPools(Executors.defaultThreadFactory(), 1);
    List<String> lines = new ArrayList<>();
    String signal = "SIGTERM";
    Shutdown shutdown = shutdown(stats, lines::add);

    private Shutdown shutdown(Stats counters, Consumer<String> log) {
        return new Shutdown(new Shutdown.Parts(publisher, intake, periodic, lease, inFlight, tasks, pools, counters),
                () -> signal, Duration.ofSeconds(1), log);
    }

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
        signal = null;
        Shutdown stopping = shutdown(unreadable, lines::add);

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
        when(restarter.restart(any(RestartRequest.class))).thenReturn(new CompletableFuture<>());
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

    /** What has been done when a line is written: the intake, the lease, the periodic work, requests, threads. */
    private String state() {
        boolean poolsRunning;
        try {
            pools.work().execute(() -> { });
            poolsRunning = true;
        } catch (RejectedExecutionException e) {
            poolsRunning = false;
        }
        return (intake.isOpen() ? "intake open" : "intake closed") + ", "
                + (lease.owner() != null ? "lease held" : "no lease") + ", "
                + (periodicTime.pending() > 0 ? "periodic work" : "no periodic work") + ", "
                + inFlight.size() + " in flight, " + (poolsRunning ? "pools running" : "pools stopped");
    }

    @Test
    void eachLineIsFollowedByWhatItSays() throws InterruptedException {
        when(restarter.restart(any(RestartRequest.class))).thenReturn(new CompletableFuture<>());
        handler.handle(new RestartRequest("6f1c6a2e-0000-4000-8000-000000000001", "cattle-1a2b", "example.net"),
                "owner-1");
        executor.runUntilIdle();
        periodic.ensureStarted();
        List<String> seen = new ArrayList<>();
        when(leases.release("owner-1")).thenAnswer(call -> {
            seen.add("leases released");
            return 1;
        });
        Shutdown probed = shutdown(stats, line -> seen.add(line.replaceAll("[:(].*", "").strip() + " [" + state() + "]"));

        probed.run();

        assertThat(seen).containsExactly(
                "Received exit signal SIGTERM... [intake open, lease held, periodic work, 1 in flight, pools running]",
                "Closing database connections [intake closed, lease held, periodic work, 1 in flight, pools running]",
                "Nacking outstanding messages [intake closed, no lease, no periodic work, 1 in flight, pools running]",
                "leases released",
                "Cancelling outstanding tasks [intake closed, no lease, no periodic work, 0 in flight, pools running]",
                "Flushing metrics [intake closed, no lease, no periodic work, 0 in flight, pools stopped]",
                "Successfully shutdown the Mayhem service. [intake closed, no lease, no periodic work, 0 in flight, "
                        + "pools stopped]");
    }

    @Test
    void tasksQueuedBeforeTheCancellingLineAreDroppedAfterIt() throws InterruptedException {
        boolean[] ran = new boolean[1];
        Shutdown probed = shutdown(stats, line -> {
            if (line.startsWith("Cancelling outstanding tasks")) {
                tasks.execute(() -> ran[0] = true);
            }
        });

        probed.run();
        executor.runUntilIdle();

        assertThat(ran[0]).as("queued when the line was written, never started").isFalse();
    }

    @Test
    void runsOnceHoweverOftenItIsTriggered() throws InterruptedException {
        assertThat(shutdown.run()).isTrue();
        assertThat(shutdown.run()).isFalse();

        assertThat(lines).hasSize(6);
        verify(leases, times(1)).release("owner-1");
    }
}
