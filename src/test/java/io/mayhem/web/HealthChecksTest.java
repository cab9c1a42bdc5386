package io.mayhem.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.mayhem.intake.Intake;
import io.mayhem.lease.InFlight;
import io.mayhem.monitoring.FailureReporter;
import io.mayhem.monitoring.Stats;
import io.mayhem.tasks.PeriodicWork;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The probes' decisions; the container tests check them over HTTP on the real server. */
class HealthChecksTest {

    PeriodicWork periodic = mock(PeriodicWork.class);
    Stats stats = new Stats(() -> 0);
    FailureReporter failures = new FailureReporter(stats);
    Intake intake = mock(Intake.class);
    InFlight inFlight = mock(InFlight.class);
    ConnectionFactory broker = mock(ConnectionFactory.class);
    DataSource database = mock(DataSource.class);
    java.sql.Connection jdbc = mock(java.sql.Connection.class);

    @BeforeEach
    void healthy() throws Exception {
        when(periodic.heartbeat()).thenReturn(Instant.now());
        when(intake.isOpen()).thenReturn(true);
        when(broker.createConnection()).thenReturn(mock(Connection.class));
        when(database.getConnection()).thenReturn(jdbc);
        when(jdbc.isValid(2)).thenReturn(true);
    }

    private HealthCheckResponse ready() {
        ReadinessCheck check = new ReadinessCheck();
        check.backends = new BrokerAndDatabase();
        check.backends.broker = broker;
        check.backends.database = database;
        check.intake = intake;
        check.inFlight = inFlight;
        return check.call();
    }

    private HealthCheckResponse live() {
        LivenessCheck check = new LivenessCheck();
        check.failures = failures;
        check.periodic = periodic;
        check.stats = stats;
        return check.call();
    }

    @Test
    void readyWhenBrokerAndDatabaseAnswerAndIntakeIsOpen() {
        when(inFlight.size()).thenReturn(3);

        HealthCheckResponse response = ready();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData().orElseThrow()).containsEntry("in_flight", 3L).containsEntry("intake", "open");
    }

    @Test
    void notReadyWithoutTheBroker() throws Exception {
        when(broker.createConnection()).thenThrow(new JMSException("refused"));

        HealthCheckResponse response = ready();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData().orElseThrow()).containsEntry("broker", "DOWN: refused");
    }

    @Test
    void notReadyWithoutTheDatabase() throws Exception {
        when(database.getConnection()).thenThrow(new SQLException("no database"));
        assertThat(ready().getData().orElseThrow()).containsEntry("database", "DOWN: no database");

        org.mockito.Mockito.doReturn(jdbc).when(database).getConnection();
        when(jdbc.isValid(2)).thenReturn(false);
        assertThat(ready().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    }

    @Test
    void notReadyWhileShuttingDownOrSaturated() {
        when(intake.isOpen()).thenReturn(false);
        assertThat(ready().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);

        when(intake.isOpen()).thenReturn(true);
        when(inFlight.saturated()).thenReturn(true);
        assertThat(ready().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    }

    @Test
    void aliveUntilAFatalErrorOrAStuckScheduler() {
        assertThat(live().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);

        when(periodic.heartbeat()).thenReturn(Instant.now().minus(LivenessCheck.STUCK_AFTER).minusSeconds(1));
        assertThat(live().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);

        when(periodic.heartbeat()).thenReturn(Instant.now());
        failures.caught("m-1", new StackOverflowError());
        assertThat(live().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(live().getData().orElseThrow()).containsEntry("fatal_error", "java.lang.StackOverflowError");
    }

    @Test
    void startedOnceTheServiceIsBuilt() {
        StartedCheck check = new StartedCheck();
        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);

        check.intake = intake;
        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }
}
