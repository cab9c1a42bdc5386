package io.mayhem.lifecycle;

import io.mayhem.configuration.Settings;
import io.mayhem.store.BatchedAcks;
import io.mayhem.handling.HandlingWatch;
import io.mayhem.handling.RequestHandler;
import io.mayhem.intake.Intake;
import io.mayhem.intake.JmsDeadLetters;
import io.mayhem.intake.Pause;
import io.mayhem.intake.RequestDecoder;
import io.mayhem.lease.InstanceLease;
import io.mayhem.messaging.JmsResources;
import io.mayhem.messaging.TopicSender;
import io.mayhem.monitoring.JmxRegistration;
import io.mayhem.monitoring.JmxStats;
import io.mayhem.monitoring.Stats;
import io.mayhem.publishing.JmsRequestSender;
import io.mayhem.publishing.Publisher;
import io.mayhem.restart.Restarts;
import io.mayhem.restart.SimulatedHostRestarter;
import io.mayhem.restart.Simulation;
import io.mayhem.store.RequestStore;
import io.mayhem.handling.Saves;
import io.mayhem.tasks.GroupCommit;
import io.mayhem.tasks.ManagedTasks;
import io.mayhem.tasks.Periodic;
import io.mayhem.tasks.Scheduler;
import io.mayhem.tasks.TrackedExecutor;
import io.mayhem.tasks.WorkPools;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ContextServiceDefinition;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.concurrent.ManagedThreadFactoryDefinition;
import jakarta.inject.Inject;
import jakarta.jms.Topic;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import io.mayhem.tasks.Cancellable;
import java.util.Random;
import java.util.UUID;

/** Builds the core with its EE collaborators at start-up and runs the graceful shutdown at @PreDestroy. */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@ContextServiceDefinition(name = ManagedTasks.CONTEXT, propagated = ContextServiceDefinition.APPLICATION,
        cleared = ContextServiceDefinition.ALL_REMAINING)
@ManagedScheduledExecutorDefinition(name = ManagedTasks.SCHEDULER, context = ManagedTasks.CONTEXT, maxAsync = 8)
@ManagedThreadFactoryDefinition(name = ManagedTasks.THREADS, context = ManagedTasks.CONTEXT)
public class MayhemService {

    @Resource(lookup = ManagedTasks.SCHEDULER)
    ManagedScheduledExecutorService managedScheduler;
    @Resource(lookup = ManagedTasks.THREADS)
    ManagedThreadFactory threads;
    @Inject
    Settings settings;
    @Inject
    RequestStore store;
    @Inject
    TopicSender topics;
    @Resource(lookup = JmsResources.ACKS)
    Topic acksTopic;
    @Inject
    JmsDeadLetters deadLetters;
    @Inject
    JmsRequestSender sender;

    private final Stats stats = new Stats();
    private final FailureReporter failures = new FailureReporter(stats);
    private Intake intake;
    private Publisher publisher;
    private Shutdown shutdown;
    private volatile Instant heartbeat = Instant.now();
    private WorkPools pools;
    private InstanceLease lease;
    private Supplier<List<Cancellable>> periodic;
    private List<Cancellable> running;
    private Instant armed;
    private final JmxRegistration jmx = new JmxRegistration(ManagementFactory.getPlatformMBeanServer(),
            JmxStats.objectName());

    /** Requests per group-committed transaction at most (inbox, restart events, outcomes). */
    static final int MAX_BATCH = 500;
    static final int WORK_THREADS = 8;
    /** How many acked requests one purge deletes at most (every extend-every). */
    static final int PURGE_BATCH = 1000;
    static final Duration REARM_AFTER = Duration.ofSeconds(3);
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(MayhemService.class.getName());

