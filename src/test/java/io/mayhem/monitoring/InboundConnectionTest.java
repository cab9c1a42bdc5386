package io.mayhem.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.junit.jupiter.api.Test;

class InboundConnectionTest {

    /** The attributes the patched activemq-rar's MBean has (src/activemq-rar-patch). */
    public interface EndpointMBean {
        boolean isConnected();
        String getProblem();
        String getServerUrl();
        long getDisconnectedSince();
    }

    record Endpoint(boolean isConnected, String getProblem, String getServerUrl, long getDisconnectedSince)
            implements EndpointMBean {
    }

    MBeanServer server = MBeanServerFactory.newMBeanServer();

    private void report(Endpoint endpoint) throws Exception {
        server.registerMBean(new StandardMBean(endpoint, EndpointMBean.class),
                new ObjectName("mayhem:type=InboundConnection,destination=\"mayhem.restarts\""));
    }

    @Test
    void anAdapterThatReportsNothingClaimsNothing() {
        InboundConnection state = InboundConnection.read(server);

        assertThat(state).isEqualTo(InboundConnection.NOT_REPORTED);
        assertThat(state.allowsReady()).isTrue();
        assertThat(state.embeddedBrokerLost(Instant.now())).isFalse();
        assertThat(state.describe()).isEqualTo("not reported by this resource adapter");
    }

    @Test
    void aConnectedEndpointAllowsReady() throws Exception {
        report(new Endpoint(true, "", "vm://localhost?create=false", 0));

        InboundConnection state = InboundConnection.read(server);

        assertThat(state.allowsReady()).isTrue();
        assertThat(state.describe()).isEqualTo("UP");
        assertThat(state.disconnectedSince()).isNull();
    }

    @Test
    void aDisconnectedEndpointIsNotReadyWithItsReason() throws Exception {
        report(new Endpoint(false, "could not connect: client id mayhem is in use", "tcp://broker:61616", 1_000));

        InboundConnection state = InboundConnection.read(server);

        assertThat(state.allowsReady()).isFalse();
        assertThat(state.describe()).isEqualTo("DOWN: could not connect: client id mayhem is in use");
        assertThat(state.disconnectedSince()).isEqualTo(Instant.ofEpochMilli(1_000));
        assertThat(state.embeddedBrokerLost(Instant.ofEpochMilli(1_000_000))).as("an external broker comes back").isFalse();
    }

    @Test
    void anEmbeddedBrokerUnreachablePastTheGraceIsLost() throws Exception {
        report(new Endpoint(false, "could not connect", "vm://localhost?create=false", 1_000));
        InboundConnection state = InboundConnection.read(server);
        Instant lost = Instant.ofEpochMilli(1_000).plus(InboundConnection.EMBEDDED_BROKER_GRACE);

        assertThat(state.embeddedBrokerLost(lost)).isFalse();
        assertThat(state.embeddedBrokerLost(lost.plusMillis(1))).isTrue();
    }
}
