package io.mayhem.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** Reads a service's database: outcome per message id, for acked requests. */
final class StoredRequests {

    private StoredRequests() {
    }

    /** The stopped service's H2 database file (read only). */
    static Map<String, String> ackedOutcomes() throws SQLException {
        return ackedOutcomes("jdbc:h2:" + System.getProperty("mayhem.st.data.dir") + "/h2/mayhem;ACCESS_MODE_DATA=r", "");
    }

    static Map<String, String> ackedOutcomes(String url, String user) throws SQLException {
        Map<String, String> outcomes = new HashMap<>();
        try (Connection db = DriverManager.getConnection(url, user, "");
             PreparedStatement query = db.prepareStatement(
                     "SELECT MESSAGE_ID, OUTCOME FROM MAYHEM_REQUEST WHERE ACKED = TRUE");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                outcomes.put(rows.getString(1), rows.getString(2));
            }
        }
        return outcomes;
    }
}
