package io.mayhem.artemis;

import org.apache.activemq.artemis.jms.client.ActiveMQTopic;

/**
 * Artemis' topic as an administered object that a {@code @JMSDestinationDefinition} can configure: Payara
 * passes the definition's {@code destinationName} as the property {@code Name} and its properties (here
 * {@code PhysicalName}) as they are, and {@link ActiveMQTopic} has setters for neither. Both name the
 * Artemis address.
 */
public class NamedTopic extends ActiveMQTopic {

    private static final long serialVersionUID = 1L;

    public void setName(String name) {
        setAddress(name);
    }

    @Override
    public String getName() {
        return getAddress();
    }

    public String getPhysicalName() {
        return getAddress();
    }

    public void setPhysicalName(String name) {
        setAddress(name);
    }
}
