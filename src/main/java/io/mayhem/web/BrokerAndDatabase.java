package io.mayhem.web;

import io.mayhem.messaging.JmsResources;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Whether the broker and the database answer, for the readiness check. */
@ApplicationScoped
public class BrokerAndDatabase {

    @Resource(lookup = JmsResources.CONNECTION_FACTORY)
    ConnectionFactory broker;

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource database;

    /**
     * Creates the bean, with its resources injected, when the application starts: WildFly calls health checks on
     * its management threads, where java:comp/DefaultDataSource cannot be looked up.
     */
    void createdAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // observing the event is enough: the container creates this bean to deliver it
    }

    /** Null when the broker takes a connection, else why not. */
    public String brokerProblem() {
        try (Connection connection = broker.createConnection()) {
            connection.getMetaData();
            return null;
        } catch (JMSException e) {
            return "DOWN: " + e.getMessage();
        }
    }

    /** Null when the database hands out a valid connection, else why not. */
    public String databaseProblem() {
        try (java.sql.Connection connection = database.getConnection()) {
            return connection.isValid(2) ? null : "DOWN: connection not valid";
        } catch (SQLException e) {
            return "DOWN: " + e.getMessage();
        }
    }
}
