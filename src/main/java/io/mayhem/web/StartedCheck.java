package io.mayhem.web;

import io.mayhem.intake.Intake;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** UP once the service has been built and its intake can take messages: the intake is produced once it is built. */
@Startup
@ApplicationScoped
public class StartedCheck implements HealthCheck {

    @Inject
    Intake intake;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("mayhem-started").status(intake != null).build();
    }
}
