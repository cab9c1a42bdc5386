package io.mayhem.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class JmxRegistrationTest {

    MBeanServer server = MBeanServerFactory.newMBeanServer();
    ObjectName name = JmxStats.objectName();
    JmxRegistration registration = new JmxRegistration(server, name);
    JmxStats bean = new JmxStats(new Stats(() -> 0));

    @Test
    void registersAndUnregisters() throws Exception {
        registration.register(bean);
        assertThat(server.isRegistered(name)).isTrue();
        assertThat(server.isInstanceOf(name, StatsMXBean.class.getName())).isTrue();

        registration.unregister();
        assertThat(server.isRegistered(name)).isFalse();
    }

    @Test
    void replacesARegistrationLeftBehindByAnEarlierDeployment() throws Exception {
        Stats current = new Stats(() -> 0);
        current.acked();
        new JmxRegistration(server, name).register(bean);

        registration.register(new JmxStats(current));

        assertThat(server.getAttribute(name, "Acked")).isEqualTo(1L);
    }

    @Test
    void unregisteringWhatIsNotRegisteredIsFine() throws Exception {
        registration.unregister();
        registration.register(bean);
        server.unregisterMBean(name);
        registration.unregister();

        assertThat(server.isRegistered(name)).isFalse();
    }

    @Test
    void aBeanThatIsNoMBeanIsRefusedWithTheName() {
        assertThatThrownBy(() -> registration.register(new Object()))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("Could not register the MBean mayhem:type=Stats");
    }

    @Test
    void aFailingUnregistrationIsReportedWithTheName() {
        registration.register(new Refusing());

        assertThatThrownBy(registration::unregister)
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("Could not unregister the MBean mayhem:type=Stats");
    }

    public interface RefusingMBean {
    }

    /** An MBean that refuses to be unregistered. */
    public static class Refusing implements RefusingMBean, javax.management.MBeanRegistration {
        @Override
        public ObjectName preRegister(MBeanServer server, ObjectName name) {
            return name;
        }

        @Override
        public void postRegister(Boolean done) {
        }

        @Override
        public void preDeregister() throws Exception {
            throw new Exception("refused");
        }

        @Override
        public void postDeregister() {
        }
    }
}
