package io.mayhem.lifecycle;

import io.mayhem.configuration.Settings;
import io.mayhem.handling.HandlingWatch;
import io.mayhem.handling.RequestHandler;
import io.mayhem.handling.OutboxAcknowledger;
import io.mayhem.intake.Intake;
import io.mayhem.intake.JmsDeadLetters;
import io.mayhem.intake.RequestDecoder;
import io.mayhem.lease.LeaseKeeper;
import io.mayhem.monitoring.JmxRegistration;
import io.mayhem.monitoring.JmxStats;
import io.mayhem.monitoring.Stats;
import io.mayhem.publishing.JmsRequestSender;
import io.mayhem.publishing.Publisher;
import io.mayhem.restart.Restarts;
import io.mayhem.restart.SimulatedHostRestarter;
import io.mayhem.restart.Simulation;
import io.mayhem.store.RequestStore;
import io.mayhem.store.Saves;
import io.mayhem.tasks.ManagedTasks;
import io.mayhem.tasks.TrackedExecutor;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ContextServiceDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.concurrent.ManagedThreadFactoryDefinition;
import io.mayhem.tasks.HandOff;
import java.util.concurrent.Executor;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

/** Builds the core with its EE collaborators at start-up and runs the graceful shutdown at @PreDestroy. */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@ContextServiceDefinition(name = ManagedTasks.CONTEXT, propagated = ContextServiceDefinition.APPLICATION,
        cleared = ContextServiceDefinition.ALL_REMAINING)
@ManagedExecutorDefinition(name = ManagedTasks.EXECUTOR, context = ManagedTasks.CONTEXT, maxAsync = 16)
@ManagedScheduledExecutorDefinition(name = ManagedTasks.SCHEDULER, context = ManagedTasks.CONTEXT, maxAsync = 4)
@ManagedThreadFactoryDefinition(name = ManagedTasks.THREADS, context = ManagedTasks.CONTEXT)
public class MayhemService {

    @Resource(lookup = ManagedTasks.EXECUTOR)
    ManagedExecutorService managedExecutor;
    @Resource(lookup = ManagedTasks.SCHEDULER)
    ManagedScheduledExecutorService managedScheduler;
    @Resource(lookup = ManagedTasks.THREADS)
    ManagedThreadFactory threads;
    @Inject
    Settings settings;
    @Inject
    RequestStore store;
    @Inject
    OutboxAcknowledger acks;
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
    private final HandOff handOff = new HandOff(failures::caught);
    private final JmxRegistration jmx = new JmxRegistration(ManagementFactory.getPlatformMBeanServer(),
            JmxStats.objectName());

    @PostConstruct
    void start() {
        Signals.record();
        Random random = settings.seed() == null ? new Random() : new Random(settings.seed());
        Simulation simulation = new Simulation(random, settings.maxLatency(), settings.restartFailureRate(),
                settings.saveFailureRate());
        ManagedTasks scheduler = new ManagedTasks(managedScheduler);
        TrackedExecutor executor = new TrackedExecutor(managedExecutor, failures::caught);
        HandlingWatch watch = new HandlingWatch(Clock.systemUTC(), stats, settings.slowTaskThreshold());
        RequestHandler handler = new RequestHandler(
                new Saves(store, scheduler, simulation, stats),
                new Restarts(new SimulatedHostRestarter(scheduler, simulation), scheduler, stats,
                        settings.restartMaxAttempts(), settings.restartBackoff()),
                new LeaseKeeper(store, scheduler, Clock.systemUTC(), stats, settings.leaseExtendEvery(),
                        settings.leaseExtendBy(), settings.leaseMaxTotal()),
                acks, executor, stats, watch);
        intake = new Intake(new RequestDecoder(settings.hostnameDomain(), settings.maxPayloadBytes()),
                store, deadLetters, acks, handler, stats, settings.maxOutstanding(), settings.intakeWait(),
                io.mayhem.intake.Pause.sleeping());
        publisher = new Publisher(sender, executor, () -> UUID.randomUUID().toString(), random, stats,
                settings.hostnameDomain());
        shutdown = new Shutdown(publisher, intake, store, handler, executor, stats, Signals::received,
                settings.shutdownTimeout(), ShutdownLog::line);
        scheduler.scheduleAtFixedRate(java.time.Duration.ZERO, java.time.Duration.ofSeconds(1),
                () -> heartbeat = Instant.now());
        handOff.start(threads);
        watch.startChecks(scheduler, executor);
        scheduler.scheduleAtFixedRate(settings.leaseExtendEvery(), settings.leaseExtendEvery(),
                () -> executor.execute(intake::sweep));
        scheduler.scheduleAtFixedRate(settings.leaseExtendEvery(), settings.leaseExtendEvery(),
                () -> executor.execute(acks::resendUnsent));
        jmx.register(new JmxStats(stats));
        // Loads and links now what the shutdown's "Flushing metrics" line needs: when @PreDestroy runs at
        // SIGTERM, Payara has already stopped the web class loader, and a class first needed then fails to load.
        stats.snapshot();
    }

    @PreDestroy
    void stop() {
        try {
            shutdown.run();
            handOff.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            ShutdownLog.failed(e);
            throw e;
        } finally {
            jmx.unregister();
        }
    }

    public void publishTick() {
        if (settings.publisherEnabled()) {
            publisher.publish(settings.publisherRate());
        }
    }

    /** Where transaction-completion callbacks go. */
    public Executor handOff() { return handOff; }
    public Intake intake() { return intake; }
    public Stats stats() { return stats; }
    public FailureReporter failures() { return failures; }
    /** When the scheduled executor last ran its heartbeat; a stale one means a stuck scheduler. */
    public Instant heartbeat() { return heartbeat; }
}
