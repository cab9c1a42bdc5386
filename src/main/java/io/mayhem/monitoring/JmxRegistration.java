package io.mayhem.monitoring;

import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Keeps one MBean registered under one name for the life of the deployment. A registration left behind
 * by an earlier deployment of the WAR (a redeploy whose undeploy did not run) is replaced, not an error.
 */
public final class JmxRegistration {

    private final MBeanServer server;
    private final ObjectName name;

    public JmxRegistration(MBeanServer server, ObjectName name) {
        this.server = server;
        this.name = name;
    }

    public void register(Object bean) {
        try {
            unregister();
            server.registerMBean(bean, name);
        } catch (JMException e) {
            throw new IllegalStateException("Could not register the MBean " + name + ": " + e, e);
        }
    }

    /** Unregisters the MBean; that none is registered under the name (any more) is fine. */
    public void unregister() {
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException e) {
            // nothing to unregister: the outcome wanted (a check first could race with another unregistration)
        } catch (JMException e) {
            throw new IllegalStateException("Could not unregister the MBean " + name + ": " + e, e);
        }
    }
}
