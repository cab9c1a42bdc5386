package io.mayhem.web;

import io.mayhem.monitoring.FailureReporter;
import io.mayhem.monitoring.InboundConnection;
import io.mayhem.monitoring.Stats;
import io.mayhem.tasks.PeriodicWork;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * DOWN after a fatal error, when the scheduled executor has stopped running its heartbeat, or when the embedded
 * broker has been unreachable for {@link InboundConnection#EMBEDDED_BROKER_GRACE} (it could not start, e.g. its
 * port was taken, and does not come back by itself: a restart of the process is what helps).
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    static final Duration STUCK_AFTER = Duration.ofSeconds(15);

    @Inject
    FailureReporter failures;
    @Inject
    PeriodicWork periodic;
    @Inject
    Stats stats;

    @Override
    public HealthCheckResponse call() {
        String fatal = failures.fatal();
        Duration sinceHeartbeat = Duration.between(periodic.heartbeat(), Instant.now());
        boolean stuck = sinceHeartbeat.compareTo(STUCK_AFTER) > 0;
        InboundConnection listener = InboundConnection.read(ManagementFactory.getPlatformMBeanServer());
        boolean brokerLost = listener.embeddedBrokerLost(Instant.now());
        return HealthCheckResponse.named("mayhem-liveness")
                .status(fatal == null && !stuck && !brokerLost)
                .withData("embedded_broker", brokerLost ? "unreachable for over "
                        + InboundConnection.EMBEDDED_BROKER_GRACE.toSeconds() + " s: " + listener.problem() : "not lost")
                .withData("fatal_error", fatal == null ? "none" : fatal)
                .withData("scheduler_heartbeat_age_ms", sinceHeartbeat.toMillis())
                .withData("uncaught_exceptions", stats.uncaughtCount())
                .build();
    }
}
