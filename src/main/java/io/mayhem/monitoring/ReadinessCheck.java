package io.mayhem.monitoring;

import io.mayhem.lifecycle.MayhemService;
import io.mayhem.messaging.JmsResources;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import javax.sql.DataSource;
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
    MayhemService service;

    @Resource(lookup = JmsResources.CONNECTION_FACTORY)
    ConnectionFactory broker;

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource database;

    /**
     * Creates the check, with its resources injected, when the application starts: WildFly calls health checks on
     * its management threads, where java:comp/DefaultDataSource cannot be looked up.
     */
    void createdAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // observing the event is enough: the container creates this bean to deliver it
    }

    @Override
    public HealthCheckResponse call() {
        String brokerProblem = brokerProblem();
        String databaseProblem = databaseProblem();
        boolean open = service.intake().isOpen();
        boolean saturated = service.intake().saturated();
        InboundConnection listener = InboundConnection.read(ManagementFactory.getPlatformMBeanServer());
        return HealthCheckResponse.named("mayhem-readiness")
                .status(brokerProblem == null && databaseProblem == null && listener.allowsReady() && open && !saturated)
                .withData("broker", brokerProblem == null ? "UP" : brokerProblem)
                .withData("listener", listener.describe())
                .withData("database", databaseProblem == null ? "UP" : databaseProblem)
                .withData("intake", open ? "open" : "closed")
                .withData("in_flight", service.stats().inFlight())
                .build();
    }

    private String brokerProblem() {
        try (Connection connection = broker.createConnection()) {
            connection.getMetaData();
            return null;
        } catch (JMSException e) {
            return "DOWN: " + e.getMessage();
        }
    }

    private String databaseProblem() {
        try (java.sql.Connection connection = database.getConnection()) {
            return connection.isValid(2) ? null : "DOWN: connection not valid";
        } catch (SQLException e) {
            return "DOWN: " + e.getMessage();
        }
    }
}
