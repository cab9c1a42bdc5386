package io.mayhem.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.mayhem.testkit.VirtualScheduler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import org.junit.jupiter.api.Test;

class JmxStatsTest {

    VirtualScheduler time = new VirtualScheduler();
    Stats stats = new Stats(new LatencyWindow(time.clock(), Duration.ofSeconds(60), 100), () -> 10);
    MBeanServer server = MBeanServerFactory.newMBeanServer();

    @Test
    void isNamedInTheMayhemDomain() {
        assertThat(JmxStats.objectName().getDomain()).isEqualTo("mayhem");
        assertThat(JmxStats.objectName().getKeyProperty("type")).isEqualTo("Stats");
    }

    @Test
    void everyAttributeReadsItsOwnLiveCounter() throws Exception {
        bump(stats);
        new JmxRegistration(server, JmxStats.objectName()).register(new JmxStats(stats));

        Map<String, Object> attributes = new LinkedHashMap<>();
        for (String name : new String[] {"Published", "Received", "Saved", "Restarted", "RestartRetries", "Failed",
                "Acked", "DeadLettered", "Extended", "InFlight", "HandlingMsP50", "HandlingMsP95", "HandlingMsP99",
                "UncaughtExceptions"}) {
            attributes.put(name, server.getAttribute(JmxStats.objectName(), name));
        }

        assertThat(attributes).containsExactly(Map.entry("Published", 1L), Map.entry("Received", 2L),
                Map.entry("Saved", 3L), Map.entry("Restarted", 4L), Map.entry("RestartRetries", 5L),
                Map.entry("Failed", 6L), Map.entry("Acked", 7L), Map.entry("DeadLettered", 8L),
                Map.entry("Extended", 9L), Map.entry("InFlight", 10L), Map.entry("HandlingMsP50", 50L),
                Map.entry("HandlingMsP95", 95L), Map.entry("HandlingMsP99", 99L), Map.entry("UncaughtExceptions", 11L));
    }

    @Test
    void showsCountsMadeAfterItWasRegistered() {
        new JmxRegistration(server, JmxStats.objectName()).register(new JmxStats(stats));
        StatsMXBean proxy = JMX.newMXBeanProxy(server, JmxStats.objectName(), StatsMXBean.class);
        assertThat(proxy.getAcked()).isZero();

        stats.acked();

        assertThat(proxy.getAcked()).isEqualTo(1);
    }

    /** Each counter a different number, so that a getter reading the wrong one shows. */
    private static void bump(Stats stats) {
        count(1, stats::published);
        count(2, stats::received);
        count(3, stats::saved);
        count(4, stats::restarted);
        count(5, stats::restartRetried);
        count(6, stats::failed);
        count(7, stats::acked);
        count(8, stats::deadLettered);
        count(9, stats::extended);
        count(11, stats::uncaught);
        for (int ms = 1; ms <= 100; ms++) {
            stats.handled(Duration.ofMillis(ms));
        }
    }

    private static void count(int times, Runnable event) {
        for (int i = 0; i < times; i++) {
            event.run();
        }
    }
}