    @PostConstruct
    void start() {
        Signals.record();
        Clock clock = Clock.systemUTC();
        Random random = settings.seed() == null ? new Random() : new Random(settings.seed());
        Simulation simulation = new Simulation(random, settings.maxLatency(), settings.restartFailureRate(),
                settings.saveFailureRate());
        Scheduler scheduler = new ManagedTasks(managedScheduler);
        pools = new WorkPools(threads, WORK_THREADS);
        Scheduler timer = pools.timer();
        TrackedExecutor executor = new TrackedExecutor(pools.work(), failures::caught);
        store.createIndexes();
        lease = new InstanceLease(store, scheduler, clock, () -> UUID.randomUUID().toString(),
                settings.leaseExtendEvery(), settings.leaseExtendBy());
        BatchedAcks acks = new BatchedAcks(store, events -> topics.sendAll(acksTopic, events), executor, clock, MAX_BATCH);
        GroupCommit<io.mayhem.request.RestartRequest, Object> restartEvents = new GroupCommit<>(executor, batch -> {
            store.recordAll(batch);
            return Collections.nCopies(batch.size(), null);
        }, MAX_BATCH);
        HandlingWatch watch = new HandlingWatch(clock, stats, settings.slowTaskThreshold());
        RequestHandler handler = new RequestHandler(
                new Saves(restartEvents::submit, timer, simulation, stats),
                new Restarts(new SimulatedHostRestarter(timer, simulation), timer, stats,
                        settings.restartMaxAttempts(), settings.restartBackoff()),
                lease, acks, executor, timer, clock, settings.leaseMaxTotal(), stats, watch);
        lease.holder(handler);
        intake = new Intake(new RequestDecoder(settings.hostnameDomain(), settings.maxPayloadBytes()),
                store, deadLetters, acks, handler, lease, stats, clock, executor, settings.maxOutstanding(),
                settings.intakeWait(), Pause.sleeping(), MAX_BATCH);
        publisher = new Publisher(sender, executor, () -> UUID.randomUUID().toString(), random, stats,
                settings.hostnameDomain());
        shutdown = new Shutdown(publisher, intake, lease, store, handler, executor, stats, Signals::received,
                settings.shutdownTimeout(), ShutdownLog::line);
        Periodic sweep = new Periodic("sweep", intake::sweep);
        Periodic resend = new Periodic("outbox resend", acks::resendUnsent);
        Periodic purge = new Periodic("purge of acked requests",
                () -> store.purgeAcked(clock.instant().minus(settings.dedupWindow()), PURGE_BATCH));
        Duration every = settings.leaseExtendEvery();
        // Started with the first timer tick or delivery, after the start-up, and armed again by the timer when the
        // scheduler's own heartbeat does not run: Payara Server 6.2025.9 kills the scheduler's tasks while the
        // application still starts (NPE in ContextSetupProviderImpl), also when the first timer tick comes then,
        // and a periodic task that was killed is never run again. The periodic work runs on the scheduler's threads.
        periodic = () -> {
            List<Cancellable> handles = new ArrayList<>();
            handles.add(scheduler.scheduleAtFixedRate(Duration.ZERO, Duration.ofSeconds(1), () -> heartbeat = Instant.now()));
            lease.start();
            handles.add(watch.startChecks(scheduler, Runnable::run));
            handles.add(scheduler.scheduleAtFixedRate(every, every, sweep));
            handles.add(scheduler.scheduleAtFixedRate(every, every, resend));
            handles.add(scheduler.scheduleAtFixedRate(every, every, purge));
            handles.add(scheduler.scheduleAtFixedRate(every, every, new Periodic("work pool check", pools::checkProgress)));
            return handles;
        };
        jmx.register(new JmxStats(stats));
        List<String> missing = ClassPreload.loadAll(MayhemService.class.getClassLoader());
        if (!missing.isEmpty()) {
            LOG.warning(() -> "Could not load " + missing.size() + " of the application's classes at start (the "
                    + "shutdown may break off if it needs them): " + missing);
        }
    }

    @PreDestroy
    void stop() {
        try {
            shutdown.run();
            pools.stop(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            ShutdownLog.failed(e);
            throw e;
        } finally {
            jmx.unregister();
        }
    }

    /**
     * Starts the lease heartbeat and the periodic work; called by every timer tick and the first delivery, which
     * come after the application started to deploy. Arms them again when the scheduler's heartbeat has not run
     * within {@link #REARM_AFTER} of arming them (its tasks were killed during the start-up).
     */
    public synchronized void ensureStarted() {
        Instant now = Instant.now();
        if (running == null || heartbeat.isBefore(armed) && Duration.between(armed, now).compareTo(REARM_AFTER) > 0) {
            if (running != null) {
                running.forEach(Cancellable::cancel);
                LOG.warning(() -> "The scheduler ran none of its periodic tasks within " + REARM_AFTER.toMillis()
                        + " ms of arming them (killed during the start-up); arming them again");
            }
            armed = now;
            running = periodic.get();
        }
    }

    public void publishTick() {
        ensureStarted();
        if (settings.publisherEnabled()) {
            publisher.publish(settings.publisherRate());
        }
    }

    public Intake intake() { return intake; }
    public Stats stats() { return stats; }
    public FailureReporter failures() { return failures; }
    /** When the scheduled executor last ran its heartbeat; a stale one means a stuck scheduler. */
    public Instant heartbeat() { return heartbeat; }
}
