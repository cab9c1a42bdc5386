package io.mayhem.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.mayhem.store.StoreQueries;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cost that does not grow with history (issue "Thousands in seconds", item 5; docs/hot-path.md): with 300,000
 * acked requests stored, the periodic queries (sweep, purge, outbox resend, heartbeat) are planned on an index,
 * on H2 (the embedded default, the version Payara Micro ships) and PostgreSQL (production). The tables are made
 * as EclipseLink makes them (instants serialized: docs/decisions/0019-instants-stored-serialized.md) and the
 * indexes with the very statements the service runs at start ({@link StoreQueries#INDEXES}); the queries are
 * the service's SQL (the native sweep query itself, the others as EclipseLink renders their JPQL). The plans go to target/system/query-plans.txt.
 */
class StoreHistoryIT {

    static final int ACKED = 300_000;
    static final int UNACKED = 500;
    static final int PG_PORT = Integer.getInteger("mayhem.st.pg.port", 55433) + 7;
    /**
     * The tables as EclipseLink creates them from the entities: it stores their {@code java.time.Instant} fields as
     * serialized objects (BINARY VARYING on H2, BYTEA on PostgreSQL), compared byte by byte, which orders them by
     * time (the serial form is a fixed prefix, then the epoch second and the nanoseconds, big-endian).
     */
    static String[] tables(String instant) {
        return new String[] {
            "CREATE TABLE MAYHEM_REQUEST (MESSAGE_ID VARCHAR(36) NOT NULL PRIMARY KEY, INSTANCE_NAME VARCHAR(63) NOT NULL,"
                    + " RECEIVED_AT " + instant + " NOT NULL, LEASE_OWNER VARCHAR(64), EXTENDED_COUNT INTEGER, ACKED BOOLEAN,"
                    + " OUTCOME VARCHAR(8), ERROR VARCHAR(2000), SAVED BOOLEAN, RESTARTED BOOLEAN,"
                    + " RESTART_ATTEMPTS INTEGER, ACKED_AT " + instant + ")",
            "CREATE TABLE MAYHEM_INSTANCE (OWNER VARCHAR(64) NOT NULL PRIMARY KEY, RENEWED_AT " + instant + " NOT NULL,"
                    + " EXPIRED BOOLEAN NOT NULL)",
            "CREATE TABLE MAYHEM_OUTBOX (MESSAGE_ID VARCHAR(36) NOT NULL PRIMARY KEY, STORED_AT " + instant + " NOT NULL)"};
    }

    static final String H2_INSTANT = "BINARY VARYING(255)";
    static final String PG_INSTANT = "BYTEA";

    static String h2Literal(Instant at) {
        return "X'" + java.util.HexFormat.of().formatHex(AckedHistory.serialize(at)) + "'";
    }

    static String pgLiteral(Instant at) {
        return "'\\x" + java.util.HexFormat.of().formatHex(AckedHistory.serialize(at)) + "'::bytea";
    }

    static PostgresServer postgres;
    static final List<String> plans = new ArrayList<>();

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresServer.create(PG_PORT);
        postgres.start();
        postgres.createDatabase();
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "system"));
        java.nio.file.Files.write(java.nio.file.Path.of("target", "system", "query-plans.txt"), plans);
    }

    @Test
    void onH2ThePeriodicQueriesUseTheirIndexes() throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:h2:mem:history;DB_CLOSE_DELAY=-1")) {
            fill(db, H2_INSTANT);
            assertThat(plan(db, "H2", "EXPLAIN " + abandoned())).contains(StoreQueries.OWNER_INDEX);
            assertThat(plan(db, "H2", "EXPLAIN " + purgeable(StoreHistoryIT::h2Literal))).contains(StoreQueries.ACKED_AT_INDEX);
            assertThat(plan(db, "H2", "EXPLAIN " + unsent(StoreHistoryIT::h2Literal))).contains("MAYHEM_OUTBOX_STORED");
            assertThat(plan(db, "H2", "EXPLAIN " + renew(StoreHistoryIT::h2Literal))).contains("PRIMARY_KEY");
            assertThat(plan(db, "H2", "EXPLAIN " + release())).contains(StoreQueries.OWNER_INDEX);
        }
    }

    @Test
    void onPostgresqlThePeriodicQueriesUseTheirIndexes() throws SQLException {
        try (Connection db = postgres.connect()) {
            fill(db, PG_INSTANT);
            try (Statement analyze = db.createStatement()) {
                analyze.execute("ANALYZE");
            }
            assertThat(plan(db, "PostgreSQL", "EXPLAIN " + abandoned())).containsIgnoringCase(StoreQueries.OWNER_INDEX);
            assertThat(plan(db, "PostgreSQL", "EXPLAIN " + purgeable(StoreHistoryIT::pgLiteral))).containsIgnoringCase(StoreQueries.ACKED_AT_INDEX);
            // the outbox and the heartbeats are small tables (unsent events; one row per instance): PostgreSQL
            // rightly scans them, and they do not grow with the history
            assertThat(plan(db, "PostgreSQL", "EXPLAIN " + unsent(StoreHistoryIT::pgLiteral))).doesNotContainIgnoringCase("mayhem_request");
            assertThat(plan(db, "PostgreSQL", "EXPLAIN " + renew(StoreHistoryIT::pgLiteral))).doesNotContainIgnoringCase("mayhem_request");
            assertThat(plan(db, "PostgreSQL", "EXPLAIN " + release())).containsIgnoringCase(StoreQueries.OWNER_INDEX);
        }
    }

    /** The sweep's own native query, its limit filled in. */
    private static String abandoned() {
        return StoreQueries.ABANDONED.replace("LIMIT ?", "LIMIT 500");
    }

    /** {@link StoreQueries#PURGEABLE} as EclipseLink renders it (its log with eclipselink.logging.level.sql=FINE). */
    private static String purgeable(java.util.function.Function<Instant, String> literal) {
        return "SELECT MESSAGE_ID FROM MAYHEM_REQUEST WHERE ((ACKED = TRUE) AND (ACKED_AT < "
                + literal.apply(Instant.now().minus(Duration.ofDays(1))) + ")) LIMIT 1000";
    }

    private static String unsent(java.util.function.Function<Instant, String> literal) {
        return "SELECT MESSAGE_ID FROM MAYHEM_OUTBOX WHERE (STORED_AT < " + literal.apply(Instant.now())
                + ") ORDER BY STORED_AT LIMIT 500";
    }

    private static String renew(java.util.function.Function<Instant, String> literal) {
        return "UPDATE MAYHEM_INSTANCE SET RENEWED_AT = " + literal.apply(Instant.now())
                + " WHERE ((OWNER = 'owner-1') AND (EXPIRED = FALSE))";
    }

    private static String release() {
        return "UPDATE MAYHEM_REQUEST SET LEASE_OWNER = NULL WHERE ((ACKED = FALSE) AND (LEASE_OWNER = 'owner-1'))";
    }

    private static String plan(Connection db, String name, String explain) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(explain)) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        plans.add("-- " + name + ": " + explain + "\n" + plan);
        return plan.toString();
    }

    /**
     * The steady state of a service whose purge keeps up: 300,000 acked requests of the last 21 hours, of which
     * the oldest 2,000 are past the one-day window; 500 in flight, a few instances and outbox entries.
     */
    private static void fill(Connection db, String instant) throws SQLException {
        try (Statement ddl = db.createStatement()) {
            for (String table : tables(instant)) {
                ddl.execute(table);
            }
            for (String index : StoreQueries.INDEXES) {
                ddl.execute(index);
            }
        }
        db.setAutoCommit(false);
        AckedHistory.insert(db, ACKED, UNACKED, false);
        try (PreparedStatement instance = db.prepareStatement("INSERT INTO MAYHEM_INSTANCE VALUES (?, ?, ?)");
             PreparedStatement outbox = db.prepareStatement("INSERT INTO MAYHEM_OUTBOX SELECT MESSAGE_ID, ACKED_AT"
                     + " FROM MAYHEM_REQUEST WHERE ACKED = TRUE AND ACKED_AT > ?")) {
            for (int i = 0; i < 3; i++) {
                instance.setString(1, "owner-" + i);
                instance.setBytes(2, AckedHistory.serialize(Instant.now()));
                instance.setBoolean(3, i == 2);
                instance.executeUpdate();
            }
            outbox.setBytes(1, AckedHistory.serialize(Instant.now().minusSeconds(5)));
            outbox.executeUpdate();
        }
        db.commit();
        db.setAutoCommit(true);
    }
}
