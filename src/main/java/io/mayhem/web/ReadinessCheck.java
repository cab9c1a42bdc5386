package io.mayhem.web;

import io.mayhem.intake.Intake;
import io.mayhem.lease.InFlight;
import io.mayhem.monitoring.InboundConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * UP when the broker and the database answer, the listener holds its subscription (where the resource adapter
 * reports it: {@link InboundConnection}), intake is open (not shutting down) and not saturated.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    @Inject
    BrokerAndDatabase backends;
    @Inject
    Intake intake;
    @Inject
    InFlight inFlight;

    @Override
    public HealthCheckResponse call() {
        String brokerProblem = backends.brokerProblem();
        String databaseProblem = backends.databaseProblem();
        boolean open = intake.isOpen();
        boolean saturated = inFlight.saturated();
        InboundConnection listener = InboundConnection.read(ManagementFactory.getPlatformMBeanServer());
        return HealthCheckResponse.named("mayhem-readiness")
                .status(brokerProblem == null && databaseProblem == null && listener.allowsReady() && open && !saturated)
                .withData("broker", brokerProblem == null ? "UP" : brokerProblem)
                .withData("listener", listener.describe())
                .withData("database", databaseProblem == null ? "UP" : databaseProblem)
                .withData("intake", open ? "open" : "closed")
                .withData("in_flight", inFlight.size())
                .build();
    }
}
