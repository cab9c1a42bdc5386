package io.mayhem.monitoring;

import io.mayhem.lifecycle.MayhemService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** UP once the service has been built and its intake can take messages. */
@Startup
@ApplicationScoped
public class StartedCheck implements HealthCheck {

    @Inject
    MayhemService service;

    @Override
    public HealthCheckResponse call() {
        boolean started = service.intake() != null;
        return HealthCheckResponse.named("mayhem-started").status(started).build();
    }
}
