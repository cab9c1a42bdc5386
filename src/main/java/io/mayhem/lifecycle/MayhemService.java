package io.mayhem.lifecycle;

import io.mayhem.configuration.BrokerDeadLetterQueues;
import io.mayhem.configuration.RestartLimits;
import io.mayhem.configuration.RestarterSettings;
import io.mayhem.configuration.Settings;
import io.mayhem.guardrails.GuardrailSettings;
import io.mayhem.guardrails.DryRun;
import io.mayhem.guardrails.Guardrails;
import io.mayhem.guardrails.KillSwitch;
import io.mayhem.guardrails.KillSwitchControl;
import io.mayhem.guardrails.RestartBudget;
import io.mayhem.handling.HandlingWatch;
import io.mayhem.handling.RequestHandler;
import io.mayhem.handling.Saves;
import io.mayhem.intake.BrokerDeadLetterQueueReader;
import io.mayhem.intake.Intake;
import io.mayhem.intake.JmsDeadLetters;
import io.mayhem.intake.Pause;
import io.mayhem.intake.RequestDecoder;
import io.mayhem.lease.InFlight;
import io.mayhem.lease.InstanceLease;
import io.mayhem.logging.LogFormat;
import io.mayhem.messaging.JmsResources;
import io.mayhem.messaging.TopicSender;
import io.mayhem.monitoring.FailureReporter;
import io.mayhem.monitoring.JmxRegistration;
import io.mayhem.monitoring.JmxStats;
import io.mayhem.monitoring.Stats;
import io.mayhem.operator.ManualRestarts;
import io.mayhem.operator.OperatorSettings;
import io.mayhem.operator.RateLimiter;
import io.mayhem.publishing.JmsRequestSender;
import io.mayhem.publishing.Publisher;
import io.mayhem.request.RestartRequest;
import io.mayhem.restart.HostRestarter;
import io.mayhem.restart.Restarts;
import io.mayhem.restart.Simulation;
import io.mayhem.store.BatchedAcks;
import io.mayhem.store.GuardrailStore;
import io.mayhem.store.RequestStore;
import io.mayhem.tasks.Cancellable;
import io.mayhem.tasks.GroupCommit;
import io.mayhem.tasks.Periodic;
import io.mayhem.tasks.PeriodicWork;
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
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.jms.Topic;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The composition root: builds the core with its EE collaborators at start-up, produces what the edges need
 * (the listener, the timer, the health checks and the REST resources inject it; none of them names this class),
 * and runs the graceful shutdown at {@code @PreDestroy}.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class MayhemService {

    @Inject
    ManagedExecutors executors;
    @Inject
    Settings settings;
    @Inject
    OperatorSettings operatorSettings;
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
    @Inject
    BrokerDeadLetterQueueReader brokerDeadLetterQueue;
    @Inject
    BrokerDeadLetterQueues brokerDeadLetterQueues;
    @Inject
    GuardrailStore guardrailStore;
    @Inject
    RestartLimits restartLimits;
    @Inject
    GuardrailSettings guardrailSettings;
    @Inject
    RestarterSettings restarterSettings;

    private final JmxRegistration jmx = new JmxRegistration(ManagementFactory.getPlatformMBeanServer(),
            JmxStats.objectName());
    private final JmxRegistration killSwitchJmx = new JmxRegistration(ManagementFactory.getPlatformMBeanServer(),
            KillSwitchControl.objectName());
    private KillSwitch killSwitch;
    private Stats stats;
    private FailureReporter failures;
    private InFlight inFlight;
    private Intake intake;
    private Publisher publisher;
    private PeriodicWork periodic;
    private ManualRestarts manualRestarts;
    private Shutdown shutdown;
    private ShutdownLog shutdownLog;
    private WorkPools pools;
    private RestarterWiring restarters;
    private HostRestarter restarter;

    /** Requests per group-committed transaction at most (inbox, restart events, outcomes). */
    static final int MAX_BATCH = 500;
    static final int WORK_THREADS = 8;
    /** How many messages one period takes from each of the broker's dead-letter queues at most. */
    static final int BROKER_DLQ_BATCH = 100;
    /** How many acked requests one purge deletes at most (every extend-every). */
    static final int PURGE_BATCH = 1000;
    private static final Logger LOG = Logger.getLogger(MayhemService.class.getName());

    @PostConstruct
    void start() {
        // the run command's launcher has read it already; on another server a bad value fails the deployment here
        shutdownLog = new ShutdownLog(LogFormat.ofProcess());
        Signals.record();
        Clock clock = Clock.systemUTC();
        Random random = settings.seed() == null ? new Random() : new Random(settings.seed());
        Simulation simulation = new Simulation(random, settings.maxLatency(), settings.restartFailureRate(),
                settings.saveFailureRate());
        Scheduler scheduler = executors.scheduler();
        InstanceLease lease = new InstanceLease(store, scheduler, clock, () -> UUID.randomUUID().toString(),
                settings.leaseExtendEvery(), settings.leaseExtendBy());
        inFlight = new InFlight(lease, clock, settings.leaseMaxTotal(), settings.maxOutstanding());
        lease.holder(inFlight);
        killSwitch = startKillSwitch(clock);
        stats = new Stats(inFlight::size, killSwitch::paused);
        failures = new FailureReporter(stats);
        pools = new WorkPools(executors.threads(), WORK_THREADS);
        Scheduler timer = pools.timer();
        TrackedExecutor executor = new TrackedExecutor(pools.work(), failures::caught);
        store.createIndexes();
        BatchedAcks acks = new BatchedAcks(store, events -> topics.sendAll(acksTopic, events), executor, clock, MAX_BATCH);
        GroupCommit<RestartRequest, Object> restartEvents = new GroupCommit<>(executor, batch -> {
            store.recordAll(batch);
            return Collections.nCopies(batch.size(), null);
        }, MAX_BATCH);
        HandlingWatch watch = new HandlingWatch(clock, stats, inFlight, settings.slowTaskThreshold());
        restarters = new RestarterWiring(restarterSettings, executors.threads());
        restarter = restarters.restarter(timer, simulation);
        LOG.info(restarters::summary);
        RequestHandler handler = new RequestHandler(
                new Saves(restartEvents::submit, timer, simulation, stats),
                new Restarts(restarter, timer, stats, settings.restartMaxAttempts(), settings.restartBackoff(),
                        restarterSettings.timeout()),
                Guardrails.of(killSwitch, guardrailSettings.rules(),
                        restarterSettings.dryRun() ? new DryRun(restarter::describe) : null,
                        new RestartBudget(guardrailStore, restartLimits.minIntervalPerTarget(),
                                restartLimits.maxPerWindow(), restartLimits.window()), clock),
                inFlight, acks, executor, timer, stats, watch);
        intake = new Intake(new RequestDecoder(settings.hostnameDomain(), settings.maxPayloadBytes()),
                store, deadLetters, acks, handler, lease, inFlight, stats, clock, executor, settings.intakeWait(),
                Pause.sleeping(), MAX_BATCH);
        publisher = new Publisher(sender, executor, () -> UUID.randomUUID().toString(), restarters.targets(random, clock), stats,
                settings.hostnameDomain(), settings.publisherEnabled() ? settings.publisherRate() : 0);
        manualRestarts = new ManualRestarts(sender, new RateLimiter(clock, operatorSettings.restartsPerMinute()),
                () -> UUID.randomUUID().toString(), stats, settings.hostnameDomain());
        Periodic sweep = new Periodic("sweep", intake::sweep);
        Periodic resend = new Periodic("outbox resend", acks::resendUnsent);
        Periodic purge = new Periodic("purge of acked requests",
                () -> store.purgeAcked(clock.instant().minus(settings.dedupWindow()), PURGE_BATCH));
        Duration every = settings.leaseExtendEvery();
        // on the managed scheduler's threads; started with the first timer tick or delivery (PeriodicWork)
        periodic = new PeriodicWork(scheduler, clock, () -> {
            List<Cancellable> handles = new ArrayList<>();
            lease.start();
            handles.add(watch.startChecks(scheduler, Runnable::run));
            handles.add(scheduler.scheduleAtFixedRate(every, every, sweep));
            handles.add(scheduler.scheduleAtFixedRate(every, every, resend));
            handles.add(scheduler.scheduleAtFixedRate(every, every, purge));
            handles.add(scheduler.scheduleAtFixedRate(every, every, new Periodic("kill switch refresh", killSwitch::refresh)));
            handles.add(scheduler.scheduleAtFixedRate(every, every, new Periodic("work pool check", pools::checkProgress)));
            if (!brokerDeadLetterQueues.names().isEmpty()) {
                handles.add(scheduler.scheduleAtFixedRate(every, every,
                        new Periodic("broker dead-letter queue", this::takeFromBrokerDeadLetterQueues)));
            }
            return handles;
        });
        shutdown = new Shutdown(new Shutdown.Parts(publisher, intake, periodic, lease, inFlight, executor, pools, stats),
                Signals::received, settings.shutdownTimeout(), shutdownLog::line);
        jmx.register(new JmxStats(stats));
        killSwitchJmx.register(new KillSwitchControl(killSwitch));
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            shutdownLog.failed(e);
            throw e;
        } finally {
            closeRestarters();
            jmx.unregister();
            killSwitchJmx.unregister();
        }
    }

    /** Lets go of the Kubernetes client, if one was made; the server may have stopped the class loader by now. */
    private void closeRestarters() {
        try {
            if (restarters != null) {
                restarters.close();
            }
        } catch (RuntimeException | LinkageError e) {
            shutdownLog.line("Kubernetes client not closed (" + e + "); the process ends it");
        }
    }

    /** For the listener (deliveries) and the readiness and started checks. */
    @Produces
    public Intake intake() {
        return intake;
    }

    /** Up to {@link #BROKER_DLQ_BATCH} messages from each queue, while intake is open and has room. */
    private void takeFromBrokerDeadLetterQueues() {
        try {
            for (String queue : brokerDeadLetterQueues.names()) {
                for (int i = 0; i < BROKER_DLQ_BATCH && intake.isOpen() && !inFlight.saturated(); i++) {
                    if (!brokerDeadLetterQueue.takeOne(queue, intake)) {
                        break;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads the stored switch before the first request can arrive; its row is made by the first instance. */
    private KillSwitch startKillSwitch(Clock clock) {
        try {
            guardrailStore.createRow();
        } catch (RuntimeException e) {
            LOG.fine(() -> "The chaos state row was made by another instance at the same time: " + e);
        }
        KillSwitch made = new KillSwitch(guardrailStore, clock);
        made.refresh();
        return made;
    }

    /** For {@code /api/chaos}. */
    @Produces
    public KillSwitch killSwitch() {
        return killSwitch;
    }

    /** For the timer. */
    @Produces
    public Publisher publisher() {
        return publisher;
    }

    /** For the timer and the listener, which start it, and the liveness check, which reads its heartbeat. */
    @Produces
    public PeriodicWork periodicWork() {
        return periodic;
    }

    /** For the readiness check: room and what is in flight. */
    @Produces
    public InFlight inFlight() {
        return inFlight;
    }

    /** For {@code GET /api/stats} and the health checks. */
    @Produces
    public Stats stats() {
        return stats;
    }

    /** For the liveness check. */
    @Produces
    public FailureReporter failures() {
        return failures;
    }

    /** For {@code POST /api/restarts}. */
    @Produces
    public ManualRestarts manualRestarts() {
        return manualRestarts;
    }
}
