package io.mayhem.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The service on PostgreSQL (a server this test starts on its own port and data directory), the database
 * stopped in the middle of a stream of requests and started again: readiness goes DOWN and comes back by
 * itself, intake holds and then refuses (the broker keeps the messages), and nothing is lost. The database asks
 * for a password, made for this run and given to the service only as MAYHEM_DB_PASSWORD: no file under target/
 * (the boot files, the logs, Payara's runtime copy of its configuration) ever holds it. Measured numbers go to
 * target/system/results.txt.
 */
class DatabaseOutageIT {

    static final int REQUESTS = 300;
    static final Duration OUTAGE = Duration.ofSeconds(15);

    final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    ServiceProcess running;

    @AfterEach
    void stop() throws InterruptedException {
        pacer.shutdownNow();
        if (running != null && running.awaitExit(Duration.ZERO) == null) {
            running.destroyForcibly();
        }
    }

    @Test
    void theDatabaseStoppedMidLoadAndStartedAgainLosesNothingAndReadinessFollowsIt() throws Exception {
        ServiceProcess.freshDataDirectory();
        String password = "db-" + UUID.randomUUID();
        try (PostgresServer database = PostgresServer.create(Integer.getInteger("mayhem.st.pg.port"), password)) {
            database.start();
            database.createDatabase();
            // intake holds a delivery for 5 s, so during the 15 s outage it also refuses (the JMS receive rolls back)
            running = ServiceProcess.startOnPostgres("DB-outage", database.url(PostgresServer.DATABASE),
                    PostgresServer.USER, password, "-Dmayhem.flow.max-wait=5s");
            running.awaitReady(Duration.ofSeconds(120));
            assertThat(FilesContaining.under(Path.of("target"), password)).as("files holding the password").isEmpty();

            try (Requests requests = new Requests("system-DB")) {
                // about 50 a second: a third before the outage, the rest while the database is down
                pacer.scheduleAtFixedRate(() -> {
                    try {
                        if (requests.published.size() < REQUESTS) {
                            requests.publish();
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, 0, 20, TimeUnit.MILLISECONDS);
                await().atMost(Duration.ofSeconds(30)).until(() -> requests.published.size() >= REQUESTS / 3
                        && requests.outcomes.size() >= 20);

                database.stop();
                long down = System.nanoTime();
                Duration toNotReady = running.awaitNotReady(Duration.ofSeconds(30));
                assertThat(running.readiness()).contains("\"database\":\"DOWN");
                // nothing is acked while the database is away: the count of outcomes stays where it was
                int outcomesWhenDown = requests.outcomes.size();
                await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
                        .until(() -> requests.outcomes.size() == outcomesWhenDown);
                await().atMost(OUTAGE.plusSeconds(10)).until(() -> Duration.ofNanos(System.nanoTime() - down)
                        .compareTo(OUTAGE) >= 0);

                database.start();
                long back = System.nanoTime();
                Duration toReady = running.awaitReady(Duration.ofSeconds(60));
                await().atMost(Duration.ofSeconds(180)).until(() -> requests.withoutOutcome().isEmpty()
                        && requests.published.size() == REQUESTS);
                Duration toAllOutcomes = Duration.ofNanos(System.nanoTime() - back);

                assertThat(requests.withConflictingOutcomes()).as("requests with two different outcomes").isEmpty();
                String log = running.output();
                long refused = log.lines().filter(l -> l.contains("rolled back, it stays in the broker")).count();
                assertThat(refused).as("deliveries refused and rolled back while the database was down").isPositive();
                running.signal("TERM");
                assertThat(running.awaitExit(Duration.ofSeconds(30))).isNotNull();
                assertThat(FilesContaining.under(Path.of("target"), password)).as("files holding the password")
                        .isEmpty();
                Map<String, String> stored = storedOutcomes(database);
                requests.assertStoredAs(stored);
                String line = String.format("DB outage: published=%d lost=%d duplicate_events=%d conflicting=%d "
                                + "outcomes_before_outage=%d refused_deliveries=%d not_ready_after_s=%.1f outage_s=%.1f "
                                + "ready_after_db_back_s=%.1f all_outcomes_after_db_back_s=%.1f%n",
                        requests.published.size(), requests.withoutOutcome().size(), requests.duplicateEvents(),
                        requests.withConflictingOutcomes().size(), outcomesWhenDown, refused, seconds(toNotReady),
                        (back - down) / 1e9, seconds(toReady), seconds(toAllOutcomes));
                Requests.record(line);
            }
        }
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static Map<String, String> storedOutcomes(PostgresServer database) throws Exception {
        Map<String, String> outcomes = new HashMap<>();
        try (Connection db = database.connect();
             ResultSet rows = db.createStatement().executeQuery(
                     "SELECT MESSAGE_ID, OUTCOME FROM MAYHEM_REQUEST WHERE ACKED = TRUE")) {
            while (rows.next()) {
                outcomes.put(rows.getString(1), rows.getString(2));
            }
        }
        return outcomes;
    }
}
