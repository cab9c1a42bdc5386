package io.mayhem.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The history of a service whose purge keeps up, written straight into its tables: acked requests of the last
 * 21 hours (the oldest 2,000 of them past the default one-day deduplication window, so the purge has work), then
 * unacked ones leased to owner-0..2. Used by {@link StoreHistoryIT} (query plans) and the benchmark (the rate with
 * history).
 */
final class AckedHistory {

    private AckedHistory() {
    }

    /**
     * Inserts {@code acked + unacked} requests in batches, in the caller's transaction.
     *
     * @param events also the requests' restart events (MAYHEM_RESTART_EVENT, as the service saves them)
     */
    static void insert(Connection db, int acked, int unacked, boolean events) throws SQLException {
        Instant now = Instant.now();
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO MAYHEM_REQUEST (MESSAGE_ID, INSTANCE_NAME,"
                + " RECEIVED_AT, LEASE_OWNER, EXTENDED_COUNT, ACKED, OUTCOME, SAVED, RESTARTED, RESTART_ATTEMPTS, ACKED_AT)"
                + " VALUES (?, ?, ?, ?, 1, ?, ?, TRUE, TRUE, 1, ?)");
             PreparedStatement event = db.prepareStatement(
                     "INSERT INTO MAYHEM_RESTART_EVENT (MESSAGE_ID, HOSTNAME, SAVED_AT) VALUES (?, ?, ?)")) {
            for (int i = 0; i < acked + unacked; i++) {
                boolean isAcked = i < acked;
                Instant at = i < 2_000 ? now.minus(Duration.ofHours(25)).minusSeconds(i)
                        : now.minusMillis((long) (acked + unacked - i) * 250);
                String id = UUID.randomUUID().toString();
                String name = "cattle-" + Integer.toString(i % 1_000_000, 36);
                insert.setString(1, id);
                insert.setString(2, name);
                insert.setTimestamp(3, Timestamp.from(at));
                insert.setString(4, isAcked ? null : "owner-" + (i % 3));
                insert.setBoolean(5, isAcked);
                insert.setString(6, isAcked ? "DONE" : null);
                insert.setTimestamp(7, isAcked ? Timestamp.from(at) : null);
                insert.addBatch();
                if (events) {
                    event.setString(1, id);
                    event.setString(2, name + ".example.net");
                    event.setTimestamp(3, Timestamp.from(at));
                    event.addBatch();
                }
                if (i % 5_000 == 0) {
                    insert.executeBatch();
                    if (events) {
                        event.executeBatch();
                    }
                }
            }
            insert.executeBatch();
            if (events) {
                event.executeBatch();
            }
        }
    }
}
