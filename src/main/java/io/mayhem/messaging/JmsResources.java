package io.mayhem.messaging;

import jakarta.jms.JMSConnectionFactoryDefinition;
import jakarta.jms.JMSDestinationDefinition;

/**
 * The application's JMS resources, by logical name only. The resource adapter's name is needed on Payara
 * Micro (the deployed activemq-rar) and is kept here, in this one place.
 */
@JMSConnectionFactoryDefinition(name = JmsResources.CONNECTION_FACTORY, resourceAdapter = JmsResources.RESOURCE_ADAPTER,
        transactional = true, maxPoolSize = 64)
@JMSDestinationDefinition(name = JmsResources.RESTARTS, interfaceName = "jakarta.jms.Topic",
        resourceAdapter = JmsResources.RESOURCE_ADAPTER, destinationName = JmsResources.RESTARTS_TOPIC,
        properties = "PhysicalName=" + JmsResources.RESTARTS_TOPIC)
@JMSDestinationDefinition(name = JmsResources.ACKS, interfaceName = "jakarta.jms.Topic",
        resourceAdapter = JmsResources.RESOURCE_ADAPTER, destinationName = JmsResources.ACKS_TOPIC,
        properties = "PhysicalName=" + JmsResources.ACKS_TOPIC)
@JMSDestinationDefinition(name = JmsResources.DEAD_LETTERS, interfaceName = "jakarta.jms.Topic",
        resourceAdapter = JmsResources.RESOURCE_ADAPTER, destinationName = JmsResources.DEAD_LETTER_TOPIC,
        properties = "PhysicalName=" + JmsResources.DEAD_LETTER_TOPIC)
public final class JmsResources {

    public static final String RESOURCE_ADAPTER = "activemq-rar";
    public static final String CONNECTION_FACTORY = "java:app/jms/MayhemConnectionFactory";
    public static final String RESTARTS = "java:app/jms/Restarts";
    public static final String ACKS = "java:app/jms/Acks";
    public static final String DEAD_LETTERS = "java:app/jms/DeadLetters";
    public static final String RESTARTS_TOPIC = "mayhem.restarts";
    public static final String ACKS_TOPIC = "mayhem.acks";
    public static final String DEAD_LETTER_TOPIC = "mayhem.deadletter";
    public static final String SUBSCRIPTION = "mayhem";

    private JmsResources() {
    }
}
