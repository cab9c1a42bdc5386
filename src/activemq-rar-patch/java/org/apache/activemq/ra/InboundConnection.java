package org.apache.activemq.ra;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * MAYHEM PATCH (a class of ours in the resource adapter): whether one message endpoint holds its connection and
 * consumer, as the MBean {@code mayhem:type=InboundConnection,destination=<physical name>} with the attributes of
 * {@link InboundConnectionMBean}. The application reads it by name (no shared classes): readiness is DOWN while
 * the endpoint is not connected, liveness DOWN when an embedded ({@code vm:}) broker stays unreachable.
 */
public final class InboundConnection implements InboundConnectionMBean {

    private final ObjectName name;
    private final String serverUrl;
    private volatile boolean connected;
    private volatile String problem = "not connected yet";
    private volatile long disconnectedSince = System.currentTimeMillis();

    InboundConnection(String destination, String serverUrl) {
        this.serverUrl = serverUrl;
        ObjectName objectName;
        try {
            objectName = new ObjectName("mayhem:type=InboundConnection,destination=" + ObjectName.quote(destination));
        } catch (JMException e) {
            objectName = null;
        }
        this.name = objectName;
    }

    void connected() {
        connected = true;
        problem = "";
        disconnectedSince = 0;
    }

    void disconnected(String why) {
        if (connected || disconnectedSince == 0) {
            disconnectedSince = System.currentTimeMillis();
        }
        connected = false;
        problem = why == null ? "unknown" : why;
    }

    void register() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(new StandardMBean(this, InboundConnectionMBean.class), name);
        } catch (JMException | RuntimeException e) {
            // health then reports nothing about the endpoint; delivery is unaffected
        }
    }

    void unregister() {
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (JMException | RuntimeException e) {
            // not registered
        }
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public String getProblem() {
        return problem;
    }

    @Override
    public String getServerUrl() {
        return serverUrl;
    }

    @Override
    public long getDisconnectedSince() {
        return disconnectedSince;
    }
}
