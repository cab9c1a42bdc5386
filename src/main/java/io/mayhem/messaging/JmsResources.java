package io.mayhem.messaging;

/**
 * The application's JMS resources, by logical name only. They are defined in {@code WEB-INF/web.xml}
 * ({@code <jms-connection-factory>}, {@code <jms-destination>}) rather than by annotations, so that the one
 * place naming a resource adapter is a deployment-time value: the system property {@link #RESOURCE_ADAPTER_PROPERTY},
 * empty (the server's own JMS provider) unless the server says otherwise. Payara Micro has no built-in provider
 * and sets it to its deployed {@code activemq-rar}; Payara also uses that property for MDBs that name no
 * adapter (docs/decisions/0009-jms-resources-in-web-xml.md).
 */
public final class JmsResources {

    /** Payara's own "default inbound resource adapter" property, also used by web.xml's definitions. */
    public static final String RESOURCE_ADAPTER_PROPERTY = "com.sun.enterprise.connectors.inbound.ramid";
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
