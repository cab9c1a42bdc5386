package io.mayhem.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Publishers in any language: the service started by the README's run command, and two Python programs
 * (src/test/python) that publish to it over the embedded broker's STOMP listener with stomp.py and its AMQP 1.0
 * listener with python-qpid-proton, each a valid request (as the client sends it by default, and as bytes or with
 * a JSON content type) and a poison message, and read the outcome events on mayhem.acks and the dead letter on
 * mayhem.deadletter through the same protocol. A program exits 0 only when all of them came; its round-trip times
 * go to target/system/results.txt. The clients are pinned ({@link PythonClients}); without them the test fails.
 */
class PythonPublishersIT {

    private static final Pattern ROUND_TRIP = Pattern.compile("(?m)^round_trip_ms (\\w+) ([0-9.]+) (.*)$");

    static PythonClients.Installed clients;
    static ServiceProcess running;

    @BeforeAll
    static void start() throws Exception {
        clients = PythonClients.install();
        ServiceProcess.freshDataDirectory();
        // the simulated work as short as it goes and never failing: the times are the protocols' and the service's
        running = ServiceProcess.start("PYTHON", "-Dmayhem.simulation.max-latency=1ms",
                "-Dmayhem.simulation.restart-failure-rate=0", "-Dmayhem.simulation.save-failure-rate=0");
        running.awaitReady(SignalsIT.READY);
        // one request through OpenWire first, so that no Python client measures the server's first request
        try (Requests warmUp = new Requests("python-warm-up")) {
            String id = warmUp.publish();
            await().atMost(Duration.ofSeconds(60)).until(() -> warmUp.outcomes.containsKey(id));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (running != null) {
            running.signal("TERM");
            if (running.awaitExit(Duration.ofSeconds(60)) == null) {
                running.destroyForcibly();
            }
        }
    }

    @Test
    void stompPyPublishesARequestAsBytesAndAsJsonAndReadsTheirOutcomesAndThePoisonsDeadLetterOverStomp()
            throws Exception {
        Map<String, String> times = runClient("stomp_publisher.py", "mayhem.st.stomp.port", "stomp");

        assertThat(times).containsOnlyKeys("text", "json", "poison");
        assertThat(times.get("text")).endsWith(" DONE");
        assertThat(times.get("json")).endsWith(" DONE");
        assertThat(times.get("poison")).contains(" invalid UTF-8: replacement character U+FFFD");
        record("stomp.py " + PythonClients.STOMP_PY + " over STOMP", times);
    }

    @Test
    void qpidProtonPublishesARequestAsTextAndAsBytesAndReadsTheirOutcomesAndThePoisonsDeadLetterOverAmqp()
            throws Exception {
        Map<String, String> times = runClient("amqp_publisher.py", "mayhem.st.amqp.port", "amqp");

        assertThat(times).containsOnlyKeys("text", "bytes", "poison");
        assertThat(times.get("text")).endsWith(" DONE");
        assertThat(times.get("bytes")).endsWith(" DONE");
        assertThat(times.get("poison")).contains(" instance_name is not a host label");
        record("python-qpid-proton " + PythonClients.QPID_PROTON + " over AMQP 1.0", times);
    }

    /** Runs one of the Python programs against the service; its "round_trip_ms" lines by message name. */
    private static Map<String, String> runClient(String script, String portProperty, String name)
            throws IOException, InterruptedException {
        Path output = Path.of("target", "system", "PYTHON-" + name + ".log");
        // -B: no __pycache__ of the shared round_trips module in the source tree
        Process process = new ProcessBuilder(clients.python().toString(), "-B",
                Path.of("src", "test", "python", script).toString(), "127.0.0.1", System.getProperty(portProperty), "60")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(script + " still running after 90 s; output in " + output);
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(script + " exit code; it printed:\n" + printed).isZero();
        Map<String, String> times = new LinkedHashMap<>();
        Matcher line = ROUND_TRIP.matcher(printed);
        while (line.find()) {
            times.put(line.group(1), line.group(2) + " " + line.group(3));
        }
        return times;
    }

    private static void record(String client, Map<String, String> times) throws IOException {
        StringBuilder line = new StringBuilder("Python publisher, " + client + " (clients from " + clients.source()
                + "; simulated work 1 ms, no failures): round trip to the outcome event or dead letter");
        for (Map.Entry<String, String> time : times.entrySet()) {
            line.append(String.format(" %s=%s ms", time.getKey(), time.getValue().split(" ", 2)[0]));
        }
        Requests.record(line.append(System.lineSeparator()).toString());
    }
}
