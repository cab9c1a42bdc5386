package io.mayhem.simulation;

import io.mayhem.store.BatchedAcks;
import io.mayhem.store.EventSender;
import io.mayhem.handling.HandlingWatch;
import io.mayhem.request.RestartRequest;
import io.mayhem.handling.RequestHandler;
import io.mayhem.intake.Intake;
import io.mayhem.intake.RequestDecoder;
import io.mayhem.guardrails.Guardrails;
import io.mayhem.lease.InFlight;
import io.mayhem.lease.InstanceLease;
import io.mayhem.monitoring.Stats;
import io.mayhem.restart.Restarts;
import io.mayhem.restart.Simulation;
import io.mayhem.handling.Saves;
import io.mayhem.tasks.GroupCommit;
import io.mayhem.tasks.Scheduler;
import io.mayhem.tasks.TrackedExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** One incarnation of the service: the real core classes, wired as MayhemService wires them, on simulated time. */
final class SimInstance {

    static final Duration EXTEND_EVERY = Duration.ofSeconds(2);
    static final Duration EXTEND_BY = Duration.ofSeconds(3);

    /** Parameters a run draws once for all its instances. */
    record Params(int maxBatch, Duration maxWait, Duration restartLatency) {
    }

    /** A delivery whose transaction commits once its request's first store attempt is over. */
    static final class PendingCommit {
        final long admission;
        final Runnable commit;

        PendingCommit(long admission, Runnable commit) {
            this.admission = admission;
            this.commit = commit;
        }
    }

    final String name;
    final SimWorld.Node node;
    final SimStore.View store;
    final InstanceLease lease;
    final InFlight inFlight;
    final Intake intake;
    final RequestHandler handler;
    final BatchedAcks acks;
    final TrackedExecutor executor;
    final Params params;
    private final Scheduler scheduler;
    private final SimWorld world;
    long admissionsSubmitted;
    final List<PendingCommit> pendingCommits = new ArrayList<>();
    private int epochs;

    SimInstance(String name, SimWorld world, SimStore shared, RestartLog restarts, EventSender sender,
                Function<Boolean, Duration> leaseLateness, BiConsumer<String, Throwable> uncaught, Params params) {
        this.name = name;
        this.world = world;
        this.params = params;
        this.node = new SimWorld.Node(name);
        this.store = shared.view(name);
        Clock clock = world.clock();
        // MayhemService: the managed scheduler (heartbeat, periodic checks), the work pool, its timer
        scheduler = world.scheduler(node, null);
        Scheduler leaseScheduler = world.scheduler(node, leaseLateness);
        Scheduler timer = world.scheduler(node, null);
        executor = new TrackedExecutor(world.executor(node), uncaught);
        lease = new InstanceLease(store, leaseScheduler, clock, () -> name + "/" + (++epochs), EXTEND_EVERY, EXTEND_BY);
        acks = new BatchedAcks(store, sender, executor, clock, params.maxBatch());
        GroupCommit<RestartRequest, Object> restartEvents = new GroupCommit<>(executor, batch -> {
            store.recordAll(batch);
            return Collections.nCopies(batch.size(), null);
        }, params.maxBatch());
        inFlight = new InFlight(lease, clock, Duration.ofHours(1), 1000);
        Stats stats = new Stats(inFlight::size);
        HandlingWatch watch = new HandlingWatch(clock, stats, inFlight, Duration.ofSeconds(30));
        Simulation simulation = new Simulation(new Random(world.random.nextLong()), Duration.ofSeconds(1), 0.25, 0.25);
        handler = new RequestHandler(
                new Saves(restartEvents::submit, timer, simulation, stats),
                new Restarts(restarts.restarter(name, node, timer, 0.25, params.restartLatency()), timer, stats, 3,
                        Duration.ofMillis(200)),
                Guardrails.none(clock), inFlight, acks, executor, timer, stats, watch);
        // what is in flight is the holder, as in MayhemService; the trace sees lapses on the way
        lease.holder(new InstanceLease.Holder() {
            @Override
            public void renewed(String owner, Duration by) {
                inFlight.renewed(owner, by);
            }

            @Override
            public void lapsed(String owner, String reason) {
                world.trace.add(world.at() + " " + name + " lease of " + owner + " lapsed: " + reason);
                inFlight.lapsed(owner, reason);
            }
        });
        // Intake's retry loop would block its thread in future.get: its pause refuses instead (rolls back)
        intake = new Intake(new RequestDecoder(SimStore.DOMAIN, 65536), store,
                (reason, delivery) -> world.trace.add(world.at() + " " + name + " dead letter " + delivery.jmsMessageId()),
                acks, handler, lease, inFlight, stats, clock, executor, params.maxWait(),
                pause -> {
                    throw new InterruptedException("simulation: intake does not wait to store again");
                }, params.maxBatch());
        store.onAdmissionsWritten = this::admissionsWritten;
        watch.startChecks(scheduler, executor);
    }

    void start() {
        lease.start();
        scheduler.scheduleAtFixedRate(EXTEND_EVERY, EXTEND_EVERY, () -> {
            executor.execute(intake::sweep);
            executor.execute(acks::resendUnsent);
        });
    }

    /** The first store attempt of these deliveries is over: their transactions may commit. */
    private void admissionsWritten() {
        for (PendingCommit p : new ArrayList<>(pendingCommits)) {
            if (p.admission <= store.admissionsWritten) {
                pendingCommits.remove(p);
                world.submit(node, p.commit);
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
