package io.mayhem.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.broker.BrokerFactory;
import org.apache.activemq.broker.BrokerService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The service connected to an external broker (as in the scale-out setup), the broker stopped in the middle
 * of a stream of requests and started again on its store: nothing is lost. The external broker here is an
 * ActiveMQ broker in the test's JVM; the resource adapter reaches it over TCP with the failover transport.
 */
class BrokerRestartIT {

    static final int REQUESTS = 300;
    static final Duration OUTAGE = Duration.ofSeconds(10);

    final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    ServiceProcess running;
    BrokerService broker;

    @AfterEach
    void stop() throws Exception {
        pacer.shutdownNow();
        if (running != null && running.awaitExit(Duration.ZERO) == null) {
            running.destroyForcibly();
        }
        if (broker != null) {
            broker.stop();
            broker.waitUntilStopped();
        }
    }

    private static BrokerService startBroker() throws Exception {
        BrokerService started = BrokerFactory.createBroker("broker:(" + System.getProperty("mayhem.st.ext.broker.url")
                + ")?persistent=true&useJmx=false&dataDirectory=" + System.getProperty("mayhem.st.data.dir")
                + "/external-broker");
        started.start();
        started.waitUntilStarted();
        return started;
    }

    @Test
    void aBrokerRestartMidLoadLosesNothing() throws Exception {
        ServiceProcess.freshDataDirectory();
        broker = startBroker();
        running = ServiceProcess.startOnExternalBroker("BROKER-restart");
        running.awaitReady(SignalsIT.READY);

        try (Requests requests = new Requests("system-broker", System.getProperty("mayhem.st.ext.broker.url"))) {
            // about 25 a second, so that most are published after the outage began; sends block while the
            // broker is away and then go on
            pacer.scheduleAtFixedRate(() -> {
                try {
                    if (requests.published.size() < REQUESTS) {
                        requests.publish();
                    }
                } catch (Exception e) {
                    e.printStackTrace(System.out);
                }
            }, 0, 40, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> requests.published.size() >= REQUESTS / 3
                    && requests.outcomes.size() >= 5);

            broker.stop();
            broker.waitUntilStopped();
            long down = System.nanoTime();
            int publishedWhenDown = requests.published.size();
            // the listener's transport reports the broker gone (patched activemq-rar, monitoring.InboundConnection)
            Duration notReadyAfter = running.awaitNotReady(Duration.ofSeconds(5));
            assertThat(running.readiness()).contains("failover transport is reconnecting");
            await().atMost(OUTAGE.plusSeconds(10)).until(() -> Duration.ofNanos(System.nanoTime() - down)
                    .compareTo(OUTAGE) >= 0);
            broker = startBroker();
            long back = System.nanoTime();
            Duration readyAgainAfter = running.awaitReady(Duration.ofSeconds(30));

            try {
                await().atMost(Duration.ofSeconds(180)).until(() -> requests.published.size() == REQUESTS
                        && requests.withoutOutcome().isEmpty());
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                running.signal("QUIT"); // a thread dump in the service's log, to see where it stands
                await().atMost(Duration.ofSeconds(10)).until(() -> running.output().contains("Full thread dump"));
                throw new AssertionError(requests.withoutOutcome().size() + " of " + requests.published.size()
                        + " published requests without an outcome (" + REQUESTS + " to publish); thread dump in "
                        + "target/system/BROKER-restart.log", e);
            }
            Duration toAllOutcomes = Duration.ofNanos(System.nanoTime() - back);
            assertThat(requests.withConflictingOutcomes()).as("requests with two different outcomes").isEmpty();

            running.signal("TERM");
            assertThat(running.awaitExit(SignalsIT.SHUTDOWN_BOUND)).isNotNull();
            Map<String, String> stored = StoredRequests.ackedOutcomes();
            requests.assertStoredAs(stored);
            String line = String.format("Broker restart: published=%d lost=%d duplicate_events=%d conflicting=%d "
                            + "published_before_outage=%d not_ready_after_s=%.1f outage_s=%.1f "
                            + "ready_after_broker_back_s=%.1f all_outcomes_after_broker_back_s=%.1f%n",
                    requests.published.size(), requests.withoutOutcome().size(), requests.duplicateEvents(),
                    requests.withConflictingOutcomes().size(), publishedWhenDown,
                    notReadyAfter.toMillis() / 1000.0, (back - down) / 1e9, readyAgainAfter.toMillis() / 1000.0,
                    toAllOutcomes.toMillis() / 1000.0);
            Requests.record(line);
        }
    }

    @Test
    void readinessIsDownWhileAnotherClientHoldsTheSubscriptionsClientIdAndUpOnceItIsFree() throws Exception {
        ServiceProcess.freshDataDirectory();
        broker = startBroker();
        jakarta.jms.Connection thief = new org.apache.activemq.ActiveMQConnectionFactory(
                System.getProperty("mayhem.st.ext.broker.url")).createConnection();
        try {
            thief.setClientID("mayhem");
            thief.start();
            running = ServiceProcess.startOnExternalBroker("BROKER-client-id");

            await().atMost(SignalsIT.READY).pollInterval(Duration.ofMillis(250)).until(() -> {
                String readiness = running.readiness();
                return readiness != null && readiness.contains("\"mayhem-readiness\"");
            });
            String readiness = running.readiness();
            assertThat(readiness).startsWith("503 ").contains("\"listener\":\"DOWN: could not connect")
                    .contains("mayhem");
        } finally {
            thief.close();
        }

        Duration readyAfter = running.awaitReady(Duration.ofSeconds(60));
        try (Requests requests = new Requests("system-client-id", System.getProperty("mayhem.st.ext.broker.url"))) {
            requests.publish();
            await().atMost(Duration.ofSeconds(30)).until(() -> requests.withoutOutcome().isEmpty());
        }
        Requests.record(String.format("Client id held by another client: readiness DOWN with the reason, UP %.1f s after it "
                + "was freed, a request handled%n", readyAfter.toMillis() / 1000.0));
    }
}
