package io.mayhem.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.apache.activemq.broker.BrokerFactory;
import org.apache.activemq.broker.BrokerService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requests published while the service is down are handled after it starts. With the embedded default
 * the broker is part of the service, so the test stands in for an always-on broker: a broker of its own
 * on the service's store and port, up only while the service is down.
 */
class WhileDownIT {

    static final int REQUESTS = 50;
    ServiceProcess running;

    @AfterEach
    void stop() throws InterruptedException {
        if (running != null && running.awaitExit(Duration.ZERO) == null) {
            running.destroyForcibly();
        }
    }

    @Test
    void requestsPublishedWhileTheServiceIsDownAreHandledAfterItStarts() throws Exception {
        running = ServiceProcess.start("WHILE-DOWN-first");
        running.awaitReady(SignalsIT.READY);
        try (Requests requests = new Requests("system-while-down")) {
            running.signal("TERM");
            assertThat(running.awaitExit(SignalsIT.SHUTDOWN_BOUND)).isNotNull();

            BrokerService broker = BrokerFactory.createBroker("broker:(" + System.getProperty("mayhem.st.broker.url")
                    + ")?persistent=true&useJmx=false&dataDirectory=" + System.getProperty("mayhem.st.data.dir")
                    + "/broker");
            broker.start();
            broker.waitUntilStarted();
            for (int i = 0; i < REQUESTS; i++) {
                requests.publish();
            }
            broker.stop();
            broker.waitUntilStopped();
            assertThat(requests.outcomes).as("nothing handled while the service was down").isEmpty();

            running = ServiceProcess.start("WHILE-DOWN-second");
            running.awaitReady(SignalsIT.READY);
            await().atMost(Duration.ofSeconds(60)).until(() -> requests.withoutOutcome().isEmpty());
            assertThat(requests.withConflictingOutcomes()).isEmpty();
            running.signal("TERM");
            assertThat(running.awaitExit(SignalsIT.SHUTDOWN_BOUND)).isNotNull();
            Map<String, String> stored = StoredRequests.ackedOutcomes();
            requests.assertStoredAs(stored);
        }
    }
}
