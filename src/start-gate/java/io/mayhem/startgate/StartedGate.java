package io.mayhem.startgate;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** {@link StartGate} for /health/started. */
@Startup
@jakarta.enterprise.context.ApplicationScoped
public class StartedGate implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return StartGate.gate();
    }
}
