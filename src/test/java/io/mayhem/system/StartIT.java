package io.mayhem.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The start as an orchestrator sees it, with the README's run command: the probes never say 200 before the
 * application's own checks answer, nothing but the HTTP port listens beyond loopback (the broker's OpenWire, STOMP
 * and AMQP ports listen on it), and a start that cannot bind its HTTP port ends the process instead of leaving a
 * JVM that neither works nor exits. The ports and the data directory are the environment variables
 * ServiceProcess gives (MAYHEM_HTTP_PORT, MAYHEM_DATA_DIR, ...), read by the run command's own files.
 */
class StartIT {

    ServiceProcess running;

    @AfterEach
    void stop() throws InterruptedException {
        if (running != null && running.awaitExit(Duration.ZERO) == null) {
            running.destroyForcibly();
        }
    }

    @Test
    void theProbesNeverAnswer200WithoutTheApplicationsOwnCheckFromTheFirstSecond() throws Exception {
        ServiceProcess.freshDataDirectory();
        running = ServiceProcess.start("START-probes");
        List<String> ready200 = new ArrayList<>();
        List<String> started200 = new ArrayList<>();
        long deadline = System.nanoTime() + SignalsIT.READY.toNanos();
        boolean readyWithOwnCheck = false;
        int polls = 0;
        int notReady = 0;
        // every 20 ms from the process's first moment until readiness is UP with the application's check
        while (!readyWithOwnCheck && System.nanoTime() < deadline) {
            String ready = running.health("/health/ready");
            String started = running.health("/health/started");
            polls++;
            if (ready != null && ready.startsWith("503 ")) {
                notReady++;
            }
            if (ready != null && ready.startsWith("200 ")) {
                ready200.add(ready);
                readyWithOwnCheck = ready.contains("\"mayhem-readiness\"");
            }
            if (started != null && started.startsWith("200 ")) {
                started200.add(started);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }

        assertThat(readyWithOwnCheck).as("readiness UP with mayhem-readiness after " + polls + " polls").isTrue();
        assertThat(notReady).as("503s seen while the server started (it answered before the service was up)").isPositive();
        assertThat(ready200).as("every 200 from /health/ready").allMatch(body -> body.contains("\"mayhem-readiness\""));
        assertThat(started200).as("every 200 from /health/started").allMatch(body -> body.contains("\"mayhem-started\""));
        Path data = Path.of(System.getProperty("mayhem.st.data.dir"));
        assertThat(List.of("h2", "broker", "tx")).as("in MAYHEM_DATA_DIR, emptied before the start")
                .allMatch(part -> Files.isDirectory(data.resolve(part)));
    }

    @Test
    void nothingButTheHttpPortListensBeyondLoopback() throws Exception {
        running = ServiceProcess.start("START-sockets");
        running.awaitReady(SignalsIT.READY);

        Set<String> listening = ListeningSockets.of(running.pid());

        String http = System.getProperty("mayhem.st.http.port");
        assertThat(listening).as("listening sockets of the service").isNotEmpty()
                .filteredOn(address -> !ListeningSockets.isLoopback(address))
                .allMatch(address -> address.endsWith(":" + http), "is the HTTP port " + http);
        // the embedded broker's OpenWire, STOMP and AMQP listeners, on loopback (docs/operations.md)
        for (String port : List.of(System.getProperty("mayhem.st.broker.url").replaceAll(".*:(\\d+).*", "$1"),
                System.getProperty("mayhem.st.stomp.port"), System.getProperty("mayhem.st.amqp.port"))) {
            assertThat(listening).as("listening sockets of the service").filteredOn(ListeningSockets::isLoopback)
                    .anyMatch(address -> address.endsWith(":" + port));
        }
    }

    @Test
    void aStartThatCannotBindItsHttpPortExitsNonZeroWithinSeconds() throws Exception {
        int port = Integer.parseInt(System.getProperty("mayhem.st.http.port"));
        try (ServerSocket taken = new ServerSocket(port, 50, InetAddress.getByName("0.0.0.0"))) {
            running = ServiceProcess.start("START-port-taken");

            Duration exited = running.awaitExit(Duration.ofSeconds(30));

            assertThat(exited).as("the process exits (output in target/system/START-port-taken.log)").isNotNull();
            assertThat(running.exitValue()).isNotZero();
        }
    }

    @Test
    void aLogFormatNeitherTextNorJsonStopsTheStartAtOnceNamingTheKey() throws Exception {
        running = ServiceProcess.start("START-bad-log-format", Map.of("MAYHEM_LOG_FORMAT", "yaml"));

        assertThat(running.awaitExit(Duration.ofSeconds(30))).as("the process exits").isNotNull();
        assertThat(running.exitValue()).isEqualTo(1);
        assertThat(running.output()).contains("Cannot start: MAYHEM_LOG_FORMAT must be text or json, not \"yaml\"");
    }

    @Test
    void anEmbeddedBrokerThatCouldNotStartMakesLivenessDown() throws Exception {
        int port = Integer.parseInt(System.getProperty("mayhem.st.broker.url").replaceAll(".*:(\\d+).*", "$1"));
        try (ServerSocket taken = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
            running = ServiceProcess.start("START-broker-port-taken");

            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        String live = running.health("/health/live");
                        return live != null && live.startsWith("503 ") && live.contains("\"embedded_broker\":\"unreachable");
                    });
        }
    }

    /** The listening TCP sockets of one process, from /proc: "address:port". */
    static final class ListeningSockets {

        static Set<String> of(long pid) throws IOException {
            Set<String> inodes = new TreeSet<>();
            try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
                for (Path fd : (Iterable<Path>) fds::iterator) {
                    try {
                        String target = Files.readSymbolicLink(fd).toString();
                        if (target.startsWith("socket:[")) {
                            inodes.add(target.substring(8, target.length() - 1));
                        }
                    } catch (IOException closedMeanwhile) {
                        // the descriptor went away while listing
                    }
                }
            }
            Set<String> listening = new TreeSet<>();
            for (String table : List.of("tcp", "tcp6")) {
                List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", table));
                for (String line : lines.subList(1, lines.size())) {
                    String[] field = line.trim().split("\\s+");
                    if (field[3].equals("0A") && inodes.contains(field[9])) {
                        listening.add(address(field[1]));
                    }
                }
            }
            return listening;
        }

        /** /proc/net/tcp's "0100007F:1F90" (little-endian words) as "127.0.0.1:8080". */
        static String address(String hex) {
            String[] parts = hex.split(":");
            int port = Integer.parseInt(parts[1], 16);
            String ip = parts[0];
            StringBuilder text = new StringBuilder();
            if (ip.length() == 8) {
                for (int i = 6; i >= 0; i -= 2) {
                    text.append(Integer.parseInt(ip.substring(i, i + 2), 16)).append(i > 0 ? "." : "");
                }
            } else {
                for (int word = 0; word < 4; word++) {
                    String w = ip.substring(word * 8, word * 8 + 8);
                    for (int i = 6; i >= 0; i -= 2) {
                        text.append(w, i, i + 2);
                    }
                }
                text.insert(0, "[").append("]");
            }
            return text + ":" + port;
        }

        static boolean isLoopback(String address) {
            return address.startsWith("127.") || address.startsWith("[00000000000000000000000000000001]")
                    || address.startsWith("[00000000000000000000FFFF7F");
        }
    }
}
