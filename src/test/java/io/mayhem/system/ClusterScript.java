package io.mayhem.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * server-config/cluster/cluster.sh as an operator runs it, on the cluster test's own run directory and ports
 * (pom.xml: mayhem.cl.*), with the instances' publishers off: the test publishes.
 */
final class ClusterScript {

    static final Path DIR = Path.of(System.getProperty("mayhem.cl.dir"));
    static final int BROKER_PORT = Integer.getInteger("mayhem.cl.broker.port");
    static final int HTTP_PORT = Integer.getInteger("mayhem.cl.http.port");
    static final int PG_PORT = Integer.getInteger("mayhem.cl.pg.port");

    private ClusterScript() {
    }

    static String brokerUrl() {
        return "tcp://127.0.0.1:" + BROKER_PORT;
    }

    /** Runs {@code cluster.sh <args>}; its output goes to target/system/cluster-script.log. Returns stdout. */
    static String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(System.getProperty("mayhem.cluster.script")));
        command.addAll(List.of(args));
        Path log = Path.of("target", "system", "cluster-script.log");
        Path out = Files.createTempFile("cluster-script", ".out");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("MAYHEM_CLUSTER_DIR", DIR.toString());
        env.put("MAYHEM_CLUSTER_BROKER_PORT", Integer.toString(BROKER_PORT));
        env.put("MAYHEM_CLUSTER_HTTP_PORT", Integer.toString(HTTP_PORT));
        env.put("MAYHEM_CLUSTER_PG_PORT", Integer.toString(PG_PORT));
        env.put("MAYHEM_PUBLISHER_ENABLED", "false");
        Process process = builder.start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not end in 15 minutes; see " + log);
        }
        String stdout = Files.readString(out);
        Files.delete(out);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(command + " exited with " + process.exitValue() + "; see " + log);
        }
        return stdout;
    }

    /** The instances' process ids, in port order (cluster.sh pids). */
    static List<Long> pids() throws IOException, InterruptedException {
        return run("pids").lines().map(Long::parseLong).toList();
    }

    static Path log(int instance) {
        return DIR.resolve("instance-" + instance).resolve("server.log");
    }

    /** Outcome per message id of the acked requests in the cluster's PostgreSQL database. */
    static Map<String, String> ackedOutcomes() throws SQLException {
        return StoredRequests.ackedOutcomes("jdbc:postgresql://127.0.0.1:" + PG_PORT + "/mayhem", PostgresServer.USER);
    }
}
