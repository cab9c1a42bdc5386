package io.mayhem.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Whether the listener holds its connection and durable subscription, as the patched activemq-rar reports it
 * (the MBean {@code mayhem:type=InboundConnection,destination=...}, src/activemq-rar-patch). Another resource
 * adapter reports nothing, and then nothing is claimed either way.
 *
 * @param reported whether a resource adapter reports the endpoint at all
 * @param connected whether it holds its connection and consumer
 * @param problem why not (empty while connected)
 * @param serverUrl the adapter's broker URL; {@code vm:} is the embedded broker
 * @param disconnectedSince since when it is not connected, or null while connected
 */
public record InboundConnection(boolean reported, boolean connected, String problem, String serverUrl,
                                Instant disconnectedSince) {

    /** How long an embedded broker may stay unreachable before liveness says the process must be restarted. */
    public static final Duration EMBEDDED_BROKER_GRACE = Duration.ofSeconds(60);

    static final ObjectName PATTERN = pattern();

    /** Nothing reported: another resource adapter, or none activated the endpoint. */
    public static final InboundConnection NOT_REPORTED = new InboundConnection(false, false, "", "", null);

    /** What the first reporting endpoint says; {@link #NOT_REPORTED} when none reports or it cannot be read. */
    public static InboundConnection read(MBeanServer server) {
        Set<ObjectName> names = server.queryNames(PATTERN, null);
        if (names.isEmpty()) {
            return NOT_REPORTED;
        }
        ObjectName name = names.iterator().next();
        try {
            boolean connected = (Boolean) server.getAttribute(name, "Connected");
            long since = (Long) server.getAttribute(name, "DisconnectedSince");
            return new InboundConnection(true, connected, String.valueOf(server.getAttribute(name, "Problem")),
                    String.valueOf(server.getAttribute(name, "ServerUrl")),
                    connected || since <= 0 ? null : Instant.ofEpochMilli(since));
        } catch (JMException | RuntimeException e) {
            return NOT_REPORTED;
        }
    }

    /** Whether readiness may be UP as far as the listener goes: connected, or not reported at all. */
    public boolean allowsReady() {
        return !reported || connected;
    }

    /**
     * Whether the embedded broker has been unreachable for longer than {@link #EMBEDDED_BROKER_GRACE} at
     * {@code now}: it is part of this process and does not come back by itself, so liveness is DOWN.
     */
    public boolean embeddedBrokerLost(Instant now) {
        return reported && !connected && serverUrl.startsWith("vm:") && disconnectedSince != null
                && Duration.between(disconnectedSince, now).compareTo(EMBEDDED_BROKER_GRACE) > 0;
    }

    /** For the checks' data: "UP", "DOWN: <problem>", or "not reported by this resource adapter". */
    public String describe() {
        return !reported ? "not reported by this resource adapter" : connected ? "UP" : "DOWN: " + problem;
    }

    private static ObjectName pattern() {
        try {
            return new ObjectName("mayhem:type=InboundConnection,*");
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }
}
