package io.mayhem.web;

import io.mayhem.monitoring.FailureReporter;
import io.mayhem.monitoring.Stats;
import io.mayhem.tasks.PeriodicWork;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** DOWN after a fatal error or when the scheduled executor has stopped running its heartbeat. */
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
        return HealthCheckResponse.named("mayhem-liveness")
                .status(fatal == null && !stuck)
                .withData("fatal_error", fatal == null ? "none" : fatal)
                .withData("scheduler_heartbeat_age_ms", sinceHeartbeat.toMillis())
                .withData("uncaught_exceptions", stats.uncaughtCount())
                .build();
    }
}
