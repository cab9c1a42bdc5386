package io.mayhem.metrics;

import io.mayhem.configuration.MetricsSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The value of the {@code instance} label of {@code GET /metrics}: {@code mayhem.metrics.instance} when set, else
 * {@code <host name>:<HTTP port>} (in Kubernetes the host name is the pod's name), stable for as long as the
 * instance runs (docs/operations.md "Prometheus").
 */
final class InstanceLabel {

    private InstanceLabel() {
    }

    /**
     * @param settings the configured name, if any
     * @param hostName this machine's (or pod's) host name
     * @param port the HTTP port the service answers on
     * @return the label's value
     */
    static String of(MetricsSettings settings, String hostName, int port) {
        return settings.instance().orElseGet(() -> hostName + ":" + port);
    }

    /** The local host's name, or {@code localhost} when it cannot be resolved. */
    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
