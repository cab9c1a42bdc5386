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
        boolean serialized = serializedTimestamps(db);
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO MAYHEM_REQUEST (MESSAGE_ID, INSTANCE_NAME,"
                + " RECEIVED_AT, LEASE_OWNER, EXTENDED_COUNT, ACKED, OUTCOME, SAVED, RESTARTED, RESTART_ATTEMPTS, ACKED_AT)"
                + " VALUES (?, ?, ?, ?, 1, ?, ?, TRUE, TRUE, 1, ?)");
             PreparedStatement event = events ? db.prepareStatement(
                     "INSERT INTO MAYHEM_RESTART_EVENT (MESSAGE_ID, HOSTNAME, SAVED_AT) VALUES (?, ?, ?)") : null) {
            for (int i = 0; i < acked + unacked; i++) {
                boolean isAcked = i < acked;
                Instant at = i < 2_000 ? now.minus(Duration.ofHours(25)).minusSeconds(i)
                        : now.minusMillis((long) (acked + unacked - i) * 250);
                String id = UUID.randomUUID().toString();
                String name = "cattle-" + Integer.toString(i % 1_000_000, 36);
                insert.setString(1, id);
                insert.setString(2, name);
                setInstant(insert, 3, at, serialized);
                insert.setString(4, isAcked ? null : "owner-" + (i % 3));
                insert.setBoolean(5, isAcked);
                insert.setString(6, isAcked ? "DONE" : null);
                setInstant(insert, 7, isAcked ? at : null, serialized);
                insert.addBatch();
                if (events) {
                    event.setString(1, id);
                    event.setString(2, name + ".example.net");
                    setInstant(event, 3, at, serialized);
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

    /**
     * True when the service's own schema stores its instants as serialized {@code java.time.Instant} objects
     * (EclipseLink maps the entities' {@code Instant} fields to BINARY VARYING on H2); false for TIMESTAMP columns.
     */
    static boolean serializedTimestamps(Connection db) throws SQLException {
        try (var rows = db.createStatement().executeQuery("SELECT RECEIVED_AT FROM MAYHEM_REQUEST WHERE 1 = 0")) {
            int type = rows.getMetaData().getColumnType(1);
            return type == java.sql.Types.VARBINARY || type == java.sql.Types.BINARY
                    || type == java.sql.Types.LONGVARBINARY || type == java.sql.Types.BLOB;
        }
    }

    /** The instant as the column holds it: a TIMESTAMP, or the Java serialization EclipseLink writes. */
    static void setInstant(PreparedStatement statement, int index, Instant at, boolean serialized) throws SQLException {
        if (at == null) {
            statement.setNull(index, serialized ? java.sql.Types.VARBINARY : java.sql.Types.TIMESTAMP);
        } else if (serialized) {
            statement.setBytes(index, serialize(at));
        } else {
            statement.setTimestamp(index, Timestamp.from(at));
        }
    }

    static byte[] serialize(Instant at) {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(at);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
