package io.mayhem.startgate;

import java.lang.management.ManagementFactory;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN until Mayhem Mandrill has started, in an application of its own that Payara Micro deploys before the
 * resource adapter. Payara's health endpoints answer DOWN ("No Application deployed") only while no application
 * at all has started; the resource adapter is one, so from its start until the WAR's own checks are registered
 * they answered {@code 200 {"status":"UP","checks":[]}} (Payara 6.2025.10 reads no
 * {@code mp.health.default.*.empty.response}). This check closes that window: it is UP once the service has
 * registered its statistics MBean ({@code mayhem:type=Stats}), which it does after its own checks exist, and
 * DOWN again once the service unregisters it at shutdown (docs/decisions/0023-start-gate.md). One class per
 * kind of check: Payara registers a check with both annotations as readiness only ({@link StartedGate}).
 */
@Readiness
@jakarta.enterprise.context.ApplicationScoped
public class StartGate implements HealthCheck {

    static final String SERVICE_MBEAN = "mayhem:type=Stats";

    @Override
    public HealthCheckResponse call() {
        return gate();
    }

    static HealthCheckResponse gate() {
        boolean started = ManagementFactory.getPlatformMBeanServer().isRegistered(name());
        return HealthCheckResponse.named("mayhem-start-gate").status(started)
                .withData("service", started ? "started" : "not started yet (or stopped)").build();
    }

    private static ObjectName name() {
        try {
            return new ObjectName(SERVICE_MBEAN);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }
}
