package io.mayhem.artemis;

import org.apache.activemq.artemis.ra.inflow.ActiveMQActivationSpec;

/**
 * Artemis' activation spec as the scale-out setup needs it (server-config/cluster, not part of the WAR):
 * subscriptions are shared by default, so the same durable MDB on N instances is one subscription whose
 * messages go to one instance each, instead of the second instance failing to activate; and the
 * {@code maxSessions} activation property that the WAR already uses for ActiveMQ is honoured (Artemis
 * calls it {@code maxSession}). The destination is a physical name, as with ActiveMQ, not a JNDI name.
 * Everything else is Artemis' own.
 */
public class SharedSubscriptionActivationSpec extends ActiveMQActivationSpec {

    public SharedSubscriptionActivationSpec() {
        setShareSubscriptions(Boolean.TRUE);
        setUseJNDI(Boolean.FALSE);
    }

    public Integer getMaxSessions() {
        return getMaxSession();
    }

    public void setMaxSessions(Integer value) {
        setMaxSession(value);
    }
}
